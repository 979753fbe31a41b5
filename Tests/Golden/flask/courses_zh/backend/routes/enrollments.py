"""报名记录: list, get, under /api/enrollments.

Access: only the owner may read; only the owner may write.
"""
from flask import Blueprint, request
from sqlalchemy import select

from auth import current_user
from crud import get_or_404, page_of, to_json
from database import session
from errors import ApiError
from messages import message
from models import Enrollment
from relations import parent_id_param
from rules import ENROLLMENT_FIELDS
from validation import page_params

bp = Blueprint("enrollments", __name__, url_prefix="/api/enrollments")
LABEL = "报名记录"


# sculpt:part entity-json enrollment
def enrollment_json(enrollment):
    return {**to_json(enrollment, ENROLLMENT_FIELDS), "owner_id": enrollment.owner_id}


# sculpt:part route-list enrollment
@bp.get("")
def list_enrollments():
    user = current_user()
    page, page_size = page_params()
    query = select(Enrollment).order_by(Enrollment.id)
    query = query.where(Enrollment.owner_id == user.id)
    course_id = parent_id_param(request.args.get("course_id"), "course_id")
    if course_id is not None:
        query = query.where(Enrollment.course_id == course_id)
    return page_of(session(), query, page, page_size, enrollment_json)


# sculpt:part route-get enrollment
@bp.get("/<int:enrollment_id>")
def get_enrollment(enrollment_id):
    user = current_user()
    enrollment = get_or_404(session(), Enrollment, enrollment_id, LABEL)
    if enrollment.owner_id != user.id:
        # Someone else's private enrollment: answer as if it did not exist.
        raise ApiError(404, "not_found", message("not_found", label=LABEL))
    return enrollment_json(enrollment)

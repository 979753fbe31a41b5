"""报名记录: list, get, under /api/enrollments.

Access: only the owner may read; only the owner may write.
"""
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from auth import CurrentUser
from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, get_or_404, page_of, to_json
from database import DB
from errors import ApiError
from messages import message
from models import Enrollment
from routing import JSONRoute
from schemas import EnrollmentInput

# The `?<parent>_id=N` filter of the list: an id from 1.
ParentId = Annotated[int | None, Query(ge=1, le=2**63 - 1)]

router = APIRouter(prefix="/api/enrollments", route_class=JSONRoute)
LABEL = "报名记录"


# sculpt:part entity-json enrollment
def enrollment_json(enrollment):
    return {**to_json(enrollment, EnrollmentInput), "owner_id": enrollment.owner_id}


# sculpt:part route-list enrollment
@router.get("")
def list_enrollments(
    db: DB,
    user: CurrentUser,
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
    course_id: ParentId = None,
):
    query = select(Enrollment).order_by(Enrollment.id)
    query = query.where(Enrollment.owner_id == user.id)
    if course_id is not None:
        query = query.where(Enrollment.course_id == course_id)
    return page_of(db, query, page, page_size, enrollment_json)


# sculpt:part route-get enrollment
@router.get("/{enrollment_id}")
def get_enrollment(enrollment_id: int, db: DB, user: CurrentUser):
    enrollment = get_or_404(db, Enrollment, enrollment_id, LABEL)
    if enrollment.owner_id != user.id:
        # Someone else's private enrollment: answer as if it did not exist.
        raise ApiError(404, "not_found", message("not_found", label=LABEL))
    return enrollment_json(enrollment)

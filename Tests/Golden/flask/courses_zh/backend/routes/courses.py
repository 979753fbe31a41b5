"""课程: create, list, get, update, delete, under /api/courses.

Access: per operation (x-sculpt-access): create role:teacher; list anyone; get anyone; update role:teacher; delete owner or role:teacher.
"""
from flask import Blueprint, Response
from sqlalchemy import func, select

from actions import perform
from auth import authorize
from crud import assign, commit, ensure_unique, get_or_404, page_of, to_json
from database import session
from errors import ApiError
from messages import message
from models import Course, CourseEnrollBy, Enrollment
from relations import commit_delete
from rules import COURSE_FIELDS
from validation import page_params, read_json_object, validate

bp = Blueprint("courses", __name__, url_prefix="/api/courses")
LABEL = "课程"
# Who may call each operation (x-sculpt-access): any one of the grants lets the caller in.
ACCESS = {"create": ("role:teacher",), "list": ("anyone",), "get": ("anyone",), "update": ("role:teacher",), "delete": ("owner", "role:teacher")}


# sculpt:part entity-json course
def course_json(course):
    return {**to_json(course, COURSE_FIELDS), "owner_id": course.owner_id}


# sculpt:part route-create course
@bp.post("")
def create_course():
    user, _ = authorize(ACCESS["create"])
    values = validate(read_json_object(), COURSE_FIELDS)
    db = session()
    ensure_unique(db, Course, COURSE_FIELDS, values)
    course = Course(owner_id=user.id)
    assign(course, COURSE_FIELDS, values)
    db.add(course)
    commit(db, Course, COURSE_FIELDS, values)
    return course_json(course), 201


# sculpt:part route-list course
@bp.get("")
def list_courses():
    authorize(ACCESS["list"])
    page, page_size = page_params()
    query = select(Course).order_by(Course.id)
    return page_of(session(), query, page, page_size, course_json)


# sculpt:part route-get course
@bp.get("/<int:course_id>")
def get_course(course_id):
    authorize(ACCESS["get"])
    course = get_or_404(session(), Course, course_id, LABEL)
    return course_json(course)


# sculpt:part route-update course
@bp.put("/<int:course_id>")
def replace_course(course_id):
    """Full update: fields left out go back to their defaults."""
    return _update(course_id, partial=False)


@bp.patch("/<int:course_id>")
def patch_course(course_id):
    """Partial update: only the fields sent change."""
    return _update(course_id, partial=True)


def _update(course_id, partial):
    db = session()
    course = _writable(db, course_id, ACCESS["update"])
    values = validate(read_json_object(), COURSE_FIELDS, partial=partial)
    ensure_unique(db, Course, COURSE_FIELDS, values, exclude_id=course.id)
    assign(course, COURSE_FIELDS, values)
    commit(db, Course, COURSE_FIELDS, values, exclude_id=course.id)
    return course_json(course)


# sculpt:part route-delete course
@bp.delete("/<int:course_id>")
def delete_course(course_id):
    db = session()
    course = _writable(db, course_id, ACCESS["delete"])
    # The database deletes the children that go with it (ON DELETE CASCADE), in the same transaction.
    db.delete(course)
    commit_delete(db, LABEL)
    return Response(status=204)


# sculpt:part write-guard course
def _writable(db, course_id, grants):
    """The course to change or delete, by whoever `grants` let in."""
    user, owner_only = authorize(grants)
    course = get_or_404(db, Course, course_id, LABEL)
    if owner_only and course.owner_id != user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return course


# sculpt:part route-action course enroll
@bp.post("/<int:course_id>/enroll")
def enroll_course(course_id):
    """报名: POST /api/courses/{id}/enroll, one transaction (x-sculpt-access: signed_in)."""
    user, owner_only = authorize(("signed_in",))
    db = session()
    rules = (
        (Course.enrolled < Course.capacity, "人数达到容量就不能再报名"),
    )
    course, made = perform(
        db, Course, course_id, LABEL, user, owner_only,
        once=(CourseEnrollBy, "报名"), rules=rules, changes={Course.enrolled: func.coalesce(Course.enrolled, 0) + 1}, create=(Enrollment, "course_id", {}),
    )
    return course_json(course)

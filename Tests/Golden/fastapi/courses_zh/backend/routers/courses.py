"""课程: create, list, get, update, delete, under /api/courses.

Access: per operation (x-sculpt-access): create role:teacher; list anyone; get anyone; update role:teacher; delete owner or role:teacher.
"""
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from sqlalchemy import func, select

from actions import perform
from auth import Caller, authorize
from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, assign, commit, ensure_unique, get_or_404, page_of, to_json
from database import DB
from errors import ApiError
from messages import message
from models import Course, CourseEnrollBy, Enrollment
from relations import commit_delete
from routing import JSONRoute
from schemas import CourseInput, CoursePatch

router = APIRouter(prefix="/api/courses", route_class=JSONRoute)
LABEL = "课程"
# Who may call each operation (x-sculpt-access): any one of the grants lets the caller in.
ACCESS = {"create": ("role:teacher",), "list": ("anyone",), "get": ("anyone",), "update": ("role:teacher",), "delete": ("owner", "role:teacher")}


# sculpt:part entity-json course
def course_json(course):
    return {**to_json(course, CourseInput), "owner_id": course.owner_id}


# sculpt:part route-create course
@router.post("", status_code=201)
def create_course(body: CourseInput, db: DB, caller: Annotated[Caller, Depends(authorize(ACCESS["create"]))]):
    values = body.model_dump()
    ensure_unique(db, Course, CourseInput, values)
    course = Course(owner_id=caller.user.id)
    assign(course, values)
    db.add(course)
    commit(db, Course, CourseInput, values)
    return course_json(course)


# sculpt:part route-list course
@router.get("")
def list_courses(
    db: DB,
    caller: Annotated[Caller, Depends(authorize(ACCESS["list"]))],
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
):
    query = select(Course).order_by(Course.id)
    return page_of(db, query, page, page_size, course_json)


# sculpt:part route-get course
@router.get("/{course_id}")
def get_course(course_id: int, db: DB, caller: Annotated[Caller, Depends(authorize(ACCESS["get"]))]):
    course = get_or_404(db, Course, course_id, LABEL)
    return course_json(course)


# sculpt:part route-update course
@router.put("/{course_id}")
def replace_course(
    course_id: int,
    body: CourseInput,
    db: DB,
    caller: Annotated[Caller, Depends(authorize(ACCESS["update"]))],
):
    """Full update: fields left out go back to their defaults."""
    return _update(db, _writable(db, course_id, caller), body.model_dump())


@router.patch("/{course_id}")
def patch_course(
    course_id: int,
    body: CoursePatch,
    db: DB,
    caller: Annotated[Caller, Depends(authorize(ACCESS["update"]))],
):
    """Partial update: only the fields sent change."""
    return _update(db, _writable(db, course_id, caller), body.model_dump(exclude_unset=True))


def _update(db, course, values):
    ensure_unique(db, Course, CourseInput, values, exclude_id=course.id)
    assign(course, values)
    commit(db, Course, CourseInput, values, exclude_id=course.id)
    return course_json(course)


# sculpt:part route-delete course
@router.delete("/{course_id}", status_code=204)
def delete_course(course_id: int, db: DB, caller: Annotated[Caller, Depends(authorize(ACCESS["delete"]))]):
    course = _writable(db, course_id, caller)
    # The database deletes the children that go with it (ON DELETE CASCADE), in the same transaction.
    db.delete(course)
    commit_delete(db, LABEL)
    return Response(status_code=204)


# sculpt:part write-guard course
def _writable(db, course_id, caller):
    """The course to change or delete."""
    course = get_or_404(db, Course, course_id, LABEL)
    if caller.owner_only and course.owner_id != caller.user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return course


# sculpt:part route-action course enroll
@router.post("/{course_id}/enroll")
def enroll_course(course_id: int, db: DB, caller: Annotated[Caller, Depends(authorize(("signed_in",)))]):
    """报名: POST /api/courses/{id}/enroll, one transaction (x-sculpt-access: signed_in)."""
    rules = (
        (Course.enrolled < Course.capacity, "人数达到容量就不能再报名"),
    )
    course, made = perform(
        db, Course, course_id, LABEL, caller.user, caller.owner_only,
        once=(CourseEnrollBy, "报名"), rules=rules, changes={Course.enrolled: func.coalesce(Course.enrolled, 0) + 1}, create=(Enrollment, "course_id", {}),
    )
    return course_json(course)

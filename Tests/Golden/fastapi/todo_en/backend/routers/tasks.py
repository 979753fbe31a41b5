"""Task: create, list, get, update, delete, under /api/tasks.

Access: anyone may read; anyone may write.
"""
from fastapi import APIRouter, Response
from sqlalchemy import select

from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, assign, commit, ensure_unique, get_or_404, page_of, to_json
from database import DB
from models import Task
from routing import JSONRoute
from schemas import TaskInput, TaskPatch

router = APIRouter(prefix="/api/tasks", route_class=JSONRoute)
LABEL = "Task"


# sculpt:part entity-json task
def task_json(task):
    return to_json(task, TaskInput)


# sculpt:part route-create task
@router.post("", status_code=201)
def create_task(body: TaskInput, db: DB):
    values = body.model_dump()
    ensure_unique(db, Task, TaskInput, values)
    task = Task()
    assign(task, values)
    db.add(task)
    commit(db, Task, TaskInput, values)
    return task_json(task)


# sculpt:part route-list task
@router.get("")
def list_tasks(db: DB, page: Page = 1, page_size: PageSize = DEFAULT_PAGE_SIZE):
    query = select(Task).order_by(Task.id)
    return page_of(db, query, page, page_size, task_json)


# sculpt:part route-get task
@router.get("/{task_id}")
def get_task(task_id: int, db: DB):
    task = get_or_404(db, Task, task_id, LABEL)
    return task_json(task)


# sculpt:part route-update task
@router.put("/{task_id}")
def replace_task(task_id: int, body: TaskInput, db: DB):
    """Full update: fields left out go back to their defaults."""
    return _update(db, _writable(db, task_id), body.model_dump())


@router.patch("/{task_id}")
def patch_task(task_id: int, body: TaskPatch, db: DB):
    """Partial update: only the fields sent change."""
    return _update(db, _writable(db, task_id), body.model_dump(exclude_unset=True))


def _update(db, task, values):
    ensure_unique(db, Task, TaskInput, values, exclude_id=task.id)
    assign(task, values)
    commit(db, Task, TaskInput, values, exclude_id=task.id)
    return task_json(task)


# sculpt:part route-delete task
@router.delete("/{task_id}", status_code=204)
def delete_task(task_id: int, db: DB):
    db.delete(_writable(db, task_id))
    db.commit()
    return Response(status_code=204)


# sculpt:part write-guard task
def _writable(db, task_id):
    """The task to change or delete."""
    task = get_or_404(db, Task, task_id, LABEL)
    return task

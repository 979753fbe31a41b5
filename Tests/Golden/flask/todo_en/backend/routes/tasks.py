"""Task: create, list, get, update, delete, under /api/tasks.

Access: anyone may read; anyone may write.
"""
from flask import Blueprint, Response
from sqlalchemy import select

from crud import assign, commit, ensure_unique, get_or_404, page_of, to_json
from database import session
from models import Task
from rules import TASK_FIELDS
from validation import page_params, read_json_object, validate

bp = Blueprint("tasks", __name__, url_prefix="/api/tasks")
LABEL = "Task"


# sculpt:part entity-json task
def task_json(task):
    return to_json(task, TASK_FIELDS)


# sculpt:part route-create task
@bp.post("")
def create_task():
    values = validate(read_json_object(), TASK_FIELDS)
    db = session()
    ensure_unique(db, Task, TASK_FIELDS, values)
    task = Task()
    assign(task, TASK_FIELDS, values)
    db.add(task)
    commit(db, Task, TASK_FIELDS, values)
    return task_json(task), 201


# sculpt:part route-list task
@bp.get("")
def list_tasks():
    page, page_size = page_params()
    query = select(Task).order_by(Task.id)
    return page_of(session(), query, page, page_size, task_json)


# sculpt:part route-get task
@bp.get("/<int:task_id>")
def get_task(task_id):
    task = get_or_404(session(), Task, task_id, LABEL)
    return task_json(task)


# sculpt:part route-update task
@bp.put("/<int:task_id>")
def replace_task(task_id):
    """Full update: fields left out go back to their defaults."""
    return _update(task_id, partial=False)


@bp.patch("/<int:task_id>")
def patch_task(task_id):
    """Partial update: only the fields sent change."""
    return _update(task_id, partial=True)


def _update(task_id, partial):
    db = session()
    task = _writable(db, task_id)
    values = validate(read_json_object(), TASK_FIELDS, partial=partial)
    ensure_unique(db, Task, TASK_FIELDS, values, exclude_id=task.id)
    assign(task, TASK_FIELDS, values)
    commit(db, Task, TASK_FIELDS, values, exclude_id=task.id)
    return task_json(task)


# sculpt:part route-delete task
@bp.delete("/<int:task_id>")
def delete_task(task_id):
    db = session()
    db.delete(_writable(db, task_id))
    db.commit()
    return Response(status=204)


# sculpt:part write-guard task
def _writable(db, task_id):
    """The task to change or delete."""
    task = get_or_404(db, Task, task_id, LABEL)
    return task

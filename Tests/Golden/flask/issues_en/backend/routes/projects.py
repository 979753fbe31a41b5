"""Project: create, list, get, update, delete, under /api/projects.

Access: anyone may read; signed-in users may write.
"""
from flask import Blueprint, Response
from sqlalchemy import select

from auth import current_user
from crud import assign, commit, ensure_unique, get_or_404, page_of, to_json
from database import session
from models import Project
from relations import commit_delete
from rules import PROJECT_FIELDS
from validation import page_params, read_json_object, validate

bp = Blueprint("projects", __name__, url_prefix="/api/projects")
LABEL = "Project"


# sculpt:part entity-json project
def project_json(project):
    return to_json(project, PROJECT_FIELDS)


# sculpt:part route-create project
@bp.post("")
def create_project():
    current_user()  # signed-in users only
    values = validate(read_json_object(), PROJECT_FIELDS)
    db = session()
    ensure_unique(db, Project, PROJECT_FIELDS, values)
    project = Project()
    assign(project, PROJECT_FIELDS, values)
    db.add(project)
    commit(db, Project, PROJECT_FIELDS, values)
    return project_json(project), 201


# sculpt:part route-list project
@bp.get("")
def list_projects():
    page, page_size = page_params()
    query = select(Project).order_by(Project.id)
    return page_of(session(), query, page, page_size, project_json)


# sculpt:part route-get project
@bp.get("/<int:project_id>")
def get_project(project_id):
    project = get_or_404(session(), Project, project_id, LABEL)
    return project_json(project)


# sculpt:part route-update project
@bp.put("/<int:project_id>")
def replace_project(project_id):
    """Full update: fields left out go back to their defaults."""
    return _update(project_id, partial=False)


@bp.patch("/<int:project_id>")
def patch_project(project_id):
    """Partial update: only the fields sent change."""
    return _update(project_id, partial=True)


def _update(project_id, partial):
    db = session()
    project = _writable(db, project_id)
    values = validate(read_json_object(), PROJECT_FIELDS, partial=partial)
    ensure_unique(db, Project, PROJECT_FIELDS, values, exclude_id=project.id)
    assign(project, PROJECT_FIELDS, values)
    commit(db, Project, PROJECT_FIELDS, values, exclude_id=project.id)
    return project_json(project)


# sculpt:part route-delete project
@bp.delete("/<int:project_id>")
def delete_project(project_id):
    db = session()
    project = _writable(db, project_id)
    # The database deletes the children that go with it (ON DELETE CASCADE), in the same transaction.
    db.delete(project)
    commit_delete(db, LABEL)
    return Response(status=204)


# sculpt:part write-guard project
def _writable(db, project_id):
    """The project to change or delete."""
    current_user()  # signed-in users only
    project = get_or_404(db, Project, project_id, LABEL)
    return project

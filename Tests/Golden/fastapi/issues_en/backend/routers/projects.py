"""Project: create, list, get, update, delete, under /api/projects.

Access: anyone may read; signed-in users may write.
"""
from fastapi import APIRouter, Depends, Response
from sqlalchemy import select

from auth import current_user
from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, assign, commit, ensure_unique, get_or_404, page_of, to_json
from database import DB
from models import Project
from relations import commit_delete
from routing import JSONRoute
from schemas import ProjectInput, ProjectPatch

router = APIRouter(prefix="/api/projects", route_class=JSONRoute)
LABEL = "Project"


# sculpt:part entity-json project
def project_json(project):
    return to_json(project, ProjectInput)


# sculpt:part route-create project
@router.post("", status_code=201, dependencies=[Depends(current_user)])
def create_project(body: ProjectInput, db: DB):
    values = body.model_dump()
    ensure_unique(db, Project, ProjectInput, values)
    project = Project()
    assign(project, values)
    db.add(project)
    commit(db, Project, ProjectInput, values)
    return project_json(project)


# sculpt:part route-list project
@router.get("")
def list_projects(db: DB, page: Page = 1, page_size: PageSize = DEFAULT_PAGE_SIZE):
    query = select(Project).order_by(Project.id)
    return page_of(db, query, page, page_size, project_json)


# sculpt:part route-get project
@router.get("/{project_id}")
def get_project(project_id: int, db: DB):
    project = get_or_404(db, Project, project_id, LABEL)
    return project_json(project)


# sculpt:part route-update project
@router.put("/{project_id}", dependencies=[Depends(current_user)])
def replace_project(project_id: int, body: ProjectInput, db: DB):
    """Full update: fields left out go back to their defaults."""
    return _update(db, _writable(db, project_id), body.model_dump())


@router.patch("/{project_id}", dependencies=[Depends(current_user)])
def patch_project(project_id: int, body: ProjectPatch, db: DB):
    """Partial update: only the fields sent change."""
    return _update(db, _writable(db, project_id), body.model_dump(exclude_unset=True))


def _update(db, project, values):
    ensure_unique(db, Project, ProjectInput, values, exclude_id=project.id)
    assign(project, values)
    commit(db, Project, ProjectInput, values, exclude_id=project.id)
    return project_json(project)


# sculpt:part route-delete project
@router.delete("/{project_id}", status_code=204, dependencies=[Depends(current_user)])
def delete_project(project_id: int, db: DB):
    project = _writable(db, project_id)
    # The database deletes the children that go with it (ON DELETE CASCADE), in the same transaction.
    db.delete(project)
    commit_delete(db, LABEL)
    return Response(status_code=204)


# sculpt:part write-guard project
def _writable(db, project_id):
    """The project to change or delete."""
    project = get_or_404(db, Project, project_id, LABEL)
    return project

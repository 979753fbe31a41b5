"""Issue: create, list, get, update, delete, under /api/issues.

Access: anyone may read; only the owner may write.
"""
from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlalchemy import select

from auth import CurrentUser
from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, Search, assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import DB
from errors import ApiError
from messages import message
from models import Issue, Project
from relations import ensure_parents
from routing import JSONRoute
from schemas import IssueInput, IssuePatch

# The `?<parent>_id=N` filter of the list: an id from 1.
ParentId = Annotated[int | None, Query(ge=1, le=2**63 - 1)]

router = APIRouter(prefix="/api/issues", route_class=JSONRoute)
LABEL = "Issue"
# The records a issue belongs to: (field, table, label); each id sent must name an existing one.
PARENTS = (("project_id", Project, "Project"),)
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (Issue.title,)


# sculpt:part entity-json issue
def issue_json(issue):
    return {**to_json(issue, IssueInput), "owner_id": issue.owner_id}


# sculpt:part route-create issue
@router.post("", status_code=201)
def create_issue(body: IssueInput, db: DB, user: CurrentUser):
    values = body.model_dump()
    ensure_parents(db, PARENTS, values)
    ensure_unique(db, Issue, IssueInput, values)
    issue = Issue(owner_id=user.id)
    assign(issue, values)
    db.add(issue)
    commit(db, Issue, IssueInput, values)
    return issue_json(issue)


# sculpt:part route-list issue
@router.get("")
def list_issues(
    db: DB,
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
    q: Search = "",
    project_id: ParentId = None,
):
    query = select(Issue).order_by(Issue.id)
    if project_id is not None:
        query = query.where(Issue.project_id == project_id)
    text = q.strip()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(db, query, page, page_size, issue_json)


# sculpt:part route-get issue
@router.get("/{issue_id}")
def get_issue(issue_id: int, db: DB):
    issue = get_or_404(db, Issue, issue_id, LABEL)
    return issue_json(issue)


# sculpt:part route-update issue
@router.put("/{issue_id}")
def replace_issue(issue_id: int, body: IssueInput, db: DB, user: CurrentUser):
    """Full update: fields left out go back to their defaults."""
    return _update(db, _writable(db, issue_id, user), body.model_dump())


@router.patch("/{issue_id}")
def patch_issue(issue_id: int, body: IssuePatch, db: DB, user: CurrentUser):
    """Partial update: only the fields sent change."""
    return _update(db, _writable(db, issue_id, user), body.model_dump(exclude_unset=True))


def _update(db, issue, values):
    ensure_parents(db, PARENTS, values)
    ensure_unique(db, Issue, IssueInput, values, exclude_id=issue.id)
    assign(issue, values)
    commit(db, Issue, IssueInput, values, exclude_id=issue.id)
    return issue_json(issue)


# sculpt:part route-delete issue
@router.delete("/{issue_id}", status_code=204)
def delete_issue(issue_id: int, db: DB, user: CurrentUser):
    db.delete(_writable(db, issue_id, user))
    db.commit()
    return Response(status_code=204)


# sculpt:part write-guard issue
def _writable(db, issue_id, user):
    """The issue to change or delete; only its owner may (403 for anyone else)."""
    issue = get_or_404(db, Issue, issue_id, LABEL)
    if issue.owner_id != user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return issue

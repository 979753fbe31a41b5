"""Issue: create, list, get, update, delete, under /api/issues.

Access: anyone may read; only the owner may write.
"""
from flask import Blueprint, Response, request
from sqlalchemy import select

from auth import current_user
from crud import assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import session
from errors import ApiError
from messages import message
from models import Issue, Project
from relations import ensure_parents, parent_id_param
from rules import ISSUE_FIELDS
from validation import page_params, read_json_object, search_text, validate

bp = Blueprint("issues", __name__, url_prefix="/api/issues")
LABEL = "Issue"
# The records a issue belongs to: (field, table, label); each id sent must name an existing one.
PARENTS = (("project_id", Project, "Project"),)
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (Issue.title,)


# sculpt:part entity-json issue
def issue_json(issue):
    return {**to_json(issue, ISSUE_FIELDS), "owner_id": issue.owner_id}


# sculpt:part route-create issue
@bp.post("")
def create_issue():
    user = current_user()
    values = validate(read_json_object(), ISSUE_FIELDS)
    db = session()
    ensure_parents(db, PARENTS, values)
    ensure_unique(db, Issue, ISSUE_FIELDS, values)
    issue = Issue(owner_id=user.id)
    assign(issue, ISSUE_FIELDS, values)
    db.add(issue)
    commit(db, Issue, ISSUE_FIELDS, values)
    return issue_json(issue), 201


# sculpt:part route-list issue
@bp.get("")
def list_issues():
    page, page_size = page_params()
    query = select(Issue).order_by(Issue.id)
    project_id = parent_id_param(request.args.get("project_id"), "project_id")
    if project_id is not None:
        query = query.where(Issue.project_id == project_id)
    text = search_text()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(session(), query, page, page_size, issue_json)


# sculpt:part route-get issue
@bp.get("/<int:issue_id>")
def get_issue(issue_id):
    issue = get_or_404(session(), Issue, issue_id, LABEL)
    return issue_json(issue)


# sculpt:part route-update issue
@bp.put("/<int:issue_id>")
def replace_issue(issue_id):
    """Full update: fields left out go back to their defaults."""
    return _update(issue_id, partial=False)


@bp.patch("/<int:issue_id>")
def patch_issue(issue_id):
    """Partial update: only the fields sent change."""
    return _update(issue_id, partial=True)


def _update(issue_id, partial):
    db = session()
    issue = _writable(db, issue_id)
    values = validate(read_json_object(), ISSUE_FIELDS, partial=partial)
    ensure_parents(db, PARENTS, values)
    ensure_unique(db, Issue, ISSUE_FIELDS, values, exclude_id=issue.id)
    assign(issue, ISSUE_FIELDS, values)
    commit(db, Issue, ISSUE_FIELDS, values, exclude_id=issue.id)
    return issue_json(issue)


# sculpt:part route-delete issue
@bp.delete("/<int:issue_id>")
def delete_issue(issue_id):
    db = session()
    db.delete(_writable(db, issue_id))
    db.commit()
    return Response(status=204)


# sculpt:part write-guard issue
def _writable(db, issue_id):
    """The issue to change or delete; only its owner may (403 for anyone else)."""
    user = current_user()
    issue = get_or_404(db, Issue, issue_id, LABEL)
    if issue.owner_id != user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return issue

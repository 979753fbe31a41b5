"""Repair request: create, list, get, under /api/repair_requests.

Access: anyone may read; anyone may write.
"""
from flask import Blueprint
from sqlalchemy import select

from actions import perform
from crud import assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import session
from models import RepairRequest
from rules import REPAIR_REQUEST_FIELDS
from validation import page_params, read_json_object, search_text, validate

bp = Blueprint("repair_requests", __name__, url_prefix="/api/repair_requests")
LABEL = "Repair request"
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (RepairRequest.room,)


# sculpt:part entity-json repair_request
def repair_request_json(repair_request):
    return to_json(repair_request, REPAIR_REQUEST_FIELDS)


# sculpt:part route-create repair_request
@bp.post("")
def create_repair_request():
    values = validate(read_json_object(), REPAIR_REQUEST_FIELDS)
    db = session()
    ensure_unique(db, RepairRequest, REPAIR_REQUEST_FIELDS, values)
    repair_request = RepairRequest()
    assign(repair_request, REPAIR_REQUEST_FIELDS, values)
    db.add(repair_request)
    commit(db, RepairRequest, REPAIR_REQUEST_FIELDS, values)
    return repair_request_json(repair_request), 201


# sculpt:part route-list repair_request
@bp.get("")
def list_repair_requests():
    page, page_size = page_params()
    query = select(RepairRequest).order_by(RepairRequest.id)
    text = search_text()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(session(), query, page, page_size, repair_request_json)


# sculpt:part route-get repair_request
@bp.get("/<int:repair_request_id>")
def get_repair_request(repair_request_id):
    repair_request = get_or_404(session(), RepairRequest, repair_request_id, LABEL)
    return repair_request_json(repair_request)


# sculpt:part route-action repair_request close
@bp.post("/<int:repair_request_id>/close")
def close_repair_request(repair_request_id):
    """Close: POST /api/repair_requests/{id}/close, one transaction (x-sculpt-access: anyone)."""
    user, owner_only = None, False  # no accounts: anyone may act
    db = session()
    rules = (
        (RepairRequest.status == "open", "Only an open request can be closed."),
    )
    repair_request, made = perform(
        db, RepairRequest, repair_request_id, LABEL, user, owner_only,
        once=None, rules=rules, changes={RepairRequest.status: "done"}, create=None,
    )
    return repair_request_json(repair_request)

"""Repair request: create, list, get, under /api/repair_requests.

Access: anyone may read; anyone may write.
"""
from fastapi import APIRouter
from sqlalchemy import select

from actions import perform
from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, Search, assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import DB
from models import RepairRequest
from routing import JSONRoute
from schemas import RepairRequestInput

router = APIRouter(prefix="/api/repair_requests", route_class=JSONRoute)
LABEL = "Repair request"
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (RepairRequest.room,)


# sculpt:part entity-json repair_request
def repair_request_json(repair_request):
    return to_json(repair_request, RepairRequestInput)


# sculpt:part route-create repair_request
@router.post("", status_code=201)
def create_repair_request(body: RepairRequestInput, db: DB):
    values = body.model_dump()
    ensure_unique(db, RepairRequest, RepairRequestInput, values)
    repair_request = RepairRequest()
    assign(repair_request, values)
    db.add(repair_request)
    commit(db, RepairRequest, RepairRequestInput, values)
    return repair_request_json(repair_request)


# sculpt:part route-list repair_request
@router.get("")
def list_repair_requests(db: DB, page: Page = 1, page_size: PageSize = DEFAULT_PAGE_SIZE, q: Search = ""):
    query = select(RepairRequest).order_by(RepairRequest.id)
    text = q.strip()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(db, query, page, page_size, repair_request_json)


# sculpt:part route-get repair_request
@router.get("/{repair_request_id}")
def get_repair_request(repair_request_id: int, db: DB):
    repair_request = get_or_404(db, RepairRequest, repair_request_id, LABEL)
    return repair_request_json(repair_request)


# sculpt:part route-action repair_request close
@router.post("/{repair_request_id}/close")
def close_repair_request(repair_request_id: int, db: DB):
    """Close: POST /api/repair_requests/{id}/close, one transaction (x-sculpt-access: anyone)."""
    rules = (
        (RepairRequest.status == "open", "Only an open request can be closed."),
    )
    repair_request, made = perform(
        db, RepairRequest, repair_request_id, LABEL, None, False,
        once=None, rules=rules, changes={RepairRequest.status: "done"}, create=None,
    )
    return repair_request_json(repair_request)

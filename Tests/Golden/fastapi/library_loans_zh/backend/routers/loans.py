"""借阅记录: list, get, under /api/loans.

Access: only the owner may read; only the owner may write.
"""
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from auth import CurrentUser
from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, get_or_404, page_of, to_json
from database import DB
from errors import ApiError
from messages import message
from models import Loan
from routing import JSONRoute
from schemas import LoanInput

# The `?<parent>_id=N` filter of the list: an id from 1.
ParentId = Annotated[int | None, Query(ge=1, le=2**63 - 1)]

router = APIRouter(prefix="/api/loans", route_class=JSONRoute)
LABEL = "借阅记录"


# sculpt:part entity-json loan
def loan_json(loan):
    return {**to_json(loan, LoanInput), "owner_id": loan.owner_id}


# sculpt:part route-list loan
@router.get("")
def list_loans(
    db: DB,
    user: CurrentUser,
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
    book_id: ParentId = None,
):
    query = select(Loan).order_by(Loan.id)
    query = query.where(Loan.owner_id == user.id)
    if book_id is not None:
        query = query.where(Loan.book_id == book_id)
    return page_of(db, query, page, page_size, loan_json)


# sculpt:part route-get loan
@router.get("/{loan_id}")
def get_loan(loan_id: int, db: DB, user: CurrentUser):
    loan = get_or_404(db, Loan, loan_id, LABEL)
    if loan.owner_id != user.id:
        # Someone else's private loan: answer as if it did not exist.
        raise ApiError(404, "not_found", message("not_found", label=LABEL))
    return loan_json(loan)

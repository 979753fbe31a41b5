"""借阅记录: list, get, under /api/loans.

Access: only the owner may read; only the owner may write.
"""
from flask import Blueprint, request
from sqlalchemy import select

from auth import current_user
from crud import get_or_404, page_of, to_json
from database import session
from errors import ApiError
from messages import message
from models import Loan
from relations import parent_id_param
from rules import LOAN_FIELDS
from validation import page_params

bp = Blueprint("loans", __name__, url_prefix="/api/loans")
LABEL = "借阅记录"


# sculpt:part entity-json loan
def loan_json(loan):
    return {**to_json(loan, LOAN_FIELDS), "owner_id": loan.owner_id}


# sculpt:part route-list loan
@bp.get("")
def list_loans():
    user = current_user()
    page, page_size = page_params()
    query = select(Loan).order_by(Loan.id)
    query = query.where(Loan.owner_id == user.id)
    book_id = parent_id_param(request.args.get("book_id"), "book_id")
    if book_id is not None:
        query = query.where(Loan.book_id == book_id)
    return page_of(session(), query, page, page_size, loan_json)


# sculpt:part route-get loan
@bp.get("/<int:loan_id>")
def get_loan(loan_id):
    user = current_user()
    loan = get_or_404(session(), Loan, loan_id, LABEL)
    if loan.owner_id != user.id:
        # Someone else's private loan: answer as if it did not exist.
        raise ApiError(404, "not_found", message("not_found", label=LABEL))
    return loan_json(loan)

"""GET /health: answers 200 once the server can reach its database."""
from flask import Blueprint
from sqlalchemy import select

from database import session

bp = Blueprint("health", __name__)


# sculpt:part health
@bp.get("/health")
def health():
    session().scalar(select(1))
    return {"status": "ok"}

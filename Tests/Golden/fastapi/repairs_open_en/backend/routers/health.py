"""GET /health: answers 200 once the server can reach its database."""
from fastapi import APIRouter

from database import DB, ping

router = APIRouter()


# sculpt:part health
@router.get("/health")
def health(db: DB):
    ping(db)
    return {"status": "ok"}

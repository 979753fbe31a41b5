"""The database: the declarative base, the engine, and one session per request (the `DB` dependency)."""
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Session


# sculpt:part db-setup
class Base(DeclarativeBase):
    """The parent of every table (see models.py)."""


def make_engine(url):
    """An engine for DATABASE_URL; SQLite waits for locks instead of failing under concurrent writes."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _enable_sqlite_foreign_keys(dbapi_connection, _connection_record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# sculpt:part db-session
def get_session(request: Request):
    """The request's session, closed when the request ends."""
    with request.app.state.sessions() as db:
        yield db


DB = Annotated[Session, Depends(get_session)]


def ping(db):
    """Raises unless the database answers."""
    db.scalar(select(1))

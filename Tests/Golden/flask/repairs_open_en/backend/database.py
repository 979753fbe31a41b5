"""The database: the declarative base, the engine, and one session per request."""
from flask import current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


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


# sculpt:part db-tables
def init_app(app):
    """Creates missing tables and closes each request's session when the request ends."""
    engine = make_engine(app.config["DATABASE_URL"])
    Base.metadata.create_all(engine)
    app.extensions["database.engine"] = engine
    app.extensions["database.sessions"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(close_session)


# sculpt:part db-session
def session() -> Session:
    """The current request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["database.sessions"]()
    return g.db_session


def close_session(_error=None):
    db = g.pop("db_session", None)
    if db is not None:
        db.close()

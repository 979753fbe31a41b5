"""Repair board: the API server.

Run `python app.py` to serve with uvicorn on HOST:PORT (default 127.0.0.1:8000);
tests call `create_app()` with settings of their own.
"""
import logging
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import sessionmaker

import models  # noqa: F401  (defines the tables before create_app creates them)
from config import MAX_BODY_BYTES, load_settings
from database import Base, make_engine
from errors import register_error_handlers
from routers import ROUTERS
from routing import BodySizeLimit, JSONResponse


# sculpt:part app-factory
def create_app(settings=None):
    """The application factory: settings from the environment unless given; missing tables are created."""
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    Base.metadata.create_all(engine)

    @asynccontextmanager
    async def lifespan(_app):
        yield
        engine.dispose()

    # openapi.json beside the project is the API's description; FastAPI's own pages would load
    # their scripts from a CDN, so they are off.
    app = FastAPI(
        title="Repair board",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        default_response_class=JSONResponse,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    register_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    # Last, so the API's routes come first: the web page and its files at /.
    app.mount("/", StaticFiles(directory=settings.frontend_dir, html=True, check_dir=False), name="frontend")
    return app


# sculpt:part server-main
def main():
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    uvicorn.run("app:create_app", factory=True, host=host, port=port, server_header=False, log_level="info")


if __name__ == "__main__":
    main()

"""Fixtures: every test gets a fresh app on its own SQLite file, and its own web page folder."""
import secrets

import pytest
from fastapi.testclient import TestClient

from app import create_app
from config import load_settings

PAGE = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>Hello, world</body></html>"


# sculpt:part test-fixtures
@pytest.fixture
def app(tmp_path):
    frontend = tmp_path / "frontend"
    frontend.mkdir()
    (frontend / "index.html").write_text(PAGE, encoding="utf-8")
    settings = load_settings(
        database_url=f"sqlite:///{tmp_path / 'test.db'}",
        secret_key=secrets.token_urlsafe(32),
        frontend_dir=str(frontend),
        # scrypt with a lower cost than production, so that signing up in every test stays fast.
        scrypt_n=1024,
    )
    app = create_app(settings)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def client(app):
    with TestClient(app) as client:
        yield client


@pytest.fixture
def new_client(app):
    """Makes a client of its own for each thread of a race (each request runs in the server's
    worker threads, with its own database session and connection)."""
    return lambda: TestClient(app)

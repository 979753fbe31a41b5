"""Fixtures: every test gets a fresh app on its own SQLite file, and its own web page folder."""
import secrets

import pytest

from app import create_app

PAGE = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>Hello, world</body></html>"


# sculpt:part test-fixtures
@pytest.fixture
def app(tmp_path):
    frontend = tmp_path / "frontend"
    frontend.mkdir()
    (frontend / "index.html").write_text(PAGE, encoding="utf-8")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'test.db'}",
            "SECRET_KEY": secrets.token_urlsafe(32),
            "FRONTEND_DIR": str(frontend),
            # scrypt with a lower cost than production, so that signing up in every test stays fast.
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        }
    )
    yield app
    app.extensions["database.engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()

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


class Answer:
    """A response as the shared tests read it: status_code, headers, content, text and json()."""

    def __init__(self, response):
        self.status_code = response.status_code
        self.headers = response.headers
        self.content = response.get_data()
        self._response = response

    @property
    def text(self):
        return self.content.decode("utf-8")

    def json(self):
        return self._response.get_json()


class Client:
    """Flask's test client speaking the calls the tests make (those of an HTTPX-style client, so one
    suite serves every Python framework): `params=` for the query string, `content=` for a raw body."""

    def __init__(self, client):
        self._client = client

    def _call(self, method, url, params=None, content=None, **kwargs):
        if params is not None:
            kwargs["query_string"] = params
        if content is not None:
            kwargs["data"] = content
        return Answer(self._client.open(url, method=method, **kwargs))

    def get(self, url, **kwargs):
        return self._call("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self._call("POST", url, **kwargs)

    def put(self, url, **kwargs):
        return self._call("PUT", url, **kwargs)

    def patch(self, url, **kwargs):
        return self._call("PATCH", url, **kwargs)

    def delete(self, url, **kwargs):
        return self._call("DELETE", url, **kwargs)


@pytest.fixture
def client(app):
    return Client(app.test_client())


@pytest.fixture
def new_client(app):
    """Makes a client of its own for each thread of a race (the server side runs each request in the
    calling thread, with its own database session and connection)."""
    return lambda: Client(app.test_client())

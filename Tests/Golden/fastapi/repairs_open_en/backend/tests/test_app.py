"""The server as a whole: health, the web page, and JSON error answers for bad requests."""
from fastapi.testclient import TestClient

import routers.health
from helpers import error_of, sample_repair_request
from messages import MESSAGES

# An operation that reads a JSON body, to send bad bodies to.
PROBE_URL = "/api/repair_requests"


def probe_headers(client):
    return {}


def test_health(client):
    """The server answers GET /health with {\"status\": \"ok\"}."""
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"


def test_serves_the_web_page(client):
    """GET / serves index.html of the frontend folder, as UTF-8 HTML."""
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Hello, world" in response.text
    error_of(client.get("/missing.js"), 404)
    error_of(client.get("/../app.py"), 404)


def test_unknown_address_is_a_json_404(client):
    """An address the API does not have answers 404 with the JSON error body, not an HTML page."""
    error = error_of(client.get("/api/no-such-thing"), 404)
    assert error["message"] == MESSAGES["no_route"]


def test_wrong_method_is_a_json_405(client):
    """A method an address does not take answers 405 with the JSON error body."""
    error_of(client.delete("/health"), 405)


def test_unexpected_errors_are_json_without_details(app, monkeypatch):
    """An unexpected failure answers 500 with the JSON error body and no internals."""

    def boom(_db):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(routers.health, "ping", boom)
    response = TestClient(app, raise_server_exceptions=False).get("/health")
    error = error_of(response, 500)
    assert error["message"] == MESSAGES["server_error"]
    assert "internal detail" not in response.text
    assert "Traceback" not in response.text


def test_bodies_that_are_not_json_objects_are_refused(client):
    """Form data, malformed JSON, arrays, NaN and deeply nested JSON answer 400, never 500."""
    headers = probe_headers(client)
    bodies = [
        ("application/x-www-form-urlencoded", b"name=a&password=b"),
        ("text/plain", b"{}"),
        ("application/json", b"{not json"),
        ("application/json", b""),
        ("application/json", b"[1, 2]"),
        ("application/json", b'"text"'),
        ("application/json", b'{"value": NaN}'),
        ("application/json", b"\xff\xfe\xfa"),
        ("application/json", b"[" * 100_000),
    ]
    for content_type, data in bodies:
        response = client.post(PROBE_URL, content=data, headers={**headers, "Content-Type": content_type})
        error_of(response, 400)


def test_bodies_over_one_megabyte_are_refused(client):
    """A body over 1 MB answers 413 with the JSON error body."""
    headers = probe_headers(client)
    body = b'{"padding": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = client.post(PROBE_URL, content=body, headers={**headers, "Content-Type": "application/json"})
    error = error_of(response, 413)
    assert error["message"] == MESSAGES["too_large"]


def test_valid_probe_body_is_accepted(client):
    """The probe body above is otherwise valid, so the refusals come from the body alone."""
    response = client.post(PROBE_URL, json=sample_repair_request(), headers=probe_headers(client))
    assert response.status_code == 201, response.json()

"""Tests of accounts (/api/auth/register, /api/auth/login, /api/auth/me), generated from the spec."""
import threading
import time

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash

from auth import current_user
from config import TOKEN_HOURS, load_settings
from database import session
from errors import ApiError
from helpers import (
    MISSING,
    assert_accepted,
    assert_rejected,
    error_of,
    sign_up,
    sign_up_body,
    sign_in,
)
from messages import message
from models import User

REGISTER_URL = "/api/auth/register"
LOGIN_URL = "/api/auth/login"
ME_URL = "/api/auth/me"
IDENTITY = "username"
IDENTITY_LABEL = "Username"


def test_register_creates_the_account(client):
    """Signs up: 201 with the new account and a success message, never the password.

    Requirement: Users register and log in
    """
    body = sign_up_body()
    response = client.post(REGISTER_URL, json=body)
    assert response.status_code == 201
    data = response.json()
    assert isinstance(data["id"], int)
    assert {key: data[key] for key in body if key != "password"} == {k: v for k, v in body.items() if k != "password"}
    assert data["message"] == message("registered")
    assert "password" not in data and "password_hash" not in data
    assert body["password"] not in response.text


def test_register_stores_only_a_salted_hash(app, client):
    """Stores the password only as a salted scrypt hash.

    Requirement: Users register and log in
    """
    first, second = sign_up_body(), sign_up_body()
    second["password"] = first["password"]
    for body in (first, second):
        assert client.post(REGISTER_URL, json=body).status_code == 201
    with app.app_context():
        hashes = session().scalars(select(User.password_hash)).all()
    assert len(hashes) == 2 and hashes[0] != hashes[1]
    for stored in hashes:
        assert stored.startswith("scrypt:") and first["password"] not in stored
        assert check_password_hash(stored, first["password"])
    # Tests lower the scrypt cost to stay fast; the server itself uses Werkzeug's full cost.
    assert load_settings({"SECRET_KEY": "unused"})["PASSWORD_HASH_METHOD"] == "scrypt"


def test_register_ignores_fields_the_client_may_not_set(client):
    """Ignores id, is_admin, role and other fields the client may not set.

    Requirement: Users register and log in
    """
    body = {**sign_up_body(), "id": 987654, "is_admin": True, "role": "admin", "password_hash": "x"}
    response = client.post(REGISTER_URL, json=body)
    assert response.status_code == 201
    data = response.json()
    assert data["id"] != 987654
    assert "is_admin" not in data and "role" not in data and "password_hash" not in data


def test_register_twice_is_a_conflict(client):
    """Refuses a second account with the same Username (409, naming the field)."""
    body = sign_up(client)
    again = {**sign_up_body(), IDENTITY: body[IDENTITY]}
    error = error_of(client.post(REGISTER_URL, json=again), 409)
    assert error["code"] == "conflict"
    assert error["field"] == IDENTITY
    assert error["message"] == message("conflict", label=IDENTITY_LABEL)


def test_racing_registrations_give_one_account(app):
    """Eight racing sign-ups with one Username create one account; the others get 409."""
    body = sign_up_body()
    statuses = []

    def attempt():
        statuses.append(app.test_client().post(REGISTER_URL, json=body).status_code)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201] + [409] * 7


def test_username_required(client):
    """Refuses a body whose Username is missing, null or empty."""
    assert_rejected(client, REGISTER_URL, sign_up_body, "username", [MISSING, None, ""])


def test_username_type(client):
    """Refuses a Username of the wrong JSON type."""
    assert_rejected(client, REGISTER_URL, sign_up_body, "username", [123, True, ["x"], {"x": 1}])


def test_username_min_length(client):
    """Refuses a Username shorter than 3 characters and accepts exactly 3."""
    assert_rejected(client, REGISTER_URL, sign_up_body, "username", ["x" * 2])
    assert_accepted(client, REGISTER_URL, sign_up_body, "username", ["x" * 3])


def test_username_max_length(client):
    """Refuses a Username longer than 32 characters and accepts exactly 32."""
    assert_rejected(client, REGISTER_URL, sign_up_body, "username", ["x" * 33])
    assert_accepted(client, REGISTER_URL, sign_up_body, "username", ["x" * 32])


def test_password_required(client):
    """Refuses a body whose Password is missing, null or empty."""
    assert_rejected(client, REGISTER_URL, sign_up_body, "password", [MISSING, None, ""])


def test_password_type(client):
    """Refuses a Password of the wrong JSON type."""
    assert_rejected(client, REGISTER_URL, sign_up_body, "password", [123, True, ["x"], {"x": 1}])


def test_password_min_length(client):
    """Refuses a Password shorter than 8 characters and accepts exactly 8."""
    assert_rejected(client, REGISTER_URL, sign_up_body, "password", ["x" * 7])
    assert_accepted(client, REGISTER_URL, sign_up_body, "password", ["x" * 8])


def test_password_max_length(client):
    """Refuses a Password longer than 128 characters and accepts exactly 128."""
    assert_rejected(client, REGISTER_URL, sign_up_body, "password", ["x" * 129])
    assert_accepted(client, REGISTER_URL, sign_up_body, "password", ["x" * 128])


def test_login_returns_a_token(client):
    """Logs in with the right credentials: a Bearer token, its lifetime and the account.

    Requirement: Users register and log in
    """
    body = sign_up(client)
    response = client.post(LOGIN_URL, json={key: body[key] for key in ("username", "password")})
    assert response.status_code == 200
    data = response.json()
    assert isinstance(data["token"], str) and data["token"]
    assert data["token_type"] == "Bearer"
    assert data["expires_in"] == TOKEN_HOURS * 3600
    assert data["user"][IDENTITY] == body[IDENTITY]
    assert "password" not in data["user"] and "password_hash" not in data["user"]


def test_login_with_wrong_credentials_is_refused(client):
    """Refuses a wrong password or an unknown Username with 401.

    Requirement: Users register and log in
    """
    body = sign_up(client)
    wrong_password = {IDENTITY: body[IDENTITY], "password": body["password"] + "-wrong"}
    unknown = {IDENTITY: sign_up_body()[IDENTITY], "password": body["password"]}
    for credentials in (wrong_password, unknown):
        error = error_of(client.post(LOGIN_URL, json=credentials), 401)
        assert error["message"] == message(
            "bad_credentials", identity="Username", password="Password"
        )


def test_login_needs_both_fields(client):
    """Refuses a login without Username or password with 400.

    Requirement: Users register and log in
    """
    body = sign_up(client)
    for field in (IDENTITY, "password"):
        credentials = {IDENTITY: body[IDENTITY], "password": body["password"]}
        del credentials[field]
        error = error_of(client.post(LOGIN_URL, json=credentials), 400)
        assert error["field"] == field


def test_tokens_expire_after_the_token_lifetime(app, client, monkeypatch):
    """A token stops working after 24 hours."""
    headers = sign_in(client)
    with app.test_request_context(headers=headers):
        assert current_user() is not None
    later = time.time() + TOKEN_HOURS * 3600 + 60
    monkeypatch.setattr(time, "time", lambda: later)
    with app.test_request_context(headers=headers):
        with pytest.raises(ApiError) as refused:
            current_user()
    assert refused.value.status == 401


def test_me_returns_the_signed_in_account(client):
    """Shows the signed-in user's own account."""
    body = sign_up(client)
    token = client.post(LOGIN_URL, json={key: body[key] for key in ("username", "password")}).json()["token"]
    response = client.get(ME_URL, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    data = response.json()
    assert data[IDENTITY] == body[IDENTITY]
    assert "password" not in data and "password_hash" not in data


def test_me_needs_a_valid_token(client):
    """Refuses the profile without a token, or with a forged one (401)."""
    token = sign_in(client)["Authorization"].split(" ", 1)[1]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": f"Bearer {forged}"},
        {"Authorization": f"Basic {token}"},
    ):
        error = error_of(client.get(ME_URL, headers=headers), 401)
        assert error["code"] == "unauthorized"

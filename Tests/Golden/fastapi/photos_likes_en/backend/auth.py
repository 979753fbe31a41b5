"""Password hashing and bearer tokens."""
import hashlib
import hmac
import secrets
import time
from functools import cache
from typing import Annotated, NamedTuple

import jwt
from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from config import SCRYPT_N, AppSettings
from database import DB
from errors import ApiError
from messages import message
from models import User

# SHA-384 makes the signature exactly 64 base64 characters: no padding bits, so changing any
# character of a token breaks it (with SHA-256 a changed last character may not).
JWT_ALGORITHM = "HS384"

# scrypt with a random salt, as werkzeug writes it: "scrypt:N:r:p$salt$hex digest" (about 180 characters).
SCRYPT_R, SCRYPT_P = 8, 1


# sculpt:part password-hash
def _scrypt(password, salt, n, r, p):
    return hashlib.scrypt(password.encode("utf-8"), salt=salt.encode("utf-8"), n=n, r=r, p=p,
                          maxmem=132 * n * r * p, dklen=64).hex()


def hash_password(password, n=SCRYPT_N):
    """A salted scrypt hash of `password` at cost `n`."""
    salt = secrets.token_urlsafe(16)
    digest = _scrypt(password, salt, n, SCRYPT_R, SCRYPT_P)
    return f"scrypt:{n}:{SCRYPT_R}:{SCRYPT_P}${salt}${digest}"


# sculpt:part password-verify
def hash_matches(stored, password):
    """Whether `password` gives the stored hash (compared in constant time)."""
    try:
        method, salt, digest = stored.split("$", 2)
        name, n, r, p = method.split(":")
        if name != "scrypt":
            return False
        return hmac.compare_digest(_scrypt(password, salt, int(n), int(r), int(p)), digest)
    except ValueError:
        return False


def password_matches(user, password):
    """Whether `password` is the user's; without a user, spends the same time so timing reveals nothing."""
    if user is None:
        hash_matches(_unused_hash(), password)
        return False
    return hash_matches(user.password_hash, password)


@cache
def _unused_hash():
    return hash_password(secrets.token_urlsafe(16))


# sculpt:part token-issue
def _signing_key(secret):
    """SECRET_KEY stretched to the 48 bytes HS384 wants, whatever its length."""
    return hashlib.sha384(b"sculpt-access-token:" + secret.encode("utf-8")).digest()


def issue_token(user_id, secret, hours, now=None):
    """A signed JWT naming the user, valid for `hours` from `now`."""
    issued = int(time.time() if now is None else now)
    claims = {"sub": str(user_id), "iat": issued, "exp": issued + hours * 3600}
    return jwt.encode(claims, _signing_key(secret), algorithm=JWT_ALGORITHM)


def token_subject(token, secret, now=None):
    """The user id a valid token names that has not expired at `now` (default: the system clock), or a 401."""
    try:
        claims = jwt.decode(
            token, _signing_key(secret), algorithms=[JWT_ALGORITHM],
            options={"require": ["exp", "iat", "sub"], "verify_exp": False, "verify_iat": False},
        )
    except jwt.InvalidTokenError:
        raise ApiError(401, "unauthorized", message("bad_token")) from None
    if not isinstance(claims["exp"], int) or claims["exp"] <= (time.time() if now is None else now):
        raise ApiError(401, "unauthorized", message("bad_token"))
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject.isdigit() or len(subject) > 18:
        raise ApiError(401, "unauthorized", message("bad_token"))
    return int(subject)


# sculpt:part current-user
bearer = HTTPBearer(auto_error=False)


def current_user(
    settings: AppSettings, db: DB, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> User:
    """The signed-in user named by `Authorization: Bearer <token>`, or a 401."""
    if credentials is None or not credentials.credentials.strip():
        raise ApiError(401, "unauthorized", message("unauthorized"))
    now = time.time() + settings.clock_offset
    user = db.get(User, token_subject(credentials.credentials.strip(), settings.secret_key, now))
    if user is None:
        raise ApiError(401, "unauthorized", message("bad_token"))
    return user


CurrentUser = Annotated[User, Depends(current_user)]


# sculpt:part access-check
def user_roles(user):
    """The roles the account holds."""
    return []


class Caller(NamedTuple):
    """Who is calling: the user (None for anyone), and whether they pass only as the record's owner."""

    user: User | None
    owner_only: bool


def authorize(grants):
    """A dependency letting in a caller that any of `grants` (x-sculpt-access) admits.

    "anyone" needs no token; otherwise no or a bad token is a 401. "signed_in" admits every signed-in
    user and "role:<name>" the holders of that role. "owner" admits the caller only for records they
    own (owner_only: creating makes them the owner, a list shows only theirs, one record is checked
    once loaded). Anyone else gets a 403, before any record is loaded.
    """

    def dependency(
        settings: AppSettings, db: DB, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
    ) -> Caller:
        if "anyone" in grants:
            return Caller(None, False)
        user = current_user(settings, db, credentials)
        held = user_roles(user)
        if "signed_in" in grants or any(grant[5:] in held for grant in grants if grant.startswith("role:")):
            return Caller(user, False)
        if "owner" in grants:
            return Caller(user, True)
        raise ApiError(403, "forbidden", message("not_permitted"))

    return dependency

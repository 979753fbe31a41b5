"""Password hashing and bearer tokens."""
import hashlib
import secrets
import time
from functools import cache

from flask import current_app, request
from itsdangerous import BadData, TimestampSigner, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from database import session
from errors import ApiError
from messages import message
from models import User

# Signing tokens with SHA-384 makes the signature exactly 64 base64 characters: no padding bits,
# so changing any character of a token breaks it (with SHA-1 a changed last character may not).
SIGNING_SALT = "access-token"
TOKEN_DIGEST = hashlib.sha384


# sculpt:part password-hash
def hash_password(password):
    """A salted scrypt hash (about 160 characters; the column holds 255).

    PASSWORD_HASH_METHOD is "scrypt" (Werkzeug's cost settings); only tests lower the cost.
    """
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


# sculpt:part password-verify
def password_matches(user, password):
    """Whether `password` is the user's; without a user, spends the same time so timing reveals nothing."""
    if user is None:
        check_password_hash(_unused_hash(), password)
        return False
    return check_password_hash(user.password_hash, password)


@cache
def _unused_hash():
    return hash_password(secrets.token_urlsafe(16))


class _Signer(TimestampSigner):
    """Dates tokens by the app's clock: the system's, moved by CLOCK_OFFSET_SECONDS."""

    def get_timestamp(self):
        return int(time.time()) + current_app.config.get("CLOCK_OFFSET_SECONDS", 0)


# sculpt:part token-issue
def _serializer():
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt=SIGNING_SALT, signer=_Signer,
        signer_kwargs={"digest_method": TOKEN_DIGEST},
    )


def issue_token(user):
    """A signed, timestamped token naming the user; valid for TOKEN_MAX_AGE seconds."""
    return _serializer().dumps({"sub": user.id})


# sculpt:part current-user
def current_user():
    """The signed-in user named by `Authorization: Bearer <token>`, or a 401."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", message("unauthorized"))
    try:
        claims = _serializer().loads(token.strip(), max_age=current_app.config["TOKEN_MAX_AGE"])
    except BadData:
        raise ApiError(401, "unauthorized", message("bad_token")) from None
    user_id = claims.get("sub") if isinstance(claims, dict) else None
    user = session().get(User, user_id) if isinstance(user_id, int) else None
    if user is None:
        raise ApiError(401, "unauthorized", message("bad_token"))
    return user

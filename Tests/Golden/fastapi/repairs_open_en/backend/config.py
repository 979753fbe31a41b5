"""Settings, read from the environment with defaults that are safe on a developer's machine."""
import logging
import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

# sculpt:part settings
HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)

# Bodies above this size are refused with 413 before they are parsed.
MAX_BODY_BYTES = 1024 * 1024
# Lists answer pages of DEFAULT_PAGE_SIZE items unless asked for another size, at most MAX_PAGE_SIZE.
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_SEARCH_LENGTH = 200
# How long a login token stays valid (the spec's tokenHours).
TOKEN_HOURS = 24
# scrypt's cost: 2**15 as werkzeug and OWASP suggest (with r=8, p=1: 32 MB and about 0.1 s per hash).
SCRYPT_N = 2**15
# PASSWORD_HASH_FAST=1 lowers the cost of new hashes for a test run that signs many accounts up
# (`sculpt check` sets it for the server it tests); never set it in production.
FAST_SCRYPT_N = 1024


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    frontend_dir: str
    token_hours: int = TOKEN_HOURS
    # Seconds added to the clock that dates and checks tokens (CLOCK_OFFSET_SECONDS): lets a test see a
    # token expire without waiting. Leave unset in production.
    clock_offset: int = 0
    # The cost of the scrypt password hash (tests lower it to stay fast).
    scrypt_n: int = SCRYPT_N


def load_settings(**overrides):
    """DATABASE_URL, SECRET_KEY and FRONTEND_DIR from the environment, then `overrides`."""
    fast_hashes = os.environ.get("PASSWORD_HASH_FAST") == "1"
    if fast_hashes:
        log.warning("PASSWORD_HASH_FAST is set: passwords are hashed at a low cost, for tests only")
    settings = Settings(
        database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{HERE / 'app.db'}",
        secret_key=os.environ.get("SECRET_KEY", ""),
        frontend_dir=os.environ.get("FRONTEND_DIR") or str(HERE.parent / "frontend"),
        clock_offset=int(os.environ.get("CLOCK_OFFSET_SECONDS") or 0),
        scrypt_n=FAST_SCRYPT_N if fast_hashes else SCRYPT_N,
    )
    settings = replace(settings, **overrides)
    if not settings.secret_key:
        # Never a key written in the code: a random one works, but tokens die with the process.
        log.warning("SECRET_KEY is not set; using a random key, so sign-ins end when the server restarts")
        settings = replace(settings, secret_key=secrets.token_urlsafe(32))
    return settings


def get_settings(request: Request):
    return request.app.state.settings


AppSettings = Annotated[Settings, Depends(get_settings)]

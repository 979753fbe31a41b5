"""Settings, read from the environment with defaults that are safe on a developer's machine."""
import logging
import os
import secrets
from pathlib import Path

# sculpt:part settings
HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)

# Bodies above this size are refused with 413 before they are parsed.
MAX_BODY_BYTES = 1024 * 1024
# Passwords are hashed with scrypt at Werkzeug's full cost (N=2**15: 32 MB and about 0.1 s a hash).
# PASSWORD_HASH_FAST=1 lowers the cost of new hashes for a test run that signs many accounts up
# (`sculpt check` sets it for the server it tests); never set it in production.
LOW_COST_HASH_METHOD = "scrypt:1024:8:1"


def load_settings(overrides=None):
    """The Flask config: DATABASE_URL, SECRET_KEY and FRONTEND_DIR from the environment, then `overrides`."""
    fast_hashes = os.environ.get("PASSWORD_HASH_FAST") == "1"
    if fast_hashes:
        log.warning("PASSWORD_HASH_FAST is set: passwords are hashed at a low cost, for tests only")
    settings = {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{HERE / 'app.db'}",
        "SECRET_KEY": os.environ.get("SECRET_KEY", ""),
        "FRONTEND_DIR": os.environ.get("FRONTEND_DIR") or str(HERE.parent / "frontend"),
        "MAX_CONTENT_LENGTH": MAX_BODY_BYTES,
        "PASSWORD_HASH_METHOD": LOW_COST_HASH_METHOD if fast_hashes else "scrypt",
    }
    settings.update(overrides or {})
    if not settings["SECRET_KEY"]:
        # Never a key written in the code: a random one works, but tokens die with the process.
        settings["SECRET_KEY"] = secrets.token_urlsafe(32)
        log.warning("SECRET_KEY is not set; using a random key, so sign-ins end when the server restarts")
    return settings

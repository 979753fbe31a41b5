"""Accounts: sign-up, under /api/auth."""
from flask import Blueprint

from auth import hash_password
from crud import assign, commit, ensure_unique, to_json
from database import session
from messages import message
from models import User
from ratelimit import rate_limited
from rules import ACCOUNT_FIELDS, SIGN_UP_FIELDS
from validation import read_json_object, validate

bp = Blueprint("auth", __name__, url_prefix="/api/auth")


# sculpt:part route-register
@bp.post("/register")
@rate_limited("sign-up")
def register():
    """Creates an account: 201 with the account and a success message; 409 when the username is taken."""
    values = validate(read_json_object(), SIGN_UP_FIELDS)
    db = session()
    ensure_unique(db, User, ACCOUNT_FIELDS, values)
    user = User(password_hash=hash_password(values["password"]))
    assign(user, ACCOUNT_FIELDS, values)
    db.add(user)
    commit(db, User, ACCOUNT_FIELDS, values)
    return {**to_json(user, ACCOUNT_FIELDS), "message": message("registered")}, 201

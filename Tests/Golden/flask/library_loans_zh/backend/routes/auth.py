"""Accounts: sign-up, login and the signed-in user's profile, under /api/auth."""
from flask import Blueprint, current_app
from sqlalchemy import select

from auth import current_user, hash_password, issue_token, password_matches, user_roles
from crud import assign, commit, ensure_unique, to_json
from database import session
from errors import ApiError
from messages import message
from models import User
from rules import ACCOUNT_FIELDS, LOGIN_FIELDS, PASSWORD, SIGN_UP_FIELDS
from validation import read_json_object, validate

bp = Blueprint("auth", __name__, url_prefix="/api/auth")


def account_json(user):
    """The account as the API shows it: its fields and the roles it holds (sign-up grants none)."""
    return {**to_json(user, ACCOUNT_FIELDS), "roles": user_roles(user)}


# sculpt:part route-register
@bp.post("/register")
def register():
    """Creates an account: 201 with the account and a success message; 409 when the username is taken."""
    values = validate(read_json_object(), SIGN_UP_FIELDS)
    db = session()
    ensure_unique(db, User, ACCOUNT_FIELDS, values)
    user = User(password_hash=hash_password(values["password"]))
    assign(user, ACCOUNT_FIELDS, values)
    db.add(user)
    commit(db, User, ACCOUNT_FIELDS, values)
    return {**account_json(user), "message": message("registered")}, 201


# sculpt:part route-login
@bp.post("/login")
def login():
    """Exchanges the username and password for a bearer token; 401 when either is wrong."""
    values = validate(read_json_object(), LOGIN_FIELDS)
    user = session().scalar(select(User).where(User.username == values["username"]))
    if not password_matches(user, values["password"]):
        text = message("bad_credentials", identity=LOGIN_FIELDS[0].label, password=PASSWORD.label)
        raise ApiError(401, "bad_credentials", text)
    return {
        "token": issue_token(user),
        "token_type": "Bearer",
        "expires_in": current_app.config["TOKEN_MAX_AGE"],
        "user": account_json(user),
    }


# sculpt:part route-me
@bp.get("/me")
def me():
    """The signed-in user's account."""
    return account_json(current_user())

"""Accounts: sign-up, login and the signed-in user's profile, under /api/auth."""
import time

from fastapi import APIRouter
from sqlalchemy import select

from auth import CurrentUser, hash_password, issue_token, password_matches, user_roles
from config import AppSettings
from crud import commit, ensure_unique, to_json
from database import DB
from errors import ApiError
from messages import message
from models import User
from routing import JSONRoute
from schemas import Account, Login, SignUp

router = APIRouter(prefix="/api/auth", route_class=JSONRoute)


def account_json(user):
    """The account as the API shows it: its fields and the roles it holds (sign-up grants none)."""
    return {**to_json(user, Account), "roles": user_roles(user)}


# sculpt:part route-register
@router.post("/register", status_code=201)
def register(body: SignUp, db: DB, settings: AppSettings):
    """Creates an account: 201 with the account and a success message; 409 when the username is taken."""
    values = body.model_dump(exclude={"password"})
    ensure_unique(db, User, Account, values)
    user = User(password_hash=hash_password(body.password, settings.scrypt_n), **values)
    db.add(user)
    commit(db, User, Account, values)
    return {**account_json(user), "message": message("registered")}


# sculpt:part route-login
@router.post("/login")
def login(body: Login, db: DB, settings: AppSettings):
    """Exchanges the username and password for a bearer token; 401 when either is wrong."""
    user = db.scalar(select(User).where(User.username == body.username))
    if not password_matches(user, body.password):
        fields = Login.model_fields
        text = message("bad_credentials", identity=fields["username"].title, password=fields["password"].title)
        raise ApiError(401, "bad_credentials", text)
    return {
        "token": issue_token(user.id, settings.secret_key, settings.token_hours, now=time.time() + settings.clock_offset),
        "token_type": "Bearer",
        "expires_in": settings.token_hours * 3600,
        "user": account_json(user),
    }


# sculpt:part route-me
@router.get("/me")
def me(user: CurrentUser):
    """The signed-in user's account."""
    return account_json(user)

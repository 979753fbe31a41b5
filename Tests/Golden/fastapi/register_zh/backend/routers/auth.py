"""Accounts: sign-up, under /api/auth."""
from fastapi import APIRouter

from auth import hash_password
from config import AppSettings
from crud import commit, ensure_unique, to_json
from database import DB
from messages import message
from models import User
from ratelimit import rate_limited
from routing import JSONRoute
from schemas import Account, SignUp

router = APIRouter(prefix="/api/auth", route_class=JSONRoute)


# sculpt:part route-register
@router.post("/register", status_code=201, dependencies=[rate_limited("sign-up")])
def register(body: SignUp, db: DB, settings: AppSettings):
    """Creates an account: 201 with the account and a success message; 409 when the username is taken."""
    values = body.model_dump(exclude={"password"})
    ensure_unique(db, User, Account, values)
    user = User(password_hash=hash_password(body.password, settings.scrypt_n), **values)
    db.add(user)
    commit(db, User, Account, values)
    return {**to_json(user, Account), "message": message("registered")}

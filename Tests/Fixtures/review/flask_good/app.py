"""A careful Flask registration API: the same feature as the classic example, written to survive a review."""
import os
import threading
import time

from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///app.db")
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
db = SQLAlchemy(app)

_attempts = {}
_lock = threading.Lock()


def too_many(key, limit=60, window=60.0):
    """A small in-process limiter: at most `limit` attempts per client and window."""
    now = time.monotonic()
    with _lock:
        recent = [t for t in _attempts.get(key, []) if now - t < window]
        recent.append(now)
        _attempts[key] = recent
        return len(recent) > limit


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)


with app.app_context():
    db.create_all()


def error(message, status, field=None):
    return jsonify({"error": message, "field": field}), status


@app.errorhandler(413)
def too_large(_e):
    return error("request body too large", 413)


@app.route("/register", methods=["POST"])
def register():
    if too_many(("register", request.remote_addr)):
        return error("too many attempts, try again later", 429)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return error("the body must be a JSON object", 400)
    username = data.get("username")
    password = data.get("password")
    if not isinstance(username, str) or not 3 <= len(username.strip()) <= 80:
        return error("username must have 3 to 80 characters", 400, "username")
    if not isinstance(password, str) or len(password) < 8:
        return error("password must have at least 8 characters", 400, "password")
    user = User(username=username.strip(), password_hash=generate_password_hash(password))
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return error("username already exists", 409, "username")
    return jsonify({"id": user.id, "username": user.username}), 201

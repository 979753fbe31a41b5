# A small file-sharing API with the shortcuts that make it dangerous.
import os
import random
import string
import traceback

from flask import Flask, jsonify, request, send_file
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///files.db")
app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
app.secret_key = "s3cr3t-key-123"
db = SQLAlchemy(app)


class Share(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
    path = db.Column(db.String(200))
    is_admin = db.Column(db.Boolean, default=False)
    token = db.Column(db.String(16))


with app.app_context():
    db.create_all()


def make_token():
    return "".join(random.choice(string.ascii_letters) for _ in range(16))


@app.route("/shares", methods=["POST"])
def create_share():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error="JSON object expected"), 400
    try:
        share = Share(**data)
        share.token = make_token()
        db.session.add(share)
        db.session.commit()
    except Exception:
        db.session.rollback()
        return jsonify(error=traceback.format_exc()), 500
    return jsonify(id=share.id, token=share.token), 201


@app.route("/download")
def download():
    return send_file(request.args.get("path", ""))


@app.route("/calc", methods=["POST"])
def calc():
    data = request.get_json(silent=True) or {}
    if not isinstance(data, dict):
        return jsonify(error="JSON object expected"), 400
    return jsonify(result=eval(str(data.get("expr", "0"))))

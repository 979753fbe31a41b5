# A hand-written notes API with raw SQL: the kind of code a review should stop.
import hashlib
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["SECRET_KEY"] = "dev-secret-please-change"
DB = "notes.db"


def connect():
    con = sqlite3.connect(DB)
    con.row_factory = sqlite3.Row
    return con


with connect() as con:
    con.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE, password TEXT)")
    con.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, owner TEXT, body TEXT)")


@app.route("/signup", methods=["POST"])
def signup():
    data = request.get_json()
    username = data["username"]
    digest = hashlib.md5(data["password"].encode()).hexdigest()
    with connect() as con:
        con.execute(f"INSERT INTO users (username, password) VALUES ('{username}', '{digest}')")
    return jsonify({"username": username, "password": digest}), 201


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json()
    digest = hashlib.md5(str(data["password"]).encode()).hexdigest()
    with connect() as con:
        row = con.execute("SELECT * FROM users WHERE username = '%s' AND password = '%s'" % (data["username"], digest)).fetchone()
    if row is None:
        return jsonify({"error": "wrong username or password"}), 401
    return jsonify({"token": row["username"]})


@app.route("/notes", methods=["POST"])
def add_note():
    data = request.get_json()
    with connect() as con:
        con.execute("INSERT INTO notes (owner, body) VALUES (?, ?)", (data["owner"], data["body"]))
    return jsonify({"ok": True}), 201

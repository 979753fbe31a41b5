from flask import Flask, jsonify, request

app = Flask(__name__)
books = {}


@app.post("/api/books")
def create_book():
    body = request.get_json(silent=True) or {}
    title = (body.get("title") or "").strip()
    if not title:
        return jsonify({"error": "a title is needed"}), 400
    book_id = len(books) + 1
    books[book_id] = {"id": book_id, "title": title, "author": body.get("author", "")}
    return jsonify(books[book_id]), 201


@app.get("/api/books")
def list_books():
    query = request.args.get("q", "").lower()
    found = [b for b in books.values() if query in b["title"].lower()]
    return jsonify(found)


@app.get("/api/books/<int:book_id>")
def get_book(book_id):
    if book_id not in books:
        return jsonify({"error": "not found"}), 404
    return jsonify(books[book_id])

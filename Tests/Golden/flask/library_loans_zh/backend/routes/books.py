"""图书: create, list, get, update, delete, under /api/books.

Access: per operation (x-sculpt-access): create role:admin; list anyone; get anyone; update role:admin; delete role:admin.
"""
from flask import Blueprint, Response
from sqlalchemy import func, select

from actions import perform
from auth import authorize
from crud import assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import session
from errors import ApiError
from messages import message
from models import Book, Loan
from relations import commit_delete, ensure_no_children
from rules import BOOK_FIELDS
from validation import page_params, read_json_object, search_text, validate

bp = Blueprint("books", __name__, url_prefix="/api/books")
LABEL = "图书"
# Who may call each operation (x-sculpt-access): any one of the grants lets the caller in.
ACCESS = {"create": ("role:admin",), "list": ("anyone",), "get": ("anyone",), "update": ("role:admin",), "delete": ("role:admin",)}
# What must be gone before a book may be deleted (ON DELETE RESTRICT).
CHILDREN = ((Loan, Loan.book_id, "借阅记录"),)
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (Book.title,)


# sculpt:part entity-json book
def book_json(book):
    return to_json(book, BOOK_FIELDS)


# sculpt:part route-create book
@bp.post("")
def create_book():
    authorize(ACCESS["create"])
    values = validate(read_json_object(), BOOK_FIELDS)
    db = session()
    ensure_unique(db, Book, BOOK_FIELDS, values)
    book = Book()
    assign(book, BOOK_FIELDS, values)
    db.add(book)
    commit(db, Book, BOOK_FIELDS, values)
    return book_json(book), 201


# sculpt:part route-list book
@bp.get("")
def list_books():
    authorize(ACCESS["list"])
    page, page_size = page_params()
    query = select(Book).order_by(Book.id)
    text = search_text()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(session(), query, page, page_size, book_json)


# sculpt:part route-get book
@bp.get("/<int:book_id>")
def get_book(book_id):
    authorize(ACCESS["get"])
    book = get_or_404(session(), Book, book_id, LABEL)
    return book_json(book)


# sculpt:part route-update book
@bp.put("/<int:book_id>")
def replace_book(book_id):
    """Full update: fields left out go back to their defaults."""
    return _update(book_id, partial=False)


@bp.patch("/<int:book_id>")
def patch_book(book_id):
    """Partial update: only the fields sent change."""
    return _update(book_id, partial=True)


def _update(book_id, partial):
    db = session()
    book = _writable(db, book_id, ACCESS["update"])
    values = validate(read_json_object(), BOOK_FIELDS, partial=partial)
    ensure_unique(db, Book, BOOK_FIELDS, values, exclude_id=book.id)
    assign(book, BOOK_FIELDS, values)
    commit(db, Book, BOOK_FIELDS, values, exclude_id=book.id)
    return book_json(book)


# sculpt:part route-delete book
@bp.delete("/<int:book_id>")
def delete_book(book_id):
    db = session()
    book = _writable(db, book_id, ACCESS["delete"])
    ensure_no_children(db, CHILDREN, book.id, LABEL)
    # The database deletes the children that go with it (ON DELETE CASCADE), in the same transaction.
    db.delete(book)
    commit_delete(db, LABEL)
    return Response(status=204)


# sculpt:part write-guard book
def _writable(db, book_id, grants):
    """The book to change or delete, by whoever `grants` let in."""
    user, owner_only = authorize(grants)
    book = get_or_404(db, Book, book_id, LABEL)
    if owner_only and book.owner_id != user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return book


# sculpt:part route-action book borrow
@bp.post("/<int:book_id>/borrow")
def borrow_book(book_id):
    """借书: POST /api/books/{id}/borrow, one transaction (x-sculpt-access: signed_in)."""
    user, owner_only = authorize(("signed_in",))
    db = session()
    rules = (
        (Book.stock > 0, "库存为0时不能借"),
        (func.coalesce(Book.stock, 0) + (-1) >= 0, "库存数量不能小于 0"),
    )
    book, made = perform(
        db, Book, book_id, LABEL, user, owner_only,
        once=None, rules=rules, changes={Book.stock: func.coalesce(Book.stock, 0) + (-1)}, create=(Loan, "book_id", {}),
    )
    return book_json(book)

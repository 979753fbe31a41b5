"""图书: create, list, get, update, delete, under /api/books.

Access: per operation (x-sculpt-access): create role:admin; list anyone; get anyone; update role:admin; delete role:admin.
"""
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from sqlalchemy import func, select

from actions import perform
from auth import Caller, authorize
from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, Search, assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import DB
from errors import ApiError
from messages import message
from models import Book, Loan
from relations import commit_delete, ensure_no_children
from routing import JSONRoute
from schemas import BookInput, BookPatch

router = APIRouter(prefix="/api/books", route_class=JSONRoute)
LABEL = "图书"
# Who may call each operation (x-sculpt-access): any one of the grants lets the caller in.
ACCESS = {"create": ("role:admin",), "list": ("anyone",), "get": ("anyone",), "update": ("role:admin",), "delete": ("role:admin",)}
# What must be gone before a book may be deleted (ON DELETE RESTRICT).
CHILDREN = ((Loan, Loan.book_id, "借阅记录"),)
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (Book.title,)


# sculpt:part entity-json book
def book_json(book):
    return to_json(book, BookInput)


# sculpt:part route-create book
@router.post("", status_code=201)
def create_book(body: BookInput, db: DB, caller: Annotated[Caller, Depends(authorize(ACCESS["create"]))]):
    values = body.model_dump()
    ensure_unique(db, Book, BookInput, values)
    book = Book()
    assign(book, values)
    db.add(book)
    commit(db, Book, BookInput, values)
    return book_json(book)


# sculpt:part route-list book
@router.get("")
def list_books(
    db: DB,
    caller: Annotated[Caller, Depends(authorize(ACCESS["list"]))],
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
    q: Search = "",
):
    query = select(Book).order_by(Book.id)
    text = q.strip()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(db, query, page, page_size, book_json)


# sculpt:part route-get book
@router.get("/{book_id}")
def get_book(book_id: int, db: DB, caller: Annotated[Caller, Depends(authorize(ACCESS["get"]))]):
    book = get_or_404(db, Book, book_id, LABEL)
    return book_json(book)


# sculpt:part route-update book
@router.put("/{book_id}")
def replace_book(
    book_id: int,
    body: BookInput,
    db: DB,
    caller: Annotated[Caller, Depends(authorize(ACCESS["update"]))],
):
    """Full update: fields left out go back to their defaults."""
    return _update(db, _writable(db, book_id, caller), body.model_dump())


@router.patch("/{book_id}")
def patch_book(book_id: int, body: BookPatch, db: DB, caller: Annotated[Caller, Depends(authorize(ACCESS["update"]))]):
    """Partial update: only the fields sent change."""
    return _update(db, _writable(db, book_id, caller), body.model_dump(exclude_unset=True))


def _update(db, book, values):
    ensure_unique(db, Book, BookInput, values, exclude_id=book.id)
    assign(book, values)
    commit(db, Book, BookInput, values, exclude_id=book.id)
    return book_json(book)


# sculpt:part route-delete book
@router.delete("/{book_id}", status_code=204)
def delete_book(book_id: int, db: DB, caller: Annotated[Caller, Depends(authorize(ACCESS["delete"]))]):
    book = _writable(db, book_id, caller)
    ensure_no_children(db, CHILDREN, book.id, LABEL)
    # The database deletes the children that go with it (ON DELETE CASCADE), in the same transaction.
    db.delete(book)
    commit_delete(db, LABEL)
    return Response(status_code=204)


# sculpt:part write-guard book
def _writable(db, book_id, caller):
    """The book to change or delete."""
    book = get_or_404(db, Book, book_id, LABEL)
    if caller.owner_only and book.owner_id != caller.user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return book


# sculpt:part route-action book borrow
@router.post("/{book_id}/borrow")
def borrow_book(book_id: int, db: DB, caller: Annotated[Caller, Depends(authorize(("signed_in",)))]):
    """借书: POST /api/books/{id}/borrow, one transaction (x-sculpt-access: signed_in)."""
    rules = (
        (Book.stock > 0, "库存为0时不能借"),
        (func.coalesce(Book.stock, 0) + (-1) >= 0, "库存数量不能小于 0"),
    )
    book, made = perform(
        db, Book, book_id, LABEL, caller.user, caller.owner_only,
        once=None, rules=rules, changes={Book.stock: func.coalesce(Book.stock, 0) + (-1)}, create=(Loan, "book_id", {}),
    )
    return book_json(book)

"""Records that belong to others: a parent id must exist, children can be listed by parent, and
deleting a parent never leaves orphans (its children go with it, or the delete is refused).

The database holds the same rules (FOREIGN KEY ... ON DELETE CASCADE or RESTRICT, with SQLite's
foreign keys switched on for every connection); these checks turn them into clear answers.
"""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from errors import ApiError
from messages import message

# The largest id a column holds (signed 64 bits).
INT64_MAX = 2**63 - 1


# sculpt:part parent-check
def ensure_parents(db, parents, values):
    """A 400 naming the field when a parent id sent names no record: `parents` holds (field, model, label)."""
    for field, model, label in parents:
        parent_id = values.get(field)
        if parent_id is None:
            continue
        if not 0 < parent_id <= INT64_MAX or db.get(model, parent_id) is None:
            raise ApiError(400, "invalid", message("parent_missing", label=label), field)


def parent_id_param(raw, name):
    """The `?<parent>_id=N` filter of a list: None when absent, else an id from 1 (a 400 for anything else)."""
    if raw is None:
        return None
    text = raw.strip()
    if not text.isdigit() or len(text) > 18 or int(text) < 1:
        raise ApiError(400, "invalid", message("bad_page", name=name), name)
    return int(text)


# sculpt:part delete-children
def ensure_no_children(db, children, parent_id, label):
    """A 409 while records that restrict the delete still belong to the parent: (model, column, label)."""
    for model, column, children_label in children:
        if db.scalar(select(model.id).where(column == parent_id).limit(1)) is not None:
            raise ApiError(409, "conflict", message("has_children", label=label, children=children_label))


def commit_delete(db, label):
    """Commits a delete; the children that go with it are deleted by the database in the same
    transaction. A grandchild that restricts the delete makes the database refuse it: a 409, never a 500."""
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise ApiError(409, "conflict", message("has_children", label=label, children=label)) from None

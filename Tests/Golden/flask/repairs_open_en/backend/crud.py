"""Helpers shared by the resource routes: JSON output, lookups, uniqueness, paging and search."""
from datetime import date, datetime, timezone

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from errors import ApiError
from messages import message
from validation import INT64_MAX


# sculpt:part to-json
def to_json(record, rules):
    """`id` and every field of `record`, dates as ISO 8601 text."""
    data = {"id": record.id}
    for rule in rules:
        data[rule.name] = _json_value(getattr(record, rule.attribute))
    return data


def _json_value(value):
    if isinstance(value, datetime):
        # Stored in UTC; SQLite gives it back without its zone.
        moment = value.astimezone(timezone.utc) if value.tzinfo else value
        return moment.replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return value


# sculpt:part assign
def assign(record, rules, values):
    """Copies validated values onto `record`; only fields named by the rules are ever set."""
    for rule in rules:
        if rule.name in values:
            setattr(record, rule.attribute, values[rule.name])


# sculpt:part get-or-404
def get_or_404(db, model, record_id, label):
    """The record with this id, or a 404 naming what was looked for."""
    record = db.get(model, record_id) if 0 < record_id <= INT64_MAX else None
    if record is None:
        raise ApiError(404, "not_found", message("not_found", label=label))
    return record


# sculpt:part unique-check
def ensure_unique(db, model, rules, values, exclude_id=None):
    """A 409 naming the first unique field whose value another record already has."""
    for rule in rules:
        value = values.get(rule.name)
        if not rule.unique or value is None:
            continue
        query = select(model.id).where(getattr(model, rule.attribute) == value)
        if exclude_id is not None:
            query = query.where(model.id != exclude_id)
        if db.scalar(query.limit(1)) is not None:
            raise ApiError(409, "conflict", message("conflict", label=rule.label), rule.name)


# sculpt:part unique-commit
def commit(db, model, rules, values, exclude_id=None):
    """Commits; when a racing request took a unique value first, the database refuses the row and
    this answers 409 (never 500): the UNIQUE constraint, not the earlier check, is the guarantee."""
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        ensure_unique(db, model, rules, values, exclude_id)
        raise ApiError(409, "conflict", message("conflict_other")) from None


# sculpt:part search
def search_filter(text, columns):
    """Case-insensitive substring match of `text` on any of `columns`; % and _ match themselves."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


# sculpt:part page-of
def page_of(db, query, page, page_size, dump):
    """The list answer: {"items", "total", "page", "page_size"} for one page of `query`."""
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    offset = (page - 1) * page_size
    records = db.scalars(query.offset(offset).limit(page_size)).all() if offset <= INT64_MAX else []
    return {"items": [dump(record) for record in records], "total": total, "page": page, "page_size": page_size}

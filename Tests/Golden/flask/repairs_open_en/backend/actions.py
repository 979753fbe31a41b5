"""Domain actions (a verb on one record, such as borrowing a book): each runs as one transaction whose
rules hold when requests race.

The rules and the changes go into one conditional UPDATE (`... SET stock = stock - 1 WHERE id = ?
AND stock > 0`), so two requests can never both pass a rule that only one may pass; a once-per-user
action first inserts (user, record) into a log whose UNIQUE pair refuses a second time.
"""
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from crud import get_or_404
from errors import ApiError
from messages import message


# sculpt:part action-run
def perform(db, model, record_id, label, user, owner_only, *, once=None, rules=(), changes=None, create=None):
    """Runs one action on the record `record_id` of `model`; returns (the record after it, the record it created).

    once: (log table, action label) when each user may act once per record (409 `conflict` the second time).
    rules: (condition, message) pairs that must all hold (409 `precondition_failed` with the first broken one).
    changes: {column: new value expression} applied by the same UPDATE.
    create: (model, parent attribute, defaults) of a record made for the caller, belonging to this one.
    """
    record = get_or_404(db, model, record_id, label)
    if owner_only and record.owner_id != user.id:
        raise ApiError(403, "forbidden", message("not_permitted"))
    try:
        if once is not None:
            log, action = once
            try:
                db.execute(insert(log).values(user_id=user.id, record_id=record.id))
            except IntegrityError:
                db.rollback()
                raise ApiError(409, "conflict", message("already_done", action=action)) from None
        statement = update(model).where(model.id == record.id, *(condition for condition, _ in rules))
        statement = statement.values(changes or {model.id: model.id}).execution_options(synchronize_session=False)
        if db.execute(statement).rowcount != 1:
            broken = _first_broken(db, model, record.id, rules)
            db.rollback()
            raise ApiError(409, "precondition_failed", broken)
        made = None
        if create is not None:
            made_model, parent, defaults = create
            made = made_model(**defaults, **{parent: record.id}, owner_id=user.id)
            db.add(made)
        db.commit()
    except IntegrityError:
        db.rollback()
        raise ApiError(409, "conflict", message("conflict_other")) from None
    except BaseException:
        db.rollback()
        raise
    db.refresh(record)
    return record, made


def _first_broken(db, model, record_id, rules):
    """The message of the first rule the record breaks now (read inside the failed transaction)."""
    for condition, text in rules:
        if db.scalar(select(model.id).where(model.id == record_id, condition)) is None:
            return text
    return rules[0][1] if rules else message("conflict_other")

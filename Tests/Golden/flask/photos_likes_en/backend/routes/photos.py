"""Photo: create, list, get, update, delete, under /api/photos.

Access: anyone may read; only the owner may write.
"""
from flask import Blueprint, Response
from sqlalchemy import func, select

from actions import perform
from auth import authorize, current_user
from crud import assign, commit, ensure_unique, get_or_404, page_of, to_json
from database import session
from errors import ApiError
from messages import message
from models import Photo, PhotoLikeBy
from rules import PHOTO_FIELDS
from validation import page_params, read_json_object, validate

bp = Blueprint("photos", __name__, url_prefix="/api/photos")
LABEL = "Photo"


# sculpt:part entity-json photo
def photo_json(photo):
    return {**to_json(photo, PHOTO_FIELDS), "owner_id": photo.owner_id}


# sculpt:part route-create photo
@bp.post("")
def create_photo():
    user = current_user()
    values = validate(read_json_object(), PHOTO_FIELDS)
    db = session()
    ensure_unique(db, Photo, PHOTO_FIELDS, values)
    photo = Photo(owner_id=user.id)
    assign(photo, PHOTO_FIELDS, values)
    db.add(photo)
    commit(db, Photo, PHOTO_FIELDS, values)
    return photo_json(photo), 201


# sculpt:part route-list photo
@bp.get("")
def list_photos():
    page, page_size = page_params()
    query = select(Photo).order_by(Photo.id)
    return page_of(session(), query, page, page_size, photo_json)


# sculpt:part route-get photo
@bp.get("/<int:photo_id>")
def get_photo(photo_id):
    photo = get_or_404(session(), Photo, photo_id, LABEL)
    return photo_json(photo)


# sculpt:part route-update photo
@bp.put("/<int:photo_id>")
def replace_photo(photo_id):
    """Full update: fields left out go back to their defaults."""
    return _update(photo_id, partial=False)


@bp.patch("/<int:photo_id>")
def patch_photo(photo_id):
    """Partial update: only the fields sent change."""
    return _update(photo_id, partial=True)


def _update(photo_id, partial):
    db = session()
    photo = _writable(db, photo_id)
    values = validate(read_json_object(), PHOTO_FIELDS, partial=partial)
    ensure_unique(db, Photo, PHOTO_FIELDS, values, exclude_id=photo.id)
    assign(photo, PHOTO_FIELDS, values)
    commit(db, Photo, PHOTO_FIELDS, values, exclude_id=photo.id)
    return photo_json(photo)


# sculpt:part route-delete photo
@bp.delete("/<int:photo_id>")
def delete_photo(photo_id):
    db = session()
    db.delete(_writable(db, photo_id))
    db.commit()
    return Response(status=204)


# sculpt:part write-guard photo
def _writable(db, photo_id):
    """The photo to change or delete; only its owner may (403 for anyone else)."""
    user = current_user()
    photo = get_or_404(db, Photo, photo_id, LABEL)
    if photo.owner_id != user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return photo


# sculpt:part route-action photo like
@bp.post("/<int:photo_id>/like")
def like_photo(photo_id):
    """Like: POST /api/photos/{id}/like, one transaction (x-sculpt-access: signed_in)."""
    user, owner_only = authorize(("signed_in",))
    db = session()
    rules = ()
    photo, made = perform(
        db, Photo, photo_id, LABEL, user, owner_only,
        once=(PhotoLikeBy, "Like"), rules=rules, changes={Photo.like_count: func.coalesce(Photo.like_count, 0) + 1}, create=None,
    )
    return photo_json(photo)

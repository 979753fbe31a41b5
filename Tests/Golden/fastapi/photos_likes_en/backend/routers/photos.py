"""Photo: create, list, get, update, delete, under /api/photos.

Access: anyone may read; only the owner may write.
"""
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from sqlalchemy import func, select

from actions import perform
from auth import Caller, CurrentUser, authorize
from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, assign, commit, ensure_unique, get_or_404, page_of, to_json
from database import DB
from errors import ApiError
from messages import message
from models import Photo, PhotoLikeBy
from routing import JSONRoute
from schemas import PhotoInput, PhotoPatch

router = APIRouter(prefix="/api/photos", route_class=JSONRoute)
LABEL = "Photo"


# sculpt:part entity-json photo
def photo_json(photo):
    return {**to_json(photo, PhotoInput), "owner_id": photo.owner_id}


# sculpt:part route-create photo
@router.post("", status_code=201)
def create_photo(body: PhotoInput, db: DB, user: CurrentUser):
    values = body.model_dump()
    ensure_unique(db, Photo, PhotoInput, values)
    photo = Photo(owner_id=user.id)
    assign(photo, values)
    db.add(photo)
    commit(db, Photo, PhotoInput, values)
    return photo_json(photo)


# sculpt:part route-list photo
@router.get("")
def list_photos(db: DB, page: Page = 1, page_size: PageSize = DEFAULT_PAGE_SIZE):
    query = select(Photo).order_by(Photo.id)
    return page_of(db, query, page, page_size, photo_json)


# sculpt:part route-get photo
@router.get("/{photo_id}")
def get_photo(photo_id: int, db: DB):
    photo = get_or_404(db, Photo, photo_id, LABEL)
    return photo_json(photo)


# sculpt:part route-update photo
@router.put("/{photo_id}")
def replace_photo(photo_id: int, body: PhotoInput, db: DB, user: CurrentUser):
    """Full update: fields left out go back to their defaults."""
    return _update(db, _writable(db, photo_id, user), body.model_dump())


@router.patch("/{photo_id}")
def patch_photo(photo_id: int, body: PhotoPatch, db: DB, user: CurrentUser):
    """Partial update: only the fields sent change."""
    return _update(db, _writable(db, photo_id, user), body.model_dump(exclude_unset=True))


def _update(db, photo, values):
    ensure_unique(db, Photo, PhotoInput, values, exclude_id=photo.id)
    assign(photo, values)
    commit(db, Photo, PhotoInput, values, exclude_id=photo.id)
    return photo_json(photo)


# sculpt:part route-delete photo
@router.delete("/{photo_id}", status_code=204)
def delete_photo(photo_id: int, db: DB, user: CurrentUser):
    db.delete(_writable(db, photo_id, user))
    db.commit()
    return Response(status_code=204)


# sculpt:part write-guard photo
def _writable(db, photo_id, user):
    """The photo to change or delete; only its owner may (403 for anyone else)."""
    photo = get_or_404(db, Photo, photo_id, LABEL)
    if photo.owner_id != user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return photo


# sculpt:part route-action photo like
@router.post("/{photo_id}/like")
def like_photo(photo_id: int, db: DB, caller: Annotated[Caller, Depends(authorize(("signed_in",)))]):
    """Like: POST /api/photos/{id}/like, one transaction (x-sculpt-access: signed_in)."""
    rules = ()
    photo, made = perform(
        db, Photo, photo_id, LABEL, caller.user, caller.owner_only,
        once=(PhotoLikeBy, "Like"), rules=rules, changes={Photo.like_count: func.coalesce(Photo.like_count, 0) + 1}, create=None,
    )
    return photo_json(photo)

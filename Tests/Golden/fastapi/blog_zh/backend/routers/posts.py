"""文章: create, list, get, update, delete, under /api/posts.

Access: anyone may read; only the owner may write.
"""
from fastapi import APIRouter, Response
from sqlalchemy import select

from auth import CurrentUser
from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, Search, assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import DB
from errors import ApiError
from messages import message
from models import Post
from routing import JSONRoute
from schemas import PostInput, PostPatch

router = APIRouter(prefix="/api/posts", route_class=JSONRoute)
LABEL = "文章"
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (Post.title,)


# sculpt:part entity-json post
def post_json(post):
    return {**to_json(post, PostInput), "owner_id": post.owner_id}


# sculpt:part route-create post
@router.post("", status_code=201)
def create_post(body: PostInput, db: DB, user: CurrentUser):
    values = body.model_dump()
    ensure_unique(db, Post, PostInput, values)
    post = Post(owner_id=user.id)
    assign(post, values)
    db.add(post)
    commit(db, Post, PostInput, values)
    return post_json(post)


# sculpt:part route-list post
@router.get("")
def list_posts(db: DB, page: Page = 1, page_size: PageSize = DEFAULT_PAGE_SIZE, q: Search = ""):
    query = select(Post).order_by(Post.id)
    text = q.strip()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(db, query, page, page_size, post_json)


# sculpt:part route-get post
@router.get("/{post_id}")
def get_post(post_id: int, db: DB):
    post = get_or_404(db, Post, post_id, LABEL)
    return post_json(post)


# sculpt:part route-update post
@router.put("/{post_id}")
def replace_post(post_id: int, body: PostInput, db: DB, user: CurrentUser):
    """Full update: fields left out go back to their defaults."""
    return _update(db, _writable(db, post_id, user), body.model_dump())


@router.patch("/{post_id}")
def patch_post(post_id: int, body: PostPatch, db: DB, user: CurrentUser):
    """Partial update: only the fields sent change."""
    return _update(db, _writable(db, post_id, user), body.model_dump(exclude_unset=True))


def _update(db, post, values):
    ensure_unique(db, Post, PostInput, values, exclude_id=post.id)
    assign(post, values)
    commit(db, Post, PostInput, values, exclude_id=post.id)
    return post_json(post)


# sculpt:part route-delete post
@router.delete("/{post_id}", status_code=204)
def delete_post(post_id: int, db: DB, user: CurrentUser):
    db.delete(_writable(db, post_id, user))
    db.commit()
    return Response(status_code=204)


# sculpt:part write-guard post
def _writable(db, post_id, user):
    """The post to change or delete; only its owner may (403 for anyone else)."""
    post = get_or_404(db, Post, post_id, LABEL)
    if post.owner_id != user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return post

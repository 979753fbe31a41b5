"""文章: create, list, get, update, delete, under /api/posts.

Access: anyone may read; only the owner may write.
"""
from flask import Blueprint, Response
from sqlalchemy import select

from auth import current_user
from crud import assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import session
from errors import ApiError
from messages import message
from models import Post
from rules import POST_FIELDS
from validation import page_params, read_json_object, search_text, validate

bp = Blueprint("posts", __name__, url_prefix="/api/posts")
LABEL = "文章"
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (Post.title,)


# sculpt:part entity-json post
def post_json(post):
    return {**to_json(post, POST_FIELDS), "owner_id": post.owner_id}


# sculpt:part route-create post
@bp.post("")
def create_post():
    user = current_user()
    values = validate(read_json_object(), POST_FIELDS)
    db = session()
    ensure_unique(db, Post, POST_FIELDS, values)
    post = Post(owner_id=user.id)
    assign(post, POST_FIELDS, values)
    db.add(post)
    commit(db, Post, POST_FIELDS, values)
    return post_json(post), 201


# sculpt:part route-list post
@bp.get("")
def list_posts():
    page, page_size = page_params()
    query = select(Post).order_by(Post.id)
    text = search_text()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(session(), query, page, page_size, post_json)


# sculpt:part route-get post
@bp.get("/<int:post_id>")
def get_post(post_id):
    post = get_or_404(session(), Post, post_id, LABEL)
    return post_json(post)


# sculpt:part route-update post
@bp.put("/<int:post_id>")
def replace_post(post_id):
    """Full update: fields left out go back to their defaults."""
    return _update(post_id, partial=False)


@bp.patch("/<int:post_id>")
def patch_post(post_id):
    """Partial update: only the fields sent change."""
    return _update(post_id, partial=True)


def _update(post_id, partial):
    db = session()
    post = _writable(db, post_id)
    values = validate(read_json_object(), POST_FIELDS, partial=partial)
    ensure_unique(db, Post, POST_FIELDS, values, exclude_id=post.id)
    assign(post, POST_FIELDS, values)
    commit(db, Post, POST_FIELDS, values, exclude_id=post.id)
    return post_json(post)


# sculpt:part route-delete post
@bp.delete("/<int:post_id>")
def delete_post(post_id):
    db = session()
    db.delete(_writable(db, post_id))
    db.commit()
    return Response(status=204)


# sculpt:part write-guard post
def _writable(db, post_id):
    """The post to change or delete; only its owner may (403 for anyone else)."""
    user = current_user()
    post = get_or_404(db, Post, post_id, LABEL)
    if post.owner_id != user.id:
        raise ApiError(403, "forbidden", message("forbidden", label=LABEL))
    return post

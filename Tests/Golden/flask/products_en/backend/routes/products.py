"""Product: create, list, get, update, delete, under /api/products.

Access: anyone may read; anyone may write.
"""
from flask import Blueprint, Response
from sqlalchemy import select

from crud import assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import session
from models import Product
from rules import PRODUCT_FIELDS
from validation import page_params, read_json_object, search_text, validate

bp = Blueprint("products", __name__, url_prefix="/api/products")
LABEL = "Product"
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (Product.name,)


# sculpt:part entity-json product
def product_json(product):
    return to_json(product, PRODUCT_FIELDS)


# sculpt:part route-create product
@bp.post("")
def create_product():
    values = validate(read_json_object(), PRODUCT_FIELDS)
    db = session()
    ensure_unique(db, Product, PRODUCT_FIELDS, values)
    product = Product()
    assign(product, PRODUCT_FIELDS, values)
    db.add(product)
    commit(db, Product, PRODUCT_FIELDS, values)
    return product_json(product), 201


# sculpt:part route-list product
@bp.get("")
def list_products():
    page, page_size = page_params()
    query = select(Product).order_by(Product.id)
    text = search_text()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(session(), query, page, page_size, product_json)


# sculpt:part route-get product
@bp.get("/<int:product_id>")
def get_product(product_id):
    product = get_or_404(session(), Product, product_id, LABEL)
    return product_json(product)


# sculpt:part route-update product
@bp.put("/<int:product_id>")
def replace_product(product_id):
    """Full update: fields left out go back to their defaults."""
    return _update(product_id, partial=False)


@bp.patch("/<int:product_id>")
def patch_product(product_id):
    """Partial update: only the fields sent change."""
    return _update(product_id, partial=True)


def _update(product_id, partial):
    db = session()
    product = _writable(db, product_id)
    values = validate(read_json_object(), PRODUCT_FIELDS, partial=partial)
    ensure_unique(db, Product, PRODUCT_FIELDS, values, exclude_id=product.id)
    assign(product, PRODUCT_FIELDS, values)
    commit(db, Product, PRODUCT_FIELDS, values, exclude_id=product.id)
    return product_json(product)


# sculpt:part route-delete product
@bp.delete("/<int:product_id>")
def delete_product(product_id):
    db = session()
    db.delete(_writable(db, product_id))
    db.commit()
    return Response(status=204)


# sculpt:part write-guard product
def _writable(db, product_id):
    """The product to change or delete."""
    product = get_or_404(db, Product, product_id, LABEL)
    return product

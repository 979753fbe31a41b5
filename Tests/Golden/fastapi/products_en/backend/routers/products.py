"""Product: create, list, get, update, delete, under /api/products.

Access: anyone may read; anyone may write.
"""
from fastapi import APIRouter, Response
from sqlalchemy import select

from config import DEFAULT_PAGE_SIZE
from crud import Page, PageSize, Search, assign, commit, ensure_unique, get_or_404, page_of, search_filter, to_json
from database import DB
from models import Product
from routing import JSONRoute
from schemas import ProductInput, ProductPatch

router = APIRouter(prefix="/api/products", route_class=JSONRoute)
LABEL = "Product"
# What `q` searches: a case-insensitive substring of any of these.
SEARCHABLE = (Product.name,)


# sculpt:part entity-json product
def product_json(product):
    return to_json(product, ProductInput)


# sculpt:part route-create product
@router.post("", status_code=201)
def create_product(body: ProductInput, db: DB):
    values = body.model_dump()
    ensure_unique(db, Product, ProductInput, values)
    product = Product()
    assign(product, values)
    db.add(product)
    commit(db, Product, ProductInput, values)
    return product_json(product)


# sculpt:part route-list product
@router.get("")
def list_products(db: DB, page: Page = 1, page_size: PageSize = DEFAULT_PAGE_SIZE, q: Search = ""):
    query = select(Product).order_by(Product.id)
    text = q.strip()
    if text:
        query = query.where(search_filter(text, SEARCHABLE))
    return page_of(db, query, page, page_size, product_json)


# sculpt:part route-get product
@router.get("/{product_id}")
def get_product(product_id: int, db: DB):
    product = get_or_404(db, Product, product_id, LABEL)
    return product_json(product)


# sculpt:part route-update product
@router.put("/{product_id}")
def replace_product(product_id: int, body: ProductInput, db: DB):
    """Full update: fields left out go back to their defaults."""
    return _update(db, _writable(db, product_id), body.model_dump())


@router.patch("/{product_id}")
def patch_product(product_id: int, body: ProductPatch, db: DB):
    """Partial update: only the fields sent change."""
    return _update(db, _writable(db, product_id), body.model_dump(exclude_unset=True))


def _update(db, product, values):
    ensure_unique(db, Product, ProductInput, values, exclude_id=product.id)
    assign(product, values)
    commit(db, Product, ProductInput, values, exclude_id=product.id)
    return product_json(product)


# sculpt:part route-delete product
@router.delete("/{product_id}", status_code=204)
def delete_product(product_id: int, db: DB):
    db.delete(_writable(db, product_id))
    db.commit()
    return Response(status_code=204)


# sculpt:part write-guard product
def _writable(db, product_id):
    """The product to change or delete."""
    product = get_or_404(db, Product, product_id, LABEL)
    return product

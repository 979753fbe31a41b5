"""The request body rules, generated from the schemas of openapi.json (components/schemas).

validation.py checks bodies against these and nothing else, so the document and the server agree.
"""
from validation import Rule

# sculpt:part field-rules product
# The ProductInput schema (ProductPatch is the same with every field optional).
PRODUCT_FIELDS = (
    Rule("name", "Name", "string", required=True, min_length=1, max_length=200),
    Rule("sku", "SKU", "string", required=True, unique=True, min_length=1, max_length=200),
    Rule("price", "Price", "number", required=True, exclusive_minimum=0),
    Rule("stock", "Stock", "integer", required=True, minimum=0),
)

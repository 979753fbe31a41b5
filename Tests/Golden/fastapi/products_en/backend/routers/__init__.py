"""The routers: one module per resource."""
from routers import health, products

ROUTERS = (
    health.router,
    products.router,
)

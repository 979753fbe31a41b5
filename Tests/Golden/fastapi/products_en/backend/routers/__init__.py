"""The routers: one module per resource."""
from routers import health, products

# sculpt:part routes-registry
ROUTERS = (
    health.router,
    products.router,
)

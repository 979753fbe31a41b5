"""The routers: one module per resource."""
from routers import auth, books, health, loans

# sculpt:part routes-registry
ROUTERS = (
    health.router,
    auth.router,
    books.router,
    loans.router,
)

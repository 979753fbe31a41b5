"""The routers: one module per resource."""
from routers import auth, health

ROUTERS = (
    health.router,
    auth.router,
)

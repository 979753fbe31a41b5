"""The routers: one module per resource."""
from routers import auth, health, photos

# sculpt:part routes-registry
ROUTERS = (
    health.router,
    auth.router,
    photos.router,
)

"""The routers: one module per resource."""
from routers import auth, health, posts

ROUTERS = (
    health.router,
    auth.router,
    posts.router,
)

"""The routers: one module per resource."""
from routers import health, tasks

ROUTERS = (
    health.router,
    tasks.router,
)

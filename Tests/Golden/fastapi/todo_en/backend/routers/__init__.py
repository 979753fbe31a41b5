"""The routers: one module per resource."""
from routers import health, tasks

# sculpt:part routes-registry
ROUTERS = (
    health.router,
    tasks.router,
)

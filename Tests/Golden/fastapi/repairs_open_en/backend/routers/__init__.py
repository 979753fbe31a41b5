"""The routers: one module per resource."""
from routers import health, repair_requests

# sculpt:part routes-registry
ROUTERS = (
    health.router,
    repair_requests.router,
)

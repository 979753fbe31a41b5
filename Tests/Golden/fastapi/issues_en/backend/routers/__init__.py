"""The routers: one module per resource."""
from routers import auth, health, issues, projects

# sculpt:part routes-registry
ROUTERS = (
    health.router,
    auth.router,
    projects.router,
    issues.router,
)

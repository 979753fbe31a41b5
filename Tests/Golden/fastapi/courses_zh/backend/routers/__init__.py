"""The routers: one module per resource."""
from routers import auth, courses, enrollments, health

# sculpt:part routes-registry
ROUTERS = (
    health.router,
    auth.router,
    courses.router,
    enrollments.router,
)

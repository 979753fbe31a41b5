"""The blueprints: one module per resource."""
from routes import auth, courses, enrollments, health, static

# sculpt:part routes-registry
BLUEPRINTS = (
    health.bp,
    auth.bp,
    courses.bp,
    enrollments.bp,
    static.bp,
)


def register_blueprints(app):
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

"""The blueprints: one module per resource."""
from routes import auth, health, issues, projects, static

# sculpt:part routes-registry
BLUEPRINTS = (
    health.bp,
    auth.bp,
    projects.bp,
    issues.bp,
    static.bp,
)


def register_blueprints(app):
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

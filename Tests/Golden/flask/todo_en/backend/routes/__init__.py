"""The blueprints: one module per resource."""
from routes import health, static, tasks

# sculpt:part routes-registry
BLUEPRINTS = (
    health.bp,
    tasks.bp,
    static.bp,
)


def register_blueprints(app):
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

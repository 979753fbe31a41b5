"""The blueprints: one module per resource."""
from routes import health, repair_requests, static

# sculpt:part routes-registry
BLUEPRINTS = (
    health.bp,
    repair_requests.bp,
    static.bp,
)


def register_blueprints(app):
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

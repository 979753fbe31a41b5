"""The blueprints: one module per resource."""
from routes import health, products, static

# sculpt:part routes-registry
BLUEPRINTS = (
    health.bp,
    products.bp,
    static.bp,
)


def register_blueprints(app):
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

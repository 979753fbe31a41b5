"""The blueprints: one module per resource."""
from routes import auth, books, health, loans, static

# sculpt:part routes-registry
BLUEPRINTS = (
    health.bp,
    auth.bp,
    books.bp,
    loans.bp,
    static.bp,
)


def register_blueprints(app):
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

"""The blueprints: one module per resource."""
from routes import auth, health, photos, static

# sculpt:part routes-registry
BLUEPRINTS = (
    health.bp,
    auth.bp,
    photos.bp,
    static.bp,
)


def register_blueprints(app):
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

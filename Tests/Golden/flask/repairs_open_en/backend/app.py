"""Repair board: the API server.

Run `python app.py` to serve with waitress on HOST:PORT (default 127.0.0.1:8000);
tests import `create_app()` and pass settings of their own.
"""
import logging
import os

from flask import Flask

import database
import models  # noqa: F401  (defines the tables before database.init_app creates them)
from config import load_settings
from errors import register_error_handlers
from routes import register_blueprints


# sculpt:part app-factory
def create_app(overrides=None):
    """The application factory: settings from the environment, then `overrides`."""
    app = Flask(__name__, static_folder=None)
    app.config.update(load_settings(overrides))
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.json.mimetype = "application/json; charset=utf-8"
    database.init_app(app)
    register_error_handlers(app)
    register_blueprints(app)
    return app


# sculpt:part server-main
def main():
    from waitress import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    logging.getLogger(__name__).info("serving on http://%s:%d", host, port)
    serve(create_app(), host=host, port=port, threads=8)


if __name__ == "__main__":
    main()

"""The web page: serves the files of the frontend folder (FRONTEND_DIR) at /."""
from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("frontend", __name__)


# sculpt:part static-files
@bp.get("/")
def index():
    return send_from_directory(current_app.config["FRONTEND_DIR"], "index.html")


@bp.get("/<path:filename>")
def asset(filename):
    # send_from_directory refuses paths that leave the folder; a missing file is a JSON 404.
    return send_from_directory(current_app.config["FRONTEND_DIR"], filename)

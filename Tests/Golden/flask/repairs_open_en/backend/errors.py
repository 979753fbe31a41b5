"""Every error answers one JSON shape: {"error": {"code": ..., "message": ..., "field": ...}}."""
import logging

from flask import jsonify
from werkzeug.exceptions import HTTPException

from messages import message

log = logging.getLogger(__name__)


# sculpt:part error-shape
class ApiError(Exception):
    """An error the client can act on; `field` names the request field to blame, when there is one."""

    def __init__(self, status, code, text, field=None):
        super().__init__(text)
        self.status = status
        self.code = code
        self.message = text
        self.field = field


def error_response(status, code, text, field=None):
    error = {"code": code, "message": text}
    if field:
        error["field"] = field
    return jsonify(error=error), status


# Werkzeug's own HTTP errors (no route, wrong method, body too large...): code and message key.
HTTP_ERRORS = {
    400: ("bad_request", "bad_request"),
    404: ("not_found", "no_route"),
    405: ("method_not_allowed", "method_not_allowed"),
    413: ("too_large", "too_large"),
    415: ("unsupported_media_type", "not_json"),
}


# sculpt:part error-handlers
def register_error_handlers(app):
    """Makes sure no error answers with HTML or a stack trace."""

    @app.errorhandler(ApiError)
    def handle_api_error(error):
        return error_response(error.status, error.code, error.message, error.field)

    @app.errorhandler(HTTPException)
    def handle_http_error(error):
        if error.code is not None and error.code >= 500:
            return error_response(error.code, "server_error", message("server_error"))
        code, key = HTTP_ERRORS.get(error.code, ("bad_request", "bad_request"))
        response, status = error_response(error.code or 400, code, message(key))
        if error.code == 405 and getattr(error, "valid_methods", None):
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response, status

    @app.errorhandler(Exception)
    def handle_unexpected_error(error):
        log.exception("unexpected error", exc_info=error)
        return error_response(500, "server_error", message("server_error"))

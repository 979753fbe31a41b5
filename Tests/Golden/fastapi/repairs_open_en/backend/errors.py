"""Every error answers one JSON shape: {"error": {"code": ..., "message": ..., "field": ...}}.

FastAPI's own answers ({"detail": ...} and 422 for invalid input) are replaced: invalid input is a 400
naming the field to blame, in the application's language, as openapi.json declares.
"""
import logging
from typing import get_args

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from config import MAX_PAGE_SIZE, MAX_SEARCH_LENGTH
from messages import message
from routing import JSONResponse

log = logging.getLogger(__name__)


# sculpt:part error-shape
class ApiError(Exception):
    """An error the client can act on; `field` names the request field to blame, when there is one."""

    def __init__(self, status, code, text, field=None, headers=None):
        super().__init__(text)
        self.status = status
        self.code = code
        self.message = text
        self.field = field
        self.headers = headers


def error_response(status, code, text, field=None, headers=None):
    error = {"code": code, "message": text}
    if field:
        error["field"] = field
    return JSONResponse({"error": error}, status_code=status, headers=headers)


def too_large_response():
    return error_response(413, "too_large", message("too_large"))


# HTTP errors raised by FastAPI and Starlette (no route, wrong method, body too large...): code and message key.
HTTP_ERRORS = {
    400: ("invalid_json", "invalid_json"),
    404: ("not_found", "no_route"),
    405: ("method_not_allowed", "method_not_allowed"),
    413: ("too_large", "too_large"),
    415: ("unsupported_media_type", "not_json"),
}

# Pydantic error types and the message each becomes; ranged ones take their bound from the error's context.
# sculpt:part validation-errors
TYPE_MESSAGES = {
    "string_type": "not_string",
    "int_type": "not_integer",
    "float_type": "not_number",
    "bool_type": "not_boolean",
    "string_pattern_mismatch": "bad_email",
    "finite_number": "out_of_range",
    # Raised by the validators of schemas.py under these names.
    "not_string": "not_string",
    "not_integer": "not_integer",
    "out_of_range": "out_of_range",
    "bad_date": "bad_date",
    "bad_datetime": "bad_datetime",
}
RANGE_MESSAGES = {
    "string_too_short": ("too_short", "min", "min_length"),
    "string_too_long": ("too_long", "max", "max_length"),
    "greater_than_equal": ("too_small", "min", "ge"),
    "greater_than": ("not_above", "min", "gt"),
    "less_than_equal": ("too_big", "max", "le"),
}
QUERY_MESSAGES = {"page": "bad_page", "page_size": "bad_page_size", "q": "search_too_long"}


def _body_model(request):
    """The Pydantic model of the matched route's body, if it has one."""
    field = getattr(request.scope.get("route"), "body_field", None)
    return getattr(getattr(field, "field_info", None), "annotation", None)


def _model_field(model, name):
    for attribute, info in getattr(model, "model_fields", {}).items():
        if (info.alias or attribute) == name:
            return info
    return None


def _is_json(request):
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind == "application/json" or kind.endswith("+json")


def validation_error(request, errors):
    """The ApiError for the first problem Pydantic found (fields are checked in the schema's order)."""
    error = errors[0]
    loc = tuple(error.get("loc") or ())
    kind = error.get("type", "")
    where = loc[0] if loc else "body"
    if where == "path":
        # /api/posts/abc: no such record, as for any other unknown address.
        return ApiError(404, "not_found", message("no_route"))
    if where == "query":
        name = str(loc[1]) if len(loc) > 1 else ""
        key = QUERY_MESSAGES.get(name, "bad_request")
        return ApiError(400, "invalid", message(key, name=name, max=MAX_SEARCH_LENGTH if name == "q" else MAX_PAGE_SIZE), name)
    if kind == "json_invalid":
        return ApiError(400, "invalid_json", message("invalid_json"))
    if kind == "empty_patch":
        return ApiError(400, "invalid", message("empty_patch"))
    if len(loc) < 2 or not isinstance(loc[1], str):
        return ApiError(400, "invalid_body", message("not_object" if _is_json(request) else "not_json"))
    name = loc[1]
    info = _model_field(_body_model(request), name)
    label = (info.title if info else None) or name
    required = bool(info and info.is_required())
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing" or (required and (value is None or value == "")):
        return ApiError(400, "required", message("required", label=label), name)
    if kind == "literal_error":
        choices = ", ".join(str(c) for c in get_args(info.annotation)) if info else ""
        return ApiError(400, "invalid", message("not_allowed", label=label, choices=choices), name)
    if kind in RANGE_MESSAGES:
        key, placeholder, bound = RANGE_MESSAGES[kind]
        return ApiError(400, "invalid", message(key, label=label, **{placeholder: ctx.get(bound)}), name)
    return ApiError(400, "invalid", message(TYPE_MESSAGES.get(kind, "not_string"), label=label), name)


# sculpt:part error-handlers
def register_error_handlers(app):
    """Makes sure no error answers with FastAPI's default bodies, HTML or a stack trace."""

    @app.exception_handler(ApiError)
    async def handle_api_error(_request: Request, error: ApiError):
        return error_response(error.status, error.code, error.message, error.field, error.headers)

    @app.exception_handler(RequestValidationError)
    async def handle_validation_error(request: Request, error: RequestValidationError):
        problem = validation_error(request, error.errors())
        return error_response(problem.status, problem.code, problem.message, problem.field)

    @app.exception_handler(HTTPException)
    async def handle_http_error(_request: Request, error: HTTPException):
        if error.status_code >= 500:
            return error_response(error.status_code, "server_error", message("server_error"))
        code, key = HTTP_ERRORS.get(error.status_code, ("bad_request", "bad_request"))
        headers = {"Allow": error.headers["Allow"]} if error.headers and "Allow" in error.headers else None
        return error_response(error.status_code, code, message(key), headers=headers)

    @app.exception_handler(Exception)
    async def handle_unexpected_error(_request: Request, error: Exception):
        log.error("unexpected error", exc_info=error)
        return error_response(500, "server_error", message("server_error"))

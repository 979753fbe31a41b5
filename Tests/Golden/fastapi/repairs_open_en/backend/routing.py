"""How requests come in and answers go out: strict JSON bodies, UTF-8 JSON answers, a body size limit."""
import json

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse as StarletteJSONResponse


# sculpt:part read-json
class JSONResponse(StarletteJSONResponse):
    """JSON answers that say their charset (`application/json; charset=utf-8`)."""

    media_type = "application/json; charset=utf-8"


def _reject_constant(name):
    raise json.JSONDecodeError(f"{name} is not JSON", name, 0)


class JSONRequest(Request):
    """A request whose body must be standard JSON: NaN, Infinity, invalid UTF-8 and absurd nesting
    are malformed JSON (a 400), never a value or a server error."""

    async def json(self):
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                self._json = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
            except (UnicodeDecodeError, RecursionError):
                raise json.JSONDecodeError("not UTF-8 JSON", "", 0) from None
        return self._json


class JSONRoute(APIRoute):
    """Routes that read their bodies with JSONRequest."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def strict_json_handler(request: Request):
            return await handler(JSONRequest(request.scope, request.receive))

        return strict_json_handler


# sculpt:part body-limit
class BodySizeLimit:
    """Refuses request bodies over `max_bytes` with 413, by Content-Length or while they stream in.

    The rest of a refused body is read and dropped (up to DRAIN_BYTES), so a client still sending it
    gets the 413 instead of a broken connection.
    """

    DRAIN_BYTES = 64 * 1024 * 1024

    def __init__(self, app, max_bytes):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            if int(declared) <= self.DRAIN_BYTES:
                await self._drain(receive)
            # Imported here: errors.py imports this module.
            from errors import too_large_response

            await too_large_response()(scope, receive, send)
            return
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    if message.get("more_body", False):
                        await self._drain(receive, received)
                    raise HTTPException(413)
            return message

        await self.app(scope, limited_receive, send)

    async def _drain(self, receive, received=0):
        while received <= self.DRAIN_BYTES:
            message = await receive()
            if message["type"] != "http.request":
                return
            received += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

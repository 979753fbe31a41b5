"""A limit on sign-up and login attempts per client: 429 with the usual JSON error and Retry-After.

AUTH_RATE_LIMIT (environment or config) sets the attempts each client address may make per minute
at each of sign-up and login (default 100); 0 turns the limit off. A route opts in with
`@rate_limited("sign-up")` under its `@bp.post(...)`.
"""
import logging
import math
import os
import threading
import time
from collections import deque
from functools import wraps

from flask import current_app, request

from errors import error_response
from messages import message

log = logging.getLogger(__name__)

# sculpt:part rate-limit
# Each client address may make AUTH_RATE_LIMIT attempts (DEFAULT_LIMIT unless set) per WINDOW_SECONDS
# at each of sign-up and login. Generous on purpose: a person who mistypes, a browser tab and a test
# suite (Sculpt's contract checks make about 30 sign-up attempts a minute) never meet it, while a
# script guessing passwords or creating accounts is slowed to a crawl.
DEFAULT_LIMIT = 100
WINDOW_SECONDS = 60
# Clients remembered at most; beyond that the idle ones are forgotten first (memory stays bounded).
MAX_CLIENTS = 10_000


def configured_limit(value):
    """The limit from AUTH_RATE_LIMIT's text: a whole number, 0 to turn the limit off."""
    if value is None or str(value).strip() == "":
        return DEFAULT_LIMIT
    try:
        limit = int(str(value).strip())
    except ValueError:
        limit = -1
    if limit < 0:
        log.warning("AUTH_RATE_LIMIT must be a whole number (0 turns the limit off), not %r; using %d", value, DEFAULT_LIMIT)
        return DEFAULT_LIMIT
    return limit


class AttemptLimiter:
    """Counts each client's recent attempts in a sliding window, in this process's memory.

    One process, one count: with several worker processes each counts on its own. Behind a reverse
    proxy every request comes from the proxy's address: limit there instead and set AUTH_RATE_LIMIT=0.
    """

    def __init__(self, limit, window=WINDOW_SECONDS):
        self.limit = limit
        self.window = window
        self._attempts = {}
        self._lock = threading.Lock()

    def wait_seconds(self, key, now=None):
        """0 when this attempt may go ahead (it is counted); otherwise the whole seconds until one may."""
        if self.limit <= 0:
            return 0
        now = time.monotonic() if now is None else now
        with self._lock:
            recent = self._attempts.get(key)
            if recent is None:
                if len(self._attempts) >= MAX_CLIENTS:
                    self._forget_idle(now)
                recent = self._attempts[key] = deque()
            while recent and recent[0] <= now - self.window:
                recent.popleft()
            if len(recent) >= self.limit:
                return max(1, math.ceil(recent[0] + self.window - now))
            recent.append(now)
            return 0

    def _forget_idle(self, now):
        for key in [k for k, recent in self._attempts.items() if not recent or recent[-1] <= now - self.window]:
            del self._attempts[key]
        while len(self._attempts) >= MAX_CLIENTS:
            del self._attempts[next(iter(self._attempts))]


def rate_limited(kind):
    """Counts the route's requests per client address under `kind`; beyond the limit, answers 429."""

    def decorate(view):
        @wraps(view)
        def limited(*args, **kwargs):
            limiter = current_app.extensions.get("attempt_limiter")
            if limiter is None:
                value = current_app.config.get("AUTH_RATE_LIMIT", os.environ.get("AUTH_RATE_LIMIT"))
                limiter = current_app.extensions.setdefault("attempt_limiter", AttemptLimiter(configured_limit(value)))
            wait = limiter.wait_seconds((kind, request.remote_addr or ""))
            if wait:
                response, status = error_response(429, "too_many_attempts", message("too_many_attempts", seconds=wait))
                response.headers["Retry-After"] = str(wait)
                return response, status
            return view(*args, **kwargs)

        return limited

    return decorate

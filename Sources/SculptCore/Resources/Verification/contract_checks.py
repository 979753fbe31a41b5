#!/usr/bin/env python3
"""Sculpt's contract checks: prove over real HTTP that a generated project does what its spec says.

Sculpt ships this file and runs it beside the generated server, inside the same sandbox, so the checks
need no network but the sandbox's own loopback. Standard library only; any Python 3.9+ runs it.

  contract_checks.py serve --project DIR [--work DIR] [--health-timeout S] [--checks-timeout S]
      starts the backend as sculpt.json says (HOST, PORT, DATABASE_URL, SECRET_KEY and PASSWORD_HASH_FAST=1 set), waits for its health
      endpoint, runs every check, stops the backend and everything it started, and prints one JSON
      document on stdout: phases (start, health, contract, stop), checks, clauses, log tail.
  contract_checks.py check --project DIR --base URL [--db FILE] [--admin-username NAME]
      runs the checks against a server that is already running (for debugging a project); the admin
      account's password comes from ADMIN_PASSWORD.

The checks are derived from spec.json (what the requirement asked for: unique fields, ownership,
constraints) and openapi.json (where each operation lives and what its bodies look like). Each names
the spec refs it proves (`accounts.identity.unique`, `entities.post.access`), and the output maps
every requirement clause to the checks behind it, so a report reads "clause -> check -> result".

Contract v2 (relations, roles, domain actions) is read from openapi.json's extensions alone:
x-sculpt-access says who calls each operation, x-sculpt-relation / x-sculpt-on-delete which records
belong to which and what a delete does, x-sculpt-preconditions / -effects / -once-per-user what a
domain action must do, also when calls race. When the document lists x-sculpt-roles, the server is
started with ADMIN_USERNAME / ADMIN_PASSWORD (from the environment, else made up here) and the checks
sign in with that account wherever only a role may act.
"""
import argparse
import ctypes
import http.client
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

INVALID = (400, 422)
BAD_BODY = (400, 413, 415, 422)
HASH_SHAPES = re.compile(r"^(scrypt:|pbkdf2:|\$2[aby]\$|\$argon2|\$scrypt\$|\$pbkdf2)")
SECRET_KEYS = re.compile(r"(?i)^(password|passwd|pwd|password_hash|hashed_password|hash|salt|secret)$")
UNKNOWN_ID = 987654321
RESERVED_ACTIONS = {"register", "login", "me", "create", "list", "get", "update", "delete", "custom"}
# Domain action races: the record is set so the rule allows RULE_ALLOWS successes, and that many calls
# plus RACE_EXTRA are released together; exactly RULE_ALLOWS may succeed.
RULE_ALLOWS = 3
RACE_EXTRA = 7
# Rounds of each action race, each on a fresh record: a lost race shows only when threads happen to
# interleave, so one lucky round proves little.
ACTION_RACE_ROUNDS = 3
# How many successive calls the state search simulates before calling a rule unbounded.
SIMULATED_CALLS = 12
# What an answer must never show: stack traces, source paths, SQL, database and framework internals.
INTERNALS = re.compile(
    r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+|\b[\w./-]+\.(?:py|swift):\d+"
    r"|site-packages/|\[SQL: |\bINSERT INTO\b|\bSELECT\b[^\n]{0,200}\bFROM\b|\bUPDATE\b[^\n]{0,100}\bSET\b"
    r"|(?i:constraint failed|sqlstate|no such table|no such column|sqlite3?\.|errors\.pydantic\.dev|\bswift\.\w+"
    # Names standing alone, not inside a longer word: a random token ("...mAFnqfGRdBJ6m...") may spell one.
    r"|(?<![a-z0-9])(?:integrityerror|operationalerror|programmingerror|databaseerror|sqlalchemy|psycopg"
    r"|grdb|decodingerror|keyerror|valueerror|typeerror|attributeerror|indexerror|runtimeerror|zerodivisionerror)(?![a-z]))"
    r"|\b[A-Z][A-Za-z]*[a-z](?:Error|Exception)\b|['\"](?:loc|msg|ctx)['\"]\s*:")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Seconds the verifier moves the clock of an extra server instance (CLOCK_OFFSET_SECONDS) around the
# end of a token's lifetime: a token from the main server must work just before it and fail just after.
CLOCK_MARGIN = 600
REQUEST_TIMEOUT = 15.0
# Races: every round sends RACE_SIZE requests released together; a project that lacks the database's
# guarantee (a UNIQUE constraint, one transaction) loses at least one round of RACE_ROUNDS.
RACE_SIZE = 10
RACE_ROUNDS = 4
ACCOUNT_RACE_ROUNDS = 1
# Every registration hashes a password (slow on purpose): fewer of them, and the hash between the
# server's check and its insert widens the window a race needs anyway.
ACCOUNT_RACE_SIZE = 8
# Seconds under which a first race round counts as cheap: the race then runs RACE_ROUNDS rounds.
CHEAP_RACE_ROUND = 0.5
# Where an account lives, for reading its constraints from the database.
ACCOUNT_TABLES = ("user", "users", "account", "accounts")
PREVIEW = 600


# ---------------------------------------------------------------- HTTP --------------------------------

class Exchange:
    """One request and its answer, kept whole for the checks and shortened for the report."""

    def __init__(self, method, path, headers, body, status=0, payload=b"", response_headers=None, error=None):
        self.method, self.path, self.headers, self.body = method, path, headers, body
        self.status, self.payload, self.response_headers, self.error = status, payload, response_headers or {}, error
        try:
            self.json = json.loads(payload.decode("utf-8")) if payload else None
        except (ValueError, UnicodeDecodeError):
            self.json = None

    @property
    def text(self):
        return self.payload.decode("utf-8", "replace")

    def report(self):
        shown = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "authorization")}
        request = {"method": self.method, "path": self.path, "headers": shown}
        if self.body is not None:
            request["body"] = preview(self.body)
        response = {"status": self.status, "body": preview(self.payload)}
        if self.response_headers.get("content-type"):
            response["contentType"] = self.response_headers["content-type"]
        if self.error:
            response["error"] = self.error
        return {"request": request, "response": response}

    def __repr__(self):
        return f"HTTP {self.status} {preview(self.payload)[:200]}"


def preview(data):
    if data is None:
        return None
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > PREVIEW:
        head = data[:200].decode("utf-8", "replace")
        return f"<{len(data)} bytes> {head}..."
    return data.decode("utf-8", "replace")


class Client:
    """A plain HTTP/1.1 client over http.client; every exchange is remembered for the secrets scan."""

    def __init__(self, base):
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.exchanges = []
        self.lock = threading.Lock()

    def call(self, method, path, body=None, raw=None, content_type="application/json", token=None, params=None):
        if params:
            path += "?" + urllib.parse.urlencode(params)
        headers = {"Accept": "application/json"}
        data = None
        if raw is not None:
            data = raw.encode("utf-8") if isinstance(raw, str) else raw
        elif body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if data is not None:
            headers["Content-Type"] = content_type
        if token:
            headers["Authorization"] = "Bearer " + token
        conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            conn.request(method, path, body=data, headers=headers)
            resp = conn.getresponse()
            payload = resp.read()
            ex = Exchange(method, path, headers, data, resp.status, payload,
                          {k.lower(): v for k, v in resp.getheaders()})
        except (OSError, http.client.HTTPException) as e:
            ex = Exchange(method, path, headers, data, error=f"{type(e).__name__}: {e}")
        finally:
            conn.close()
        with self.lock:
            self.exchanges.append(ex)
        return ex

    def burst(self, requests):
        """Sends every (method, path, body, token) at once and gives the exchanges in order.

        Each request has its own connection and is written whole but for its last byte; a barrier then
        releases the last bytes together, so the server gets every request complete in the same instant
        and its handlers really overlap (a server reads a body to its end before it acts on it)."""
        barrier = threading.Barrier(len(requests))
        out = [None] * len(requests)

        def one(i, method, path, body, token):
            data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else b""
            headers = {"Host": f"{self.host}:{self.port}", "Accept": "application/json",
                       "Content-Type": "application/json", "Content-Length": str(len(data)), "Connection": "close"}
            if token:
                headers["Authorization"] = "Bearer " + token
            wire = (f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                    + "\r\n").encode("utf-8") + data
            sock, released = None, False
            try:
                sock = socket.create_connection((self.host, self.port), timeout=REQUEST_TIMEOUT)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sock.sendall(wire[:-1])
                try:
                    barrier.wait(10)
                except threading.BrokenBarrierError:
                    pass
                released = True
                sock.sendall(wire[-1:])
                resp = http.client.HTTPResponse(sock, method=method)
                resp.begin()
                payload = resp.read()
                ex = Exchange(method, path, headers, data or None, resp.status, payload,
                              {k.lower(): v for k, v in resp.getheaders()})
            except (OSError, http.client.HTTPException) as e:
                if not released:
                    barrier.abort()
                ex = Exchange(method, path, headers, data or None, error=f"{type(e).__name__}: {e}")
            finally:
                if sock is not None:
                    sock.close()
            out[i] = ex

        threads = [threading.Thread(target=one, args=(i, *r)) for i, r in enumerate(requests)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(REQUEST_TIMEOUT + 15)
        out = [ex or Exchange(r[0], r[1], {}, None, error="no answer in time") for ex, r in zip(out, requests)]
        with self.lock:
            self.exchanges.extend(out)
        return out


# ---------------------------------------------------------------- the contract ------------------------

class Operation:
    def __init__(self, method, path, spec):
        self.method, self.path, self.spec = method.upper(), path, spec
        self.action = spec.get("x-sculpt-action")
        self.entity = (spec.get("x-sculpt-entity") or "").lower()
        self.secured = bool(spec.get("security"))
        self.id = spec.get("operationId") or f"{self.method} {path}"
        self.query = {p["name"] for p in spec.get("parameters", []) if p.get("in") == "query"}
        # Contract v2: who may call it (x-sculpt-access, a grant or a list of alternatives); None in a
        # document that does not say, where `security` alone tells.
        access = spec.get("x-sculpt-access")
        self.access = [access] if isinstance(access, str) else (list(access) if isinstance(access, list) else None)
        self.roles = [g[5:] for g in self.access or [] if isinstance(g, str) and g.startswith("role:")]
        # A domain action: a verb on one record beyond the reserved actions, with its declared rules.
        self.domain = bool(self.action) and self.action not in RESERVED_ACTIONS and "{id}" in path and self.method == "POST"
        self.preconditions = spec.get("x-sculpt-preconditions") or []
        self.effects = spec.get("x-sculpt-effects") or []
        self.once = spec.get("x-sculpt-once-per-user") is True

    @property
    def open_to_anyone(self):
        return self.access is not None and "anyone" in self.access and not self.secured

    @property
    def role_only(self):
        """Only a role holder may call it: no `anyone`, `signed_in` or `owner` alternative."""
        return bool(self.roles) and not any(g in ("anyone", "signed_in", "owner") for g in self.access)

    def url(self, id=None):
        return self.path.replace("{id}", str(id)) if id is not None else self.path


class Contract:
    """openapi.json and spec.json read together: operations, request schemas, and spec facts."""

    def __init__(self, doc, spec):
        self.doc, self.spec = doc, spec
        self.ops = []
        for path, item in (doc.get("paths") or {}).items():
            for method in ("get", "post", "put", "patch", "delete"):
                if method in item:
                    self.ops.append(Operation(method, path, item[method]))

    def op(self, action, entity=None, method=None):
        for o in self.ops:
            if o.action == action and (entity is None or o.entity == entity) and (method is None or o.method == method):
                return o
        return None

    @property
    def roles(self):
        return [r for r in self.doc.get("x-sculpt-roles") or [] if isinstance(r, str)]

    def domain_actions(self):
        return [o for o in self.ops if o.domain]

    def record_schema(self, entity):
        """The schema of one record of `entity`: what its get (or create, or list item) answers."""
        for action, status in (("get", 200), ("create", 201)):
            o = self.op(action, entity)
            if o and self.response_schema(o, status):
                return self.response_schema(o, status)
        o = self.op("list", entity)
        page = self.response_schema(o, 200) if o else None
        if page:
            return self.resolve(((page.get("properties") or {}).get("items") or {}).get("items"))
        return None

    def properties(self, entity):
        """Every property of `entity` seen in its record and input schemas, resolved."""
        out = {}
        schemas = [self.record_schema(entity)] + [self.request_schema(o) for o in self.ops if o.entity == entity and not o.domain]
        for schema in schemas:
            for name, sub in ((schema or {}).get("properties") or {}).items():
                out.setdefault(name, self.resolve(sub))
        return out

    def relations(self):
        """(child, key, parent) for every property declared with x-sculpt-relation (belongs to)."""
        out = []
        for entity in dict.fromkeys(o.entity for o in self.ops if o.entity and o.entity != "user"):
            for name, sub in self.properties(entity).items():
                rel = sub.get("x-sculpt-relation") if isinstance(sub, dict) else None
                if isinstance(rel, dict) and rel.get("entity"):
                    out.append((entity, name, str(rel["entity"]).lower()))
        return out

    def resolve(self, schema):
        for _ in range(20):
            if not isinstance(schema, dict) or "$ref" not in schema:
                return schema
            node = self.doc
            for part in schema["$ref"][2:].split("/"):
                node = node[part]
            schema = node
        return schema

    def request_schema(self, op):
        body = op.spec.get("requestBody") or {}
        schema = ((body.get("content") or {}).get("application/json") or {}).get("schema")
        return self.resolve(schema) if schema else None

    def response_schema(self, op, status):
        r = (op.spec.get("responses") or {}).get(str(status)) or {}
        schema = ((r.get("content") or {}).get("application/json") or {}).get("schema")
        return self.resolve(schema) if schema else None

    def problems(self, schema, value, where="body"):
        """Where `value` breaks `schema` (type, required, properties, items, enum, const); [] when it fits.
        Optional properties may be null: a stored row gives back null for a field left out."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return []
        out = []
        t = schema.get("type")
        kinds = {"object": dict, "array": list, "string": str, "boolean": bool}
        if t == "integer" and not (isinstance(value, int) and not isinstance(value, bool)):
            return [f"{where} is {json.dumps(value)[:60]}, not an integer"]
        if t == "number" and not (isinstance(value, (int, float)) and not isinstance(value, bool)):
            return [f"{where} is {json.dumps(value)[:60]}, not a number"]
        if t in kinds and not isinstance(value, kinds[t]):
            return [f"{where} is {json.dumps(value, ensure_ascii=False)[:60]}, not {'an' if t in ('object', 'array') else 'a'} {t}"]
        if "enum" in schema and value not in schema["enum"]:
            out.append(f"{where} is {value!r}, not one of {schema['enum']}")
        if "const" in schema and value != schema["const"]:
            out.append(f"{where} is {value!r}, not {schema['const']!r}")
        if t == "object":
            for name in schema.get("required", []):
                if name not in value:
                    out.append(f"{where} lacks '{name}'")
            required = set(schema.get("required", []))
            for name, sub in (schema.get("properties") or {}).items():
                if name in value and not (value[name] is None and name not in required):
                    out += self.problems(sub, value[name], f"{where}.{name}")
        if t == "array":
            for i, item in enumerate(value[:50]):
                out += self.problems(schema.get("items"), item, f"{where}[{i}]")
        return out


# ---------------------------------------------------------------- values -------------------------------

class Values:
    """Valid and invalid values for a JSON Schema property; every generated value is fresh, and every
    password handed out is remembered so no answer may ever contain it."""

    def __init__(self):
        self.n = 0
        self.tag = secrets.token_hex(2)
        self.secrets = set()
        self.lock = threading.Lock()
        # relate(entity) gives the id of an existing record of `entity`: a property declared with
        # x-sculpt-relation gets a parent that exists, so a valid body is valid in the database too.
        self.relate = None

    def next(self):
        with self.lock:
            self.n += 1
            return self.n

    def text(self, schema, stem="v"):
        lo = max(schema.get("minLength", 0), 1)
        hi = schema.get("maxLength", 200)
        n = self.next()
        core = f"{stem}{self.tag}{n}"
        if len(core) > hi:
            core = (f"{n}{self.tag}" + "0" * hi)[:hi] if hi < 6 else core[:1] + core[-(hi - 1):]
        if len(core) < lo:
            core += "x" * (lo - len(core))
        return core

    def email(self, schema):
        hi = schema.get("maxLength", 254)
        local = f"u{self.tag}{self.next()}"
        domain = "@example.com"
        if len(local) + len(domain) > hi:
            domain = "@ex.io"
            local = local[-max(1, hi - len(domain)):]
        value = local + domain
        lo = schema.get("minLength", 0)
        if len(value) < lo:
            value = local + "x" * (lo - len(value)) + domain
        return value

    def number(self, schema, integer):
        lo = schema.get("minimum")
        if "exclusiveMinimum" in schema:
            ex = schema["exclusiveMinimum"]
            bound = (int(ex) + 1 if integer else ex + 0.5)
            lo = bound if lo is None else max(lo, bound)
        hi = schema.get("maximum")
        if lo is None:
            lo = 1 if hi is None or hi >= 1 else hi - 10
        if integer:
            lo = int(-(-lo // 1))
            hi = int(hi // 1) if hi is not None else lo + 100000
            span = max(hi - lo, 0)
            return lo + (self.next() % (span + 1)) if span else lo
        hi = hi if hi is not None else lo + 1000
        return round(lo + (hi - lo) * 0.25 + (self.next() % 7) * (hi - lo) / 1000, 2) if hi > lo else lo

    def valid(self, schema, name="", variant=0):
        t, fmt = schema.get("type"), schema.get("format")
        if "enum" in schema and schema["enum"]:
            return schema["enum"][variant % len(schema["enum"])]
        if "const" in schema:
            return schema["const"]
        if t == "integer":
            return self.number(schema, True)
        if t == "number":
            return self.number(schema, False)
        if t == "boolean":
            return variant % 2 == 0
        if fmt == "email":
            return self.email(schema)
        if fmt == "date":
            return ["2024-05-17", "2025-01-09"][variant % 2]
        if fmt == "date-time":
            return ["2024-05-17T10:30:00Z", "2025-01-09T08:15:00Z"][variant % 2]
        if fmt == "password":
            lo = max(schema.get("minLength", 8), 1)
            hi = schema.get("maxLength", 128)
            value = ("Pw" + secrets.token_hex(12) + "9x")
            value = value[:hi] if len(value) > hi else value + "y" * max(0, lo - len(value))
            self.secrets.add(value)
            return value
        return self.text(schema, stem=(re.sub(r"[^a-z]", "", name.lower())[:4] or "v"))

    def body(self, contract, schema, variant=0, **overrides):
        props = (contract.resolve(schema) or {}).get("properties") or {}
        body = {}
        for name, sub in props.items():
            sub = contract.resolve(sub)
            if sub.get("readOnly"):
                continue
            rel = sub.get("x-sculpt-relation")
            if isinstance(rel, dict) and rel.get("entity") and self.relate and name not in overrides:
                body[name] = self.relate(str(rel["entity"]).lower())
                continue
            body[name] = self.valid(sub, name, variant)
        body.update(overrides)
        return body

    @staticmethod
    def breakers(schema, required):
        """(constraint, value, why) for each constraint of `schema` that one bad value can break."""
        t, fmt = schema.get("type"), schema.get("format")
        out = []
        if required:
            out.append(("required", None, "left out"))
            if t == "string":
                out.append(("required", "", "empty"))
        if t == "string":
            out.append(("type", 12345, "a number instead of text"))
            lo, hi = schema.get("minLength"), schema.get("maxLength")
            if lo and lo > 1 and fmt not in ("email", "date", "date-time") and "enum" not in schema:
                out.append(("minLength", "a" * (lo - 1), f"{lo - 1} characters, under the minimum {lo}"))
            if hi is not None and "enum" not in schema:
                if fmt == "email":
                    bad = "a" * max(1, hi + 1 - len("@example.com")) + "@example.com"
                else:
                    bad = "a" * (hi + 1)
                out.append(("maxLength", bad, f"{hi + 1} characters, over the maximum {hi}"))
            if "enum" in schema:
                out.append(("allowedValues", "not-one-of-them", "a value not in the list"))
                cased = next((v.swapcase() for v in schema["enum"] if isinstance(v, str) and v.swapcase() not in schema["enum"]
                              and v.swapcase() != v), None)
                if cased is not None:
                    out.append(("allowedValues", cased, "an allowed value in the wrong case"))
            if fmt == "email":
                out.append(("type", "not-an-email", "not an email address"))
            if fmt == "date":
                out.append(("type", "2024-13-45", "not a date"))
            if fmt == "date-time":
                out.append(("type", "not-a-time", "not a date and time"))
        if t in ("integer", "number"):
            out.append(("type", "abc", "text instead of a number"))
            written = "12" if t == "integer" else "12.5"
            out.append(("type", written, "a number written as text"))
            if t == "integer":
                out.append(("type", 1.5, "a fraction instead of a whole number"))
            step = 1 if t == "integer" else 0.01
            if "minimum" in schema:
                out.append(("minimum", schema["minimum"] - step, f"under the minimum {schema['minimum']}"))
            if "exclusiveMinimum" in schema:
                out.append(("exclusiveMinimum", schema["exclusiveMinimum"], f"equal to the exclusive minimum {schema['exclusiveMinimum']}"))
            if "maximum" in schema:
                out.append(("maximum", schema["maximum"] + step, f"over the maximum {schema['maximum']}"))
        if t == "boolean":
            out.append(("type", "yes", "text instead of true/false"))
            out.append(("type", "true", "true written as text"))
        return out


# ---------------------------------------------------------------- checks -------------------------------

class Failure(Exception):
    def __init__(self, message, exchange=None):
        super().__init__(message)
        self.message, self.exchange = message, exchange


class Skip(Exception):
    pass


class Checks:
    """Runs every check the spec implies and records each result with the refs it proves."""

    def __init__(self, contract, client, db_path=None, deadline=None, spawn=None, admin=None):
        self.c, self.http, self.db_path = contract, client, db_path
        # spawn(env) starts one more instance of the server under test (same database and key, the
        # extra environment on top) and gives a Later of its Client, or None; only `serve` can.
        self.spawn = spawn
        self.values = Values()
        self.results = []
        self.deadline = deadline
        self.spec = contract.spec
        self.accounts = self.spec.get("accounts")
        self._people = {}
        # (username, password) of the account holding every role (ADMIN_USERNAME / ADMIN_PASSWORD)
        self.admin = admin
        if admin:
            self.values.secrets.add(admin[1])
        self.values.relate = self.parent

    # ---- recording ----
    def run(self, cid, title, refs, fn):
        started = time.monotonic()
        result = {"id": cid, "title": title, "refs": list(refs), "status": "passed"}
        if self.deadline and time.monotonic() > self.deadline:
            result.update(status="failed", message="not run: the time for the contract checks ran out")
        else:
            try:
                seen = len(self.http.exchanges)
                fn()
                # A passed check keeps its last exchange too, so a report (and `sculpt explain`) can
                # show the real request and answer that proved it.
                if len(self.http.exchanges) > seen:
                    result.update(self.http.exchanges[-1].report())
            except Failure as f:
                result.update(status="failed", message=f.message)
                if f.exchange is not None:
                    result.update(f.exchange.report())
            except Skip as s:
                result.update(status="skipped", message=str(s))
            except Exception as e:  # a bug in a check must not hide the others
                result.update(status="failed", message=f"the check itself failed: {type(e).__name__}: {e}")
        result["seconds"] = round(time.monotonic() - started, 3)
        self.results.append(result)

    # ---- expectations ----
    def status(self, ex, codes, why):
        if ex.status == 0:
            raise Failure(f"{why}: no answer ({ex.error})", ex)
        if ex.status not in codes:
            want = " or ".join(str(c) for c in codes)
            raise Failure(f"{why}: expected {want}, got {ex.status}", ex)
        if ex.status >= 400 or ex.status == 200 or ex.status == 201:
            self.no_leak(ex, why)
        return ex

    def ok_json(self, ex, codes, why):
        self.status(ex, codes, why)
        ctype = ex.response_headers.get("content-type", "")
        if "application/json" not in ctype:
            raise Failure(f"{why}: answered {ctype or 'no Content-Type'}, not application/json", ex)
        if not isinstance(ex.json, dict):
            raise Failure(f"{why}: the body is not a JSON object", ex)
        return ex.json

    def error(self, ex, codes, why, field=None):
        self.status(ex, codes, why)
        err = ex.json.get("error") if isinstance(ex.json, dict) else None
        if not isinstance(err, dict) or not isinstance(err.get("code"), str) or not isinstance(err.get("message"), str):
            raise Failure(f"{why}: the error body is not {{\"error\": {{\"code\", \"message\"}}}}", ex)
        if not err["message"].strip():
            raise Failure(f"{why}: the error message is empty", ex)
        if field and "field" in err and err["field"] != field:
            raise Failure(f"{why}: the error names field {err['field']!r}, not {field!r}", ex)
        return err

    def no_leak(self, ex, why):
        found = internal_detail(ex)
        if found:
            raise Failure(f"{why}: the answer shows internal details ({found!r})", ex)

    def expect(self, ok, message, ex=None):
        if not ok:
            raise Failure(message, ex)

    def shape(self, op, status, body, why, ex):
        schema = self.c.response_schema(op, status)
        if schema:
            bad = self.c.problems(schema, body)
            if bad:
                raise Failure(f"{why}: the body does not match openapi.json: " + "; ".join(bad[:4]), ex)

    @staticmethod
    def same(sent, got):
        if isinstance(sent, float) or isinstance(got, float):
            try:
                return abs(float(sent) - float(got)) < 1e-6
            except (TypeError, ValueError):
                return False
        if isinstance(sent, str) and isinstance(got, str) and re.match(r"^\d{4}-\d{2}-\d{2}T", sent):
            norm = lambda s: s.replace(" ", "T").replace("Z", "").replace("+00:00", "")[:19]
            return norm(sent) == norm(got)
        return sent == got

    def fields_match(self, sent, got, why, ex):
        for k, v in sent.items():
            if k not in got:
                raise Failure(f"{why}: the answer lacks field {k!r}", ex)
            if not self.same(v, got[k]):
                raise Failure(f"{why}: {k} came back as {got[k]!r}, sent {v!r}", ex)

    # ---- people ----
    def register_op(self):
        return self.c.op("register")

    def person(self, name, **extra):
        """A registered (and, with login, signed-in) account: (token or None, body, user json).
        "admin" is the account from ADMIN_USERNAME / ADMIN_PASSWORD; `extra` goes into the sign-up body."""
        if name in self._people:
            return self._people[name]
        if name == "admin":
            self._people[name] = self.admin_person()[0]
            return self._people[name]
        reg = self.register_op()
        if reg is None:
            raise Skip("the project has no accounts")
        body = self.values.body(self.c, self.c.request_schema(reg))
        body.update(extra)
        ex = self.http.call("POST", reg.url(), body)
        self.status(ex, (201,), f"prerequisite: register {name}")
        user = ex.json if isinstance(ex.json, dict) else {}
        token = None
        login = self.c.op("login")
        if login:
            fields = (self.c.request_schema(login) or {}).get("properties") or {}
            lex = self.http.call("POST", login.url(), {k: body[k] for k in fields if k in body})
            self.status(lex, (200,), f"prerequisite: log {name} in")
            token = lex.json.get("token") if isinstance(lex.json, dict) else None
            if not isinstance(token, str) or not token:
                raise Failure(f"prerequisite: log {name} in: the answer has no token", lex)
        self._people[name] = (token, body, user)
        return self._people[name]

    def token_for(self, op, who=None):
        name = self.caller(op, who)
        return self.person(name)[0] if name else None

    def actor(self, entity):
        """Who makes the records of `entity` in the checks: a plain signed-in user ("alice") unless its
        create is reserved to a role, then the admin account (which then owns them)."""
        create = self.c.op("create", entity) if entity else None
        return "admin" if create is not None and create.role_only else "alice"

    def caller(self, op, who=None):
        """The person who may call `op` on the records the checks make (None: no token), from its
        x-sculpt-access: anyone -> nobody; signed_in or owner -> the records' maker; a role -> the admin."""
        if op.access is None:
            return (who or "alice") if op.secured else None
        if op.open_to_anyone:
            return None
        maker = who or self.actor(op.entity)
        if any(g in ("anyone", "signed_in", "owner") for g in op.access):
            return maker
        return "admin" if op.roles else maker

    def admin_credentials(self):
        return self.admin if self.admin and self.c.roles else None

    def admin_person(self):
        """The account the server made at start from ADMIN_USERNAME / ADMIN_PASSWORD, logged in."""
        creds = self.admin_credentials()
        if not creds:
            raise Skip("the app has roles but the checks were given no ADMIN_USERNAME / ADMIN_PASSWORD")
        login = self.c.op("login")
        if login is None:
            raise Skip("the app has roles but no login operation")
        fields = list(((self.c.request_schema(login) or {}).get("properties") or {}))
        pw = next((k for k in fields if self.c.resolve(((self.c.request_schema(login) or {}).get("properties") or {})[k]).get("format") == "password"), "password")
        ident = next((k for k in fields if k != pw), "username")
        ex = self.http.call("POST", login.url(), {ident: creds[0], pw: creds[1]})
        got = self.ok_json(ex, (200,), "prerequisite: log in as the account from ADMIN_USERNAME / ADMIN_PASSWORD "
                                       "(the server creates it at start when the app has roles)")
        token = got.get("token")
        if not isinstance(token, str) or not token:
            raise Failure("prerequisite: log the admin account in: the answer has no token", ex)
        return (token, {ident: creds[0], pw: creds[1]}, got.get("user") if isinstance(got.get("user"), dict) else {}), ex

    def parent(self, entity):
        """The id of one record of `entity` made for bodies that need a parent (cached)."""
        key = ("parent", entity)
        if key not in self._people:
            create = self.c.op("create", entity)
            if create is None:
                raise Skip(f"a {entity} is needed as a parent, and the API has no operation creating one")
            self._people[key] = self.make(self.entity_ops(entity))[1]["id"]
        return self._people[key]

    def entity_ops(self, name):
        ops = {a: self.c.op(a, name) for a in ("create", "list", "get", "delete")}
        ops["put"] = self.c.op("update", name, "PUT")
        ops["patch"] = self.c.op("update", name, "PATCH")
        return ops

    # ---- field helpers ----
    def field_prefix(self, entity, name):
        if entity is None:
            a = self.accounts or {}
            if name == "password":
                return "accounts.password"
            if name == (a.get("identity") or {}).get("name"):
                return "accounts.identity"
            return f"accounts.fields.{name}"
        return f"entities.{entity}.fields.{name}"

    def spec_entity(self, name):
        return next((e for e in self.spec.get("entities", []) if e.get("name") == name), None)

    # ================================================================ the plan
    def all(self):
        # Token expiry needs two more servers with their clocks moved; they start now, while the other
        # checks run, and are only waited for at the end.
        expiry, hours = None, (self.accounts or {}).get("tokenHours") or 24
        login = self.c.op("login")
        probe = self.c.op("me") or next((o for o in self.c.ops if o.secured and o.method == "GET" and "{" not in o.path), None)
        if login and probe and self.spawn:
            expiry = (probe, self.spawn({"CLOCK_OFFSET_SECONDS": str(hours * 3600 + CLOCK_MARGIN)}),
                      self.spawn({"CLOCK_OFFSET_SECONDS": str(hours * 3600 - CLOCK_MARGIN)}))
        elif login and probe:
            expiry = (probe, None, None)
        self.run("contract.health", "GET /health answers 200 {\"status\": \"ok\"}", [], self.health)
        self.run("contract.frontend", "GET / serves the web page (HTML)", [], self.frontend)
        if self.register_op():
            self.accounts_checks()
        for e in self.spec.get("entities", []):
            self.entity_checks(e)
        self.v2_checks()
        for op in self.c.ops:
            if self.c.request_schema(op) is not None:
                self.run(f"contract.bad_bodies.{op.id}",
                         f"{op.method} {op.path} with a body that is not JSON or a JSON array: 400/415/422; 3 MB of valid JSON: 413",
                         [], lambda op=op: self.bad_bodies(op))
        self.run("contract.unknown_route", "an unknown API path answers 404 with a JSON error body", [], self.unknown_route)
        if expiry:
            self.run("accounts.login.token_expiry",
                     f"a token is refused after its lifetime ({hours} h) and accepted just before it "
                     f"(extra servers started with CLOCK_OFFSET_SECONDS, no waiting)",
                     ["accounts.login"], lambda: self.token_expiry(expiry, hours))
        self.run("contract.no_internal_details",
                 "no answer during the whole run showed a stack trace, a source path, SQL or an exception or driver name",
                 [], self.no_internal_details)
        language = self.spec.get("language") or "en"
        self.run("contract.messages.language",
                 f"every message during the whole run was in the requirement's language ({'Chinese' if language == 'zh' else 'English'})",
                 ["language"], lambda: self.messages_language(language))
        if self.register_op():
            self.run("accounts.secrets_never_echoed", "no answer during the whole run contained a password or a hash",
                     ["accounts.password"], self.secrets_never_echoed)
        self.run("contract.no_server_errors", "no request during the whole run got a 5xx answer", [], self.no_server_errors)
        return self.results

    # ---- general ----
    def health(self):
        ex = self.http.call("GET", "/health")
        body = self.ok_json(ex, (200,), "GET /health")
        self.expect(body.get("status") == "ok", "GET /health: the body is not {\"status\": \"ok\"}", ex)

    def frontend(self):
        ex = self.status(self.http.call("GET", "/"), (200,), "GET /")
        self.expect("<html" in ex.text.lower(), "GET / does not answer an HTML page", ex)

    def unknown_route(self):
        self.error(self.http.call("GET", "/api/no-such-thing-" + self.values.tag), (404,), "GET an unknown API path")

    def bad_bodies(self, op):
        token = self.token_for(op)
        target = op.path
        if "{id}" in op.path:
            create = self.c.op("create", op.entity)
            if create is None:
                raise Skip("no create operation to make a record to send it to")
            made = self.http.call("POST", create.url(), self.values.body(self.c, self.c.request_schema(create)),
                                  token=self.token_for(create))
            self.status(made, (201,), "prerequisite: create a record")
            target = op.url(made.json.get("id"))
        good = self.values.body(self.c, self.c.request_schema(op))
        big = dict(good)
        key = next((k for k, v in good.items() if isinstance(v, str)), None) or "padding"
        big[key] = "x" * (3 * 1024 * 1024)
        cases = [
            ("malformed JSON", dict(raw="{not json", content_type="application/json")),
            ("a form-encoded body", dict(raw="a=1&b=2", content_type="application/x-www-form-urlencoded")),
            ("a JSON array", dict(raw='["not", "an", "object"]')),
            ("a 3 MB body that is valid JSON", dict(body=big)),
        ]
        for why, kw in cases:
            ex = self.http.call(op.method, target, token=token, **kw)
            # A body over the size limit is refused for its size, even when it is valid JSON.
            self.error(ex, (413,) if "3 MB" in why else BAD_BODY, f"{op.method} {op.path} with {why}")

    def secrets_never_echoed(self):
        if not self.values.secrets:
            raise Skip("no password was sent")
        for ex in list(self.http.exchanges):
            text = ex.text
            for s in self.values.secrets:
                if s in text:
                    raise Failure("an answer contains a password that was sent", ex)
            for k in json_keys(ex.json):
                if SECRET_KEYS.match(k):
                    raise Failure(f"an answer has a {k!r} key", ex)

    def token_expiry(self, expiry, hours):
        probe, late, early = expiry
        if late is None:
            raise Skip("only `serve` can start the extra servers this check needs")
        token, body, _ = self.person("alice")
        before, after = early.get(), late.get()
        if isinstance(after, str) or isinstance(before, str):
            raise Failure(f"an extra server with CLOCK_OFFSET_SECONDS did not start: {after if isinstance(after, str) else before}")
        ex = before.call(probe.method, probe.url(), token=token)
        self.ok_json(ex, (200,), f"{probe.method} {probe.path} with a token {hours} h minus {CLOCK_MARGIN} s old "
                                 f"(server clock moved by CLOCK_OFFSET_SECONDS)")
        ex = after.call(probe.method, probe.url(), token=token)
        self.error(ex, (401,), f"{probe.method} {probe.path} with a token {hours} h plus {CLOCK_MARGIN} s old, past its lifetime "
                               f"(server clock moved by CLOCK_OFFSET_SECONDS)")
        # The late server itself works: a token it issues now is accepted, so the 401 was the expiry.
        login = self.c.op("login")
        fields = (self.c.request_schema(login) or {}).get("properties") or {}
        lex = after.call("POST", login.url(), {k: body[k] for k in fields if k in body})
        fresh = self.ok_json(lex, (200,), "log in on the server whose clock was moved").get("token")
        self.ok_json(after.call(probe.method, probe.url(), token=fresh), (200,),
                     f"{probe.method} {probe.path} with a fresh token on the server whose clock was moved")

    def no_internal_details(self):
        for ex in list(self.http.exchanges):
            found = internal_detail(ex)
            if found:
                raise Failure(f"{ex.method} {ex.path}: the answer shows internal details ({found!r})", ex)

    def messages_language(self, language):
        for ex in list(self.http.exchanges):
            for text in messages_in(ex.json):
                if language == "zh" and not CJK.search(text):
                    raise Failure(f"{ex.method} {ex.path}: the message {text!r} is not in Chinese, the requirement's language", ex)
                if language != "zh" and CJK.search(text):
                    raise Failure(f"{ex.method} {ex.path}: the message {text!r} is not in English, the requirement's language", ex)

    def no_server_errors(self):
        for ex in list(self.http.exchanges):
            if ex.status >= 500:
                raise Failure("a request got a server error (see the log tail)", ex)

    # ---- accounts ----
    def accounts_checks(self):
        reg = self.register_op()
        schema = self.c.request_schema(reg)
        ident = (self.accounts or {}).get("identity", {}).get("name") or next(
            (k for k in (schema.get("properties") or {}) if k != "password"), "username")
        self.run("accounts.register", f"register a new account: 201 with id and {ident}, no password in the answer",
                 ["accounts.register"] + [self.field_prefix(None, f) for f in (schema.get("properties") or {})],
                 lambda: self.register_valid(reg, ident))
        self.run("accounts.identity.unique", f"register a taken {ident} again: 409 with an error naming {ident}",
                 ["accounts.identity.unique"], lambda: self.register_duplicate(reg, ident))
        self.run("accounts.identity.unique.race",
                 f"the database keeps {ident} unique (UNIQUE in its schema), and {ACCOUNT_RACE_SIZE} simultaneous registrations of one {ident}: exactly one 201, the rest 409",
                 ["accounts.identity.unique"], lambda: self.race(reg, ident, ACCOUNT_RACE_ROUNDS, ACCOUNT_TABLES, ACCOUNT_RACE_SIZE))
        for f in (self.accounts or {}).get("fields", []):
            if f.get("unique") and f["name"] in (schema.get("properties") or {}):
                self.run(f"accounts.fields.{f['name']}.unique.race",
                         f"the database keeps {f['name']} unique, and {ACCOUNT_RACE_SIZE} simultaneous registrations with one {f['name']}: exactly one 201",
                         [f"accounts.fields.{f['name']}.unique"], lambda f=f: self.race(reg, f["name"], ACCOUNT_RACE_ROUNDS, ACCOUNT_TABLES, ACCOUNT_RACE_SIZE))
        self.run("accounts.register.extra_fields", "register with id, is_admin and role added: none of them is taken from the client",
                 ["accounts.register"], lambda: self.extra_fields(reg, None))
        self.constraint_checks(reg, None)
        self.run("accounts.password.hashed", "the stored password is a salted slow hash, never the plain text (read from the database file)",
                 ["accounts.password"], self.password_hashed)
        login = self.c.op("login")
        if login:
            self.run("accounts.login", "log in: 200 with a token and the account", ["accounts.login"], lambda: self.login_valid(login, ident))
            self.run("accounts.login.wrong_password", "log in with a wrong password: 401", ["accounts.login"],
                     lambda: self.login_wrong(login, ident, "password"))
            self.run("accounts.login.unknown", f"log in as an unknown {ident}: 401", ["accounts.login"],
                     lambda: self.login_wrong(login, ident, "identity"))
        me = self.c.op("me")
        if me:
            self.run("accounts.profile", f"read my profile with my token: 200 showing my {ident}", ["accounts.profile"],
                     lambda: self.profile(me, ident))
            self.run("accounts.profile.access", "read the profile without a token, or with a forged one: 401",
                     ["accounts.profile"], lambda: self.no_token(me, None))

    def register_valid(self, reg, ident):
        body = self.values.body(self.c, self.c.request_schema(reg))
        ex = self.http.call("POST", reg.url(), body)
        got = self.ok_json(ex, (201,), "register a new account")
        self.expect(isinstance(got.get("id"), int), "register: the answer has no integer id", ex)
        self.expect(got.get(ident) == body[ident], f"register: the answer shows {ident}={got.get(ident)!r}", ex)
        self.expect(body["password"] not in ex.text, "register: the answer contains the password", ex)
        self.shape(reg, 201, got, "register", ex)

    def register_duplicate(self, reg, ident):
        body = self.values.body(self.c, self.c.request_schema(reg))
        self.status(self.http.call("POST", reg.url(), body), (201,), "register a new account")
        again = self.values.body(self.c, self.c.request_schema(reg), variant=1, **{ident: body[ident]})
        err = self.error(self.http.call("POST", reg.url(), again), (409,), f"register the same {ident} again", field=ident)
        self.expect(len(err["message"]) > 2, "the duplicate answer needs a readable message")

    def race(self, op, field, rounds, tables=(), size=RACE_SIZE):
        """The database itself refuses a second row with one value of `field` (its SQLite schema has a
        UNIQUE index on the column), and RACE_SIZE creates with one value, released together,
        `rounds` times: each round exactly one 201 and the rest 409 (never two records, never a 500).
        The schema is read first because a race lost by the server shows only when its threads happen
        to interleave; a missing constraint shows every time."""
        verdict = self.unique_in_schema(tables, field)
        if verdict is False:
            raise Failure(f"the database has no UNIQUE constraint or unique index on {field} (read from {self.db_path}): "
                          f"racing requests can store one value twice; the app's own check before the insert cannot prevent it")
        token = self.token_for(op)
        schema = self.c.request_schema(op)
        r = 0
        while r < rounds:
            started = time.monotonic()
            value = self.values.body(self.c, schema)[field]
            answers = self.http.burst([(op.method, op.url(), self.values.body(self.c, schema, **{field: value}), token)
                                       for _ in range(size)])
            which = f"round {r + 1} of {rounds}" if rounds > 1 else "round 1"
            self.one_winner(answers, 201, f"{which}: {size} simultaneous {op.method} {op.path} with one {field}")
            # A cheap round (passwords hashed at the low cost PASSWORD_HASH_FAST asks for) buys more
            # rounds: a lost race that shows one round in two then shows almost every run.
            if r == 0 and time.monotonic() - started < CHEAP_RACE_ROUND:
                rounds = max(rounds, RACE_ROUNDS)
            r += 1

    def unique_in_schema(self, tables, column):
        """True when a table named like one of `tables` (or else the only table with `column`) has a
        unique, non-partial index on exactly that column; False when it has none; None when the
        database cannot be read (not a SQLite file) or the table cannot be told."""
        if not self.db_path or not os.path.exists(self.db_path):
            return None
        try:
            conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        except sqlite3.Error:
            return None
        try:
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
            having = [t for t in names if column in [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')]]
            wanted = [t for t in having if t.lower() in {n.lower() for n in tables}]
            if len(wanted) != 1 and len(having) != 1:
                return None
            table = (wanted or having)[0]
            for row in conn.execute(f'PRAGMA index_list("{table}")'):
                name, unique = row[1], row[2]
                partial = row[4] if len(row) > 4 else 0
                if unique and not partial and [r[2] for r in conn.execute(f'PRAGMA index_info("{name}")')] == [column]:
                    return True
            return False
        except sqlite3.Error:
            return None
        finally:
            conn.close()

    def update_race(self, ops, op, field, rounds):
        """RACE_SIZE records each changed at once to one new value of `field`: exactly one 200, the rest 409."""
        token = self.token_for(op)
        create = ops["create"]
        for r in range(rounds):
            made = [self.make(ops)[1]["id"] for _ in range(RACE_SIZE)]
            value = self.values.body(self.c, self.c.request_schema(create))[field]
            if op.method == "PUT":
                bodies = [self.values.body(self.c, self.c.request_schema(op), variant=1, **{field: value}) for _ in made]
            else:
                bodies = [{field: value} for _ in made]
            answers = self.http.burst([(op.method, op.url(i), b, token) for i, b in zip(made, bodies)])
            self.one_winner(answers, 200, f"round {r + 1} of {rounds}: {RACE_SIZE} records changed at once ({op.method}) to one {field}")

    def one_winner(self, answers, ok, why):
        codes = sorted(a.status for a in answers)
        if codes != [ok] + [409] * (len(answers) - 1):
            odd = next((a for a in answers if a.status not in (ok, 409)), None) or next(
                (a for a in answers if a.status == ok), None)
            raise Failure(f"{why} got {codes}; expected one {ok} and {len(answers) - 1} times 409", odd)
        for a in answers:
            if a.status == 409:
                self.error(a, (409,), why)

    def extra_fields(self, op, entity):
        token = self.token_for(op)
        body = self.values.body(self.c, self.c.request_schema(op), id=UNKNOWN_ID - 1, is_admin=True, role="admin")
        if entity and self.spec_entity(entity) and is_owned(self.spec_entity(entity)) and self.accounts:
            body["owner_id"] = (self.person("bob")[2] or {}).get("id", 999999)
        ex = self.http.call(op.method, op.url(), body, token=token)
        got = self.ok_json(ex, (201,), "create with extra fields")
        self.expect(got.get("id") != UNKNOWN_ID - 1, "the client chose the id", ex)
        self.expect(got.get("is_admin") is not True and got.get("role") != "admin", "the client set is_admin or role", ex)
        if "owner_id" in body:
            self.expect(got.get("owner_id") != body["owner_id"], "the client chose the owner", ex)

    def password_hashed(self):
        reg = self.register_op()
        body = self.values.body(self.c, self.c.request_schema(reg))
        self.status(self.http.call("POST", reg.url(), body), (201,), "register a new account")
        if not self.db_path:
            raise Skip("the database is not a SQLite file this checker can read")
        if not os.path.exists(self.db_path):
            raise Failure(f"the database file {self.db_path} (DATABASE_URL) does not exist")
        pw = body["password"]
        hashes = 0
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            for t in tables:
                for row in conn.execute(f'SELECT * FROM "{t}"'):
                    for cell in row:
                        if isinstance(cell, bytes):
                            cell = cell.decode("utf-8", "replace")
                        if isinstance(cell, str):
                            if pw in cell:
                                raise Failure(f"table {t} holds the password in plain text")
                            if HASH_SHAPES.match(cell):
                                hashes += 1
        finally:
            conn.close()
        self.expect(hashes > 0, "no stored value looks like a salted slow hash (bcrypt, scrypt, argon2 or PBKDF2)")

    def login_valid(self, login, ident):
        reg = self.register_op()
        body = self.values.body(self.c, self.c.request_schema(reg))
        self.status(self.http.call("POST", reg.url(), body), (201,), "register before logging in")
        fields = (self.c.request_schema(login) or {}).get("properties") or {}
        ex = self.http.call("POST", login.url(), {k: body[k] for k in fields if k in body})
        got = self.ok_json(ex, (200,), "log in")
        self.expect(isinstance(got.get("token"), str) and len(got["token"]) >= 16, "log in: no usable token in the answer", ex)
        self.shape(login, 200, got, "log in", ex)

    def login_wrong(self, login, ident, what):
        _, body, _ = self.person("alice")
        fields = (self.c.request_schema(login) or {}).get("properties") or {}
        creds = {k: body[k] for k in fields if k in body}
        if what == "password":
            creds["password"] = creds["password"][:-1] + ("Z" if not creds["password"].endswith("Z") else "Y")
            why = "log in with a wrong password"
        else:
            other = self.values.body(self.c, self.c.request_schema(self.register_op()))
            creds[ident] = other[ident]
            why = f"log in as an unknown {ident}"
        self.error(self.http.call("POST", login.url(), creds), (401,), why)

    def profile(self, me, ident):
        token, body, _ = self.person("alice")
        if not token:
            raise Skip("no login operation gives a token")
        ex = self.http.call("GET", me.url(), token=token)
        got = self.ok_json(ex, (200,), "read my profile")
        self.expect(got.get(ident) == body[ident], f"the profile shows {ident}={got.get(ident)!r}, not mine", ex)
        self.shape(me, 200, got, "read my profile", ex)

    def no_token(self, op, target):
        path = target or op.url()
        body = None
        if self.c.request_schema(op) is not None:
            body = self.values.body(self.c, self.c.request_schema(op))
        why = f"{op.method} {op.path}"
        self.error(self.http.call(op.method, path, body), (401,), f"{why} without a token")
        real = self.person("alice")[0] if self.accounts and self.c.op("login") else None
        forged = [secrets.token_urlsafe(40), "not-a-real-token"]
        if real:
            forged.insert(0, real[:-2] + ("AA" if not real.endswith("AA") else "BB"))
        for f in forged:
            self.error(self.http.call(op.method, path, body, token=f), (401,), f"{why} with a forged token")

    # ---- constraints ----
    def constraint_checks(self, op, entity):
        schema = self.c.request_schema(op)
        required = set(schema.get("required", []))
        for name, sub in (schema.get("properties") or {}).items():
            sub = self.c.resolve(sub)
            if sub.get("readOnly"):
                continue
            prefix = self.field_prefix(entity, name)
            for constraint, bad, why in Values.breakers(sub, name in required):
                ref = f"{prefix}.{constraint}"
                label = f"{why} {json.dumps(bad, ensure_ascii=False)[:40]}" if bad is not None and len(json.dumps(bad)) < 50 else why
                title = f"{op.method} {op.path} with {name} {label}: 400/422 naming {name}"
                cid = f"{prefix}.{constraint}" + ("" if constraint != "required" else (".missing" if bad is None else ".empty"))
                if constraint == "type":
                    cid += "." + re.sub(r"[^a-z]+", "_", why.split(" ")[-1])
                    if why.endswith("written as text"):
                        cid += "_" + ("bool" if bad == "true" else "number")
                if constraint == "allowedValues" and why.endswith("wrong case"):
                    cid += ".case"
                self.run(cid, title, [ref], lambda op=op, name=name, bad=bad, why=why: self.broken(op, name, bad, why))
            if "default" in sub and op.action == "create" and name not in required:
                self.run(f"{prefix}.default", f"create without {name}: it takes the default {sub['default']!r}",
                         [f"{prefix}.default"], lambda op=op, name=name, d=sub["default"]: self.default(op, name, d))

    def broken(self, op, name, bad, why):
        body = self.values.body(self.c, self.c.request_schema(op))
        if bad is None:
            body.pop(name, None)
        else:
            body[name] = bad
        ex = self.http.call(op.method, op.url(), body, token=self.token_for(op))
        self.error(ex, INVALID, f"{op.method} {op.path} with {name} {why}", field=name)

    def default(self, op, name, value):
        body = self.values.body(self.c, self.c.request_schema(op))
        body.pop(name, None)
        ex = self.http.call(op.method, op.url(), body, token=self.token_for(op))
        got = self.ok_json(ex, (201,), f"create without {name}")
        self.expect(self.same(value, got.get(name)), f"{name} came back as {got.get(name)!r}, not the default {value!r}", ex)

    # ---- entities ----
    def entity_checks(self, e):
        name = e["name"]
        ops = self.entity_ops(name)
        create = ops["create"]
        field_refs = [f"entities.{name}.fields.{f['name']}" for f in e.get("fields", [])]
        if create:
            self.run(f"entities.{name}.create", f"create a {name}: 201 with id and every field as sent",
                     [f"entities.{name}.create"] + field_refs, lambda: self.create_valid(e, ops))
            self.run(f"entities.{name}.create.extra_fields", f"create a {name} with id, owner_id, is_admin added: none is taken from the client",
                     [f"entities.{name}.create"], lambda: self.extra_fields(create, name))
        if create and ops["get"]:
            self.run(f"entities.{name}.get", f"get a {name} by id: 200 with the stored fields", [f"entities.{name}.get"] + field_refs,
                     lambda: self.get_valid(e, ops))
        if create and ops["list"]:
            self.run(f"entities.{name}.list", f"list {e.get('plural', name)}: 200 {{items, total, page, page_size}} holding the new one; page_size pages",
                     [f"entities.{name}.list"], lambda: self.list_valid(e, ops))
        if create and ops["list"] and "q" in ops["list"].query and e.get("searchable"):
            self.run(f"entities.{name}.search", f"search {e.get('plural', name)} by {', '.join(e['searchable'])}: q finds a case-insensitive substring, and only matches; % and _ match themselves",
                     [f"entities.{name}.search"], lambda: self.search(e, ops))
        if create and ops["put"]:
            self.run(f"entities.{name}.update.put", f"replace a {name} (PUT): 200, and get shows the new values",
                     [f"entities.{name}.update"], lambda: self.update(e, ops, "put"))
        if create and ops["patch"]:
            self.run(f"entities.{name}.update.patch", f"change one field of a {name} (PATCH): 200, and get shows it",
                     [f"entities.{name}.update"], lambda: self.update(e, ops, "patch"))
        if create and ops["put"]:
            self.run(f"entities.{name}.update.put_replaces",
                     f"PUT replaces a {name}: a required field left out is 400/422, an optional one goes back to its default, never kept",
                     [f"entities.{name}.update"], lambda: self.put_replaces(e, ops))
        if create and ops["patch"]:
            self.run(f"entities.{name}.update.patch_empty", f"PATCH a {name} with an empty body {{}}: 400/422",
                     [f"entities.{name}.update"], lambda: self.patch_empty(e, ops))
        if create and ops["delete"]:
            self.run(f"entities.{name}.delete", f"delete a {name}: the status openapi.json declares (204 without a body), then get and delete it again: 404",
                     [f"entities.{name}.delete"], lambda: self.delete(e, ops))
        for key in ("get", "put", "patch", "delete"):
            op = ops[key]
            if op:
                action = "update" if key in ("put", "patch") else key
                self.run(f"entities.{name}.{key}.unknown_id", f"{op.method} {op.path} with an unknown id: 404 with an error body",
                         [f"entities.{name}.{action}"], lambda op=op: self.unknown(op))
        if create:
            self.constraint_checks(create, name)
            for f in e.get("fields", []):
                if f.get("unique"):
                    self.run(f"entities.{name}.fields.{f['name']}.unique", f"create or change a {name} to a {f['name']} already taken: 409 naming {f['name']}; keeping its own {f['name']}: 200",
                             [f"entities.{name}.fields.{f['name']}.unique"], lambda f=f: self.unique(e, ops, f["name"]))
                    self.run(f"entities.{name}.fields.{f['name']}.unique.race",
                             f"the database keeps {f['name']} unique (UNIQUE in its schema), and {RACE_ROUNDS} rounds of {RACE_SIZE} simultaneous creates with one {f['name']}: each exactly one 201, the rest 409",
                             [f"entities.{name}.fields.{f['name']}.unique"], lambda f=f: self.race(create, f["name"], RACE_ROUNDS, (name, e.get("plural", name + "s"))))
                    change = ops["patch"] or ops["put"]
                    if change:
                        self.run(f"entities.{name}.fields.{f['name']}.unique.update_race",
                                 f"{RACE_SIZE} {name}s changed at once ({change.method}) to one {f['name']}: exactly one 200, the rest 409",
                                 [f"entities.{name}.fields.{f['name']}.unique"],
                                 lambda f=f, change=change: self.update_race(ops, change, f["name"], 1))
        for key, op in ops.items():
            if op and op.secured:
                self.run(f"entities.{name}.access.{key}.token", f"{op.method} {op.path} without a token, or with a forged one: 401",
                         [f"entities.{name}.access"], lambda op=op: self.secured(e, ops, op))
        access = e.get("access") or {}
        if create and self.accounts and access.get("write") == "owner":
            self.run(f"entities.{name}.access.owner_writes", f"another user changes or deletes someone's {name}: 403/404, and it stays unchanged",
                     [f"entities.{name}.access"], lambda: self.owner_writes(e, ops))
        if create and self.accounts and access.get("read") == "owner":
            self.run(f"entities.{name}.access.owner_reads", f"another user reads someone's {name} or lists {e.get('plural', name)}: 403/404, and the list hides it",
                     [f"entities.{name}.access"], lambda: self.owner_reads(e, ops))
        if create and access.get("read") == "anyone" and access.get("write") != "anyone" and ops["get"]:
            self.run(f"entities.{name}.access.public_read", f"anyone reads a {name} without signing in: 200",
                     [f"entities.{name}.access"], lambda: self.public_read(e, ops))

    def make(self, ops, who=None, variant=0, **overrides):
        create = ops["create"]
        body = self.values.body(self.c, self.c.request_schema(create), variant, **overrides)
        ex = self.http.call("POST", create.url(), body, token=self.token_for(create, who))
        got = self.ok_json(ex, (201,), f"create a {create.entity}")
        self.expect(isinstance(got.get("id"), int), f"create a {create.entity}: the answer has no integer id", ex)
        return body, got, ex

    def create_valid(self, e, ops):
        body, got, ex = self.make(ops)
        self.fields_match(body, got, f"create a {e['name']}", ex)
        self.shape(ops["create"], 201, got, f"create a {e['name']}", ex)

    def get_valid(self, e, ops):
        body, made, _ = self.make(ops)
        ex = self.http.call("GET", ops["get"].url(made["id"]), token=self.token_for(ops["get"]))
        got = self.ok_json(ex, (200,), f"get a {e['name']}")
        self.fields_match(body, got, f"get a {e['name']}", ex)
        self.shape(ops["get"], 200, got, f"get a {e['name']}", ex)

    def list_valid(self, e, ops):
        self.make(ops)
        _, made, _ = self.make(ops)
        lst = ops["list"]
        token = self.token_for(lst)
        ex = self.http.call("GET", lst.url(), token=token, params={"page_size": 100})
        got = self.ok_json(ex, (200,), f"list {e['name']}")
        self.shape(lst, 200, got, f"list {e['name']}", ex)
        items = got.get("items") or []
        total = got.get("total", 0)
        if total <= 100:
            self.expect(any(i.get("id") == made["id"] for i in items), f"the list does not hold the new {e['name']}", ex)
        ex = self.http.call("GET", lst.url(), token=token, params={"page": 1, "page_size": 1})
        got = self.ok_json(ex, (200,), f"list {e['name']} with page_size=1")
        self.expect(len(got.get("items") or []) == 1 and got.get("page_size") == 1 and got.get("total", 0) >= 2,
                    "page_size=1 does not give one item of a total of at least 2", ex)
        ex = self.http.call("GET", lst.url(), token=token, params={"page_size": 0})
        self.error(ex, INVALID, f"list {e['name']} with page_size=0")

    def search(self, e, ops):
        create = ops["create"]
        props = (self.c.request_schema(create) or {}).get("properties") or {}
        field = next((f for f in e["searchable"] if f in props and self.c.resolve(props[f]).get("type") == "string"
                      and "enum" not in self.c.resolve(props[f]) and self.c.resolve(props[f]).get("format") in (None, "email")), None)
        if field is None:
            raise Skip("no searchable free-text field")
        sub = self.c.resolve(props[field])
        hi = sub.get("maxLength", 200)
        mark = "Qz" + secrets.token_hex(3)
        def val(m):
            if sub.get("format") == "email":
                return (m + "@example.com")
            return (m + "x" * max(0, sub.get("minLength", 0) - len(m)))[:hi]
        a, b = "Al" + mark + "ha", "Br" + secrets.token_hex(4) + "vo"
        self.make(ops, **{field: val(a)})
        self.make(ops, **{field: val(b)})
        needle = mark.upper()
        ex = self.http.call("GET", ops["list"].url(), token=self.token_for(ops["list"]), params={"q": needle})
        got = self.ok_json(ex, (200,), f"search {e['name']} with q={needle}")
        hits = [i.get(field) for i in got.get("items") or []]
        self.expect(val(a) in hits, f"q={needle!r} misses {val(a)!r}", ex)
        self.expect(val(b) not in hits, f"q={needle!r} also returns {val(b)!r}", ex)
        if sub.get("format") == "email" or "pattern" in sub:
            return
        # % and _ are characters like any other: they match themselves, never "anything".
        mark = "Wz" + secrets.token_hex(3)
        made = {c: val("k" + mark + c + "y") for c in "%_"}
        plain = val("k" + mark + "qy")
        for v in list(made.values()) + [plain]:
            self.make(ops, **{field: v})
        for c, v in made.items():
            needle = mark + c
            ex = self.http.call("GET", ops["list"].url(), token=self.token_for(ops["list"]), params={"q": needle})
            got = self.ok_json(ex, (200,), f"search {e['name']} with q={needle}")
            hits = [i.get(field) for i in got.get("items") or []]
            self.expect(v in hits, f"q={needle!r} misses {v!r}", ex)
            wild = [h for h in hits if h in (plain, *made.values()) and h != v]
            if wild:
                raise Failure(f"q={needle!r} treats {c!r} as a wildcard: it also returns {wild[0]!r}", ex)

    def update(self, e, ops, key):
        body, made, _ = self.make(ops)
        op = ops[key]
        if key == "put":
            change = self.values.body(self.c, self.c.request_schema(op), variant=1)
        else:
            full = self.values.body(self.c, self.c.request_schema(ops["create"]), variant=1)
            name = next((k for k in full if full[k] != body.get(k)), next(iter(full)))
            change = {name: full[name]}
        ex = self.http.call(op.method, op.url(made["id"]), change, token=self.token_for(op))
        got = self.ok_json(ex, (200,), f"{op.method} a {e['name']}")
        self.fields_match(change, got, f"{op.method} a {e['name']}", ex)
        if ops["get"]:
            ex = self.http.call("GET", ops["get"].url(made["id"]), token=self.token_for(ops["get"]))
            got = self.ok_json(ex, (200,), f"get a {e['name']} after {op.method}")
            self.fields_match(change, got, f"get after {op.method}", ex)

    def put_replaces(self, e, ops):
        """PUT replaces the whole record: a field it leaves out is required (400/422) or goes back to its
        default or null; it never keeps the value it had, as a PATCH would."""
        op = ops["put"]
        schema = self.c.request_schema(op)
        required = set(schema.get("required", []))
        props = {k: self.c.resolve(v) for k, v in (schema.get("properties") or {}).items() if not self.c.resolve(v).get("readOnly")}
        body, made, _ = self.make(ops)
        token = self.token_for(op)
        for name in sorted(required & set(props)):
            change = self.values.body(self.c, schema, variant=1)
            change.pop(name)
            ex = self.http.call("PUT", op.url(made["id"]), change, token=token)
            self.error(ex, INVALID, f"PUT a {e['name']} without its required {name}", field=name)
        optional = [k for k in props if k not in required and k in body]
        if not optional:
            return
        change = {k: v for k, v in self.values.body(self.c, schema, variant=1).items() if k in required}
        ex = self.http.call("PUT", op.url(made["id"]), change, token=token)
        got = self.ok_json(ex, (200,), f"PUT a {e['name']} without its optional {', '.join(optional)}")
        if ops["get"]:
            ex = self.http.call("GET", ops["get"].url(made["id"]), token=self.token_for(ops["get"]))
            got = self.ok_json(ex, (200,), f"get a {e['name']} after a PUT without {', '.join(optional)}")
        for k in optional:
            kept = got.get(k)
            if kept is not None and self.same(body[k], kept) and not ("default" in props[k] and self.same(props[k]["default"], kept)):
                raise Failure(f"PUT without {k} kept its old value {kept!r}: PUT must replace the record "
                              f"({k} back to {props[k].get('default')!r}), not change it like PATCH", ex)

    def patch_empty(self, e, ops):
        _, made, _ = self.make(ops)
        op = ops["patch"]
        self.error(self.http.call("PATCH", op.url(made["id"]), {}, token=self.token_for(op)), INVALID,
                   f"PATCH a {e['name']} with an empty body {{}}")

    def delete(self, e, ops):
        _, made, _ = self.make(ops)
        op = ops["delete"]
        token = self.token_for(op)
        declared = [int(c) for c in (op.spec.get("responses") or {}) if c in ("200", "204")] or [200, 204]
        ex = self.status(self.http.call("DELETE", op.url(made["id"]), token=token), tuple(declared),
                         f"delete a {e['name']} (openapi.json declares {' or '.join(map(str, declared))})")
        if ex.status == 204:
            self.expect(not ex.payload, f"delete a {e['name']}: a 204 answer has a body", ex)
        if ops["get"]:
            self.error(self.http.call("GET", ops["get"].url(made["id"]), token=self.token_for(ops["get"])), (404,),
                       f"get a deleted {e['name']}")
        self.error(self.http.call("DELETE", op.url(made["id"]), token=token), (404,), f"delete a deleted {e['name']}")

    def unknown(self, op):
        body = self.values.body(self.c, self.c.request_schema(op)) if self.c.request_schema(op) is not None else None
        if body is not None and op.method == "PATCH":
            body = dict(list(body.items())[:1])
        ex = self.http.call(op.method, op.url(UNKNOWN_ID), body, token=self.token_for(op))
        self.error(ex, (404,), f"{op.method} {op.path} with id {UNKNOWN_ID}")

    def unique(self, e, ops, field):
        body, first, _ = self.make(ops)
        create = ops["create"]
        again = self.values.body(self.c, self.c.request_schema(create), variant=1, **{field: body[field]})
        ex = self.http.call("POST", create.url(), again, token=self.token_for(create))
        self.error(ex, (409,), f"create a {e['name']} with a taken {field}", field=field)
        patch = ops["patch"]
        if patch:
            _, second, _ = self.make(ops)
            ex = self.http.call("PATCH", patch.url(second["id"]), {field: body[field]}, token=self.token_for(patch))
            self.error(ex, (409,), f"change a {e['name']}'s {field} to a taken one", field=field)
        # A record keeps its own value: saving it again unchanged is no conflict with itself.
        for key in ("put", "patch"):
            op = ops[key]
            if op:
                if key == "put":
                    change = self.values.body(self.c, self.c.request_schema(op), variant=1, **{field: body[field]})
                else:
                    change = {field: body[field]}
                ex = self.http.call(op.method, op.url(first["id"]), change, token=self.token_for(op))
                got = self.ok_json(ex, (200,), f"{op.method} a {e['name']} keeping its own {field}")
                self.fields_match(change, got, f"{op.method} a {e['name']} keeping its own {field}", ex)

    def secured(self, e, ops, op):
        target = None
        if "{id}" in op.path:
            # No create operation (its records come from a domain action): any id, since a missing or
            # bad token is refused before the record is looked up.
            target = op.url(self.make(ops)[1]["id"] if ops["create"] else UNKNOWN_ID)
        self.no_token(op, target)

    def owner_writes(self, e, ops):
        body, made, _ = self.make(ops, "alice")
        bob = self.person("bob")[0]
        for key in ("put", "patch"):
            op = ops[key]
            if op:
                change = self.values.body(self.c, self.c.request_schema(ops["create"]), variant=1)
                if key == "patch":
                    change = dict(list(change.items())[:1])
                ex = self.http.call(op.method, op.url(made["id"]), change, token=bob)
                self.error(ex, (403, 404), f"another user {op.method}s someone's {e['name']}")
        if ops["delete"]:
            ex = self.http.call("DELETE", ops["delete"].url(made["id"]), token=bob)
            self.error(ex, (403, 404), f"another user deletes someone's {e['name']}")
        if ops["get"]:
            ex = self.http.call("GET", ops["get"].url(made["id"]), token=self.token_for(ops["get"], "alice"))
            got = self.ok_json(ex, (200,), f"the owner gets the {e['name']} afterwards")
            self.fields_match(body, got, f"the {e['name']} after another user's attempts", ex)

    def owner_reads(self, e, ops):
        _, made, _ = self.make(ops, "alice")
        bob = self.person("bob")[0]
        if ops["get"]:
            self.error(self.http.call("GET", ops["get"].url(made["id"]), token=bob), (403, 404),
                       f"another user gets someone's {e['name']}")
        if ops["list"]:
            lst = ops["list"]
            ex = self.http.call("GET", lst.url(), token=bob, params={"page_size": 100})
            got = self.ok_json(ex, (200,), f"another user lists {e['name']}")
            self.expect(all(i.get("id") != made["id"] for i in got.get("items") or []),
                        f"another user's list shows someone's {e['name']}", ex)
            ex = self.http.call("GET", lst.url(), token=self.person("alice")[0], params={"page_size": 100})
            got = self.ok_json(ex, (200,), f"the owner lists {e['name']}")
            if got.get("total", 0) <= 100:
                self.expect(any(i.get("id") == made["id"] for i in got.get("items") or []),
                            f"the owner's list lacks her {e['name']}", ex)

    def public_read(self, e, ops):
        _, made, _ = self.make(ops)
        self.ok_json(self.http.call("GET", ops["get"].url(made["id"])), (200,), f"get a {e['name']} without signing in")

    # ================================================================ contract v2
    # Relations, roles and domain actions, read from openapi.json's extensions (x-sculpt-relation,
    # x-sculpt-on-delete, x-sculpt-access, x-sculpt-roles, x-sculpt-preconditions, x-sculpt-effects,
    # x-sculpt-once-per-user), never from names. Each check cites the spec ref a clause names.

    def v2_checks(self):
        roles = self.c.roles
        if roles and self.register_op():
            refs = [f"accounts.roles.{r}" for r in roles]
            self.run("accounts.roles.admin_account",
                     f"the account from ADMIN_USERNAME / ADMIN_PASSWORD logs in and holds every role ({', '.join(roles)}) "
                     f"in login's user and in me",
                     refs, self.admin_account)
            self.run("accounts.roles.signup",
                     "sign up asking for every role (role, roles, is_admin in the body): the account holds none "
                     "(roles [] in the sign-up answer, login's user and me)",
                     ["accounts.register"] + refs, self.signup_no_role)
        for op in self.c.ops:
            if op.roles and op.entity and op.entity != "user":
                key = self.op_key(op)
                gate = " or ".join(op.access)
                self.run(f"entities.{op.entity}.permissions.{key}.roles",
                         f"{op.method} {op.path} ({gate}): no token 401, a plain user 403, a user who asked for the role at sign-up "
                         f"403, the admin account succeeds",
                         self.op_refs(op) + [f"accounts.roles.{r}" for r in op.roles], lambda op=op: self.role_gate(op))
            elif op.access and op.entity and op.entity != "user" and "owner" in op.access and "{id}" in op.path \
                    and not any(g in ("anyone", "signed_in") for g in op.access) and self.c.op("create", op.entity) \
                    and (op.domain or op.action in ((self.spec_entity(op.entity) or {}).get("permissions") or {})) \
                    and not self.c.op("create", op.entity).role_only and self.register_op():
                key = self.op_key(op)
                self.run(f"entities.{op.entity}.permissions.{key}.owner",
                         f"{op.method} {op.path} (owner only): another signed-in user gets 403 and the record stays as it was",
                         self.op_refs(op), lambda op=op: self.owner_gate(op))
        for child, key, parent in self.c.relations():
            self.relation_checks(child, key, parent)
        for op in self.c.domain_actions():
            self.action_checks(op)

    def op_key(self, op):
        if op.domain:
            return op.action
        if op.action == "update":
            return "put" if op.method == "PUT" else "patch"
        return op.action

    def op_refs(self, op):
        """The spec refs an operation's access proves: its permission (or its action's access) in v2, the
        entity's access otherwise."""
        if op.domain:
            return [f"entities.{op.entity}.actions.{op.action}.access"]
        perms = (self.spec_entity(op.entity) or {}).get("permissions") or {}
        if op.action in perms:
            return [f"entities.{op.entity}.permissions.{op.action}"]
        return [f"entities.{op.entity}.access"]

    def pool(self, n):
        """n plain signed-in users of their own (registered once, reused across checks; the missing
        ones side by side, since a slow password hash makes each sign-up take a while)."""
        names = [f"user{i}" for i in range(1, n + 1)]
        missing = [p for p in names if p not in self._people]
        errors = []

        def one(name):
            try:
                self.person(name)
            except (Failure, Skip) as e:
                errors.append(e)
        threads = [threading.Thread(target=one, args=(p,)) for p in missing]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]
        return names

    def user_id(self, name):
        return (self.person(name)[2] or {}).get("id")

    def account_roles(self, ex, got, why):
        roles = got.get("roles")
        self.expect(isinstance(roles, list), f"{why}: the account answer has no roles list (the app has roles)", ex)
        return roles

    # ---- roles ----
    def admin_account(self):
        (token, _, user), ex = self.admin_person()
        want = set(self.c.roles)
        held = self.account_roles(ex, user or {}, "log in as the admin account: user")
        self.expect(want <= set(held), f"the admin account's login answer lists roles {held}, not every role {sorted(want)}", ex)
        me = self.c.op("me")
        if me:
            ex = self.http.call("GET", me.url(), token=token)
            got = self.ok_json(ex, (200,), "the admin account reads its profile")
            held = self.account_roles(ex, got, "me for the admin account")
            self.expect(want <= set(held), f"me for the admin account lists roles {held}, not every role {sorted(want)}", ex)

    def signup_no_role(self):
        roles = self.c.roles
        reg = self.register_op()
        body = self.values.body(self.c, self.c.request_schema(reg), role=roles[0], roles=roles, is_admin=True, admin=True)
        ex = self.http.call("POST", reg.url(), body)
        got = self.ok_json(ex, (201,), "sign up asking for a role")
        self.expect(not self.account_roles(ex, got, "sign-up answer"), f"sign-up granted roles {got.get('roles')}", ex)
        login, me = self.c.op("login"), self.c.op("me")
        if login:
            fields = (self.c.request_schema(login) or {}).get("properties") or {}
            lex = self.http.call("POST", login.url(), {k: body[k] for k in fields if k in body})
            lgot = self.ok_json(lex, (200,), "log in the account that asked for a role")
            user = lgot.get("user") if isinstance(lgot.get("user"), dict) else {}
            self.expect(not self.account_roles(lex, user, "login's user"), f"login shows roles {user.get('roles')} for an account that only asked for them", lex)
            if me:
                mex = self.http.call("GET", me.url(), token=lgot.get("token"))
                mgot = self.ok_json(mex, (200,), "me for the account that asked for a role")
                self.expect(not self.account_roles(mex, mgot, "me"), f"me shows roles {mgot.get('roles')} for an account that only asked for them", mex)

    def target(self, op, who="admin", **state):
        """A record for `op` to act on, made by `who` when it may create (else by the entity's maker)."""
        ops = self.entity_ops(op.entity)
        if ops["create"] is None:
            raise Skip(f"no operation creates a {op.entity} to call {op.method} {op.path} on")
        maker = who if ops["create"].access is None or not ops["create"].role_only or who == "admin" else None
        return self.make(ops, maker, **state)[1]

    def request_for(self, op, made=None):
        """(path, body) for one call of `op`; made: the record it acts on."""
        path = op.url(made["id"]) if made is not None and "{id}" in op.path else op.url()
        body = None
        schema = self.c.request_schema(op)
        if schema is not None:
            body = self.values.body(self.c, schema, variant=1)
            if op.method == "PATCH":
                body = dict(list(body.items())[:1])
        return path, body

    def role_gate(self, op):
        gate = " or ".join(op.access)
        greedy = self.person("greedy", role=self.c.roles[0] if self.c.roles else "admin", roles=self.c.roles, is_admin=True)[0]
        plain = self.person("carol")[0]
        admin = self.person("admin")[0]
        made = self.target(op, "admin", **self.action_state(op)) if "{id}" in op.path else None
        path, body = self.request_for(op, made)
        self.error(self.http.call(op.method, path, body), (401,), f"{op.method} {op.path} ({gate}) without a token")
        for who, token in (("a plain signed-in user", plain), ("a user who asked for a role at sign-up", greedy)):
            self.error(self.http.call(op.method, path, body, token=token), (403,), f"{op.method} {op.path} ({gate}) as {who}")
        ok = [int(c) for c in (op.spec.get("responses") or {}) if str(c).startswith("2")] or [200, 201, 204]
        self.status(self.http.call(op.method, path, body, token=admin), tuple(ok), f"{op.method} {op.path} ({gate}) as the admin account")

    def owner_gate(self, op):
        made = self.target(op, "alice", **self.action_state(op))
        path, body = self.request_for(op, made)
        self.error(self.http.call(op.method, path, body, token=self.person("bob")[0]), (403,),
                   f"another signed-in user calls {op.method} {op.path} (owner only) on someone's {op.entity}")
        get = self.c.op("get", op.entity)
        if get:
            ex = self.http.call("GET", get.url(made["id"]), token=self.token_for(get, "alice"))
            got = self.ok_json(ex, (200,), f"the owner gets the {op.entity} afterwards")
            changed = {k: v for k, v in made.items() if k in got and not self.same(v, got[k]) and k not in ("updated_at",)}
            self.expect(not changed, f"the {op.entity} changed after another user's refused call: {changed}", ex)

    # ---- relations ----
    def relation_checks(self, child, key, parent):
        ref = f"entities.{child}.fields.{key}.relation"
        create = self.c.op("create", child)
        change = self.c.op("update", child, "PATCH") or self.c.op("update", child, "PUT")
        if create or change:
            self.run(f"{ref}.unknown_parent",
                     f"create or change a {child} with a {key} no {parent} has: 400/422 naming {key}, never 201 or 500",
                     [ref], lambda: self.unknown_parent(child, key, parent))
        lst = self.c.op("list", child)
        if lst:
            self.run(f"{ref}.filter",
                     f"list {child} with ?{key}=N: only the children of that {parent}; ?{key}=0 or abc: 400",
                     [ref, f"entities.{child}.list"], lambda: self.relation_filter(child, key, parent))
        dele = self.c.op("delete", parent)
        if dele:
            mode = dele.spec.get("x-sculpt-on-delete")
            self.run(f"{ref}.onDelete",
                     f"delete a {parent} that has a {child} ({mode or 'x-sculpt-on-delete missing'}): "
                     + ("200/204, its children go with it (404), another's stay" if mode == "cascade" else
                        "409 conflict while it has children, both stay" if mode == "restrict" else "cascade or restrict declared")
                     + f"; the database declares {key} a foreign key and holds no orphan",
                     [f"{ref}.onDelete", f"entities.{parent}.delete"], lambda: self.on_delete(child, key, parent, dele, mode))

    def family(self, child, key, parent):
        """A new parent with one child: (parent id, child record, the person owning the child)."""
        create = self.c.op("create", child)
        if create is not None:
            pid = self.make(self.entity_ops(parent))[1]["id"]
            who = self.actor(child)
            made = self.make(self.entity_ops(child), who, **{key: pid})[1]
            return pid, made, who
        # No create operation: a domain action on the parent makes the child (a loan by borrowing).
        for op in self.c.domain_actions():
            if op.entity == parent and any(e.get("kind") == "create" and str(e.get("entity", "")).lower() == child for e in op.effects):
                made, callers = self.action_target(op, lambda k: k >= 1)
                who = callers[0]
                ex = self.http.call("POST", op.url(made["id"]), token=self.person(who)[0] if who else None)
                self.ok_json(ex, (200, 201), f"prerequisite: {op.action} a {parent} to make a {child}")
                kids = self.children(child, key, made["id"], [who])
                self.expect(len(kids) == 1, f"prerequisite: {op.action} made {len(kids)} {child} records for the {parent}, not 1", ex)
                return made["id"], kids[0], who
        raise Skip(f"no operation creates a {child}")

    def children(self, child, key, pid, people):
        """The children of parent `pid` that `people` can list (their union, by id)."""
        lst = self.c.op("list", child)
        if lst is None:
            raise Skip(f"no operation lists {child} records")
        seen = {}
        for who in dict.fromkeys(people):
            ex = self.http.call("GET", lst.url(), token=self.token_for(lst, who), params={key: pid, "page_size": 100})
            got = self.ok_json(ex, (200,), f"list {child} with ?{key}={pid}")
            for item in got.get("items") or []:
                if isinstance(item, dict):
                    if item.get(key) != pid:
                        raise Failure(f"?{key}={pid} lists a {child} whose {key} is {item.get(key)!r}", ex)
                    seen[item.get("id")] = item
        return list(seen.values())

    def unknown_parent(self, child, key, parent):
        create = self.c.op("create", child)
        why = f"a {key} no {parent} has ({UNKNOWN_ID})"
        if create is not None:
            body = self.values.body(self.c, self.c.request_schema(create), **{key: UNKNOWN_ID})
            ex = self.http.call("POST", create.url(), body, token=self.token_for(create))
            err = self.error(ex, INVALID, f"create a {child} with {why}", field=key)
            self.expect(err.get("field") == key, f"create a {child} with {why}: the error does not name {key}", ex)
        for op in (self.c.op("update", child, "PATCH"), self.c.op("update", child, "PUT")):
            if op is None or key not in ((self.c.request_schema(op) or {}).get("properties") or {}):
                continue
            _, made, who = self.family(child, key, parent)
            body = {key: UNKNOWN_ID} if op.method == "PATCH" else self.values.body(self.c, self.c.request_schema(op), **{key: UNKNOWN_ID})
            ex = self.http.call(op.method, op.url(made["id"]), body, token=self.token_for(op, who))
            err = self.error(ex, INVALID, f"{op.method} a {child} to {why}", field=key)
            self.expect(err.get("field") == key, f"{op.method} a {child} to {why}: the error does not name {key}", ex)

    def relation_filter(self, child, key, parent):
        p1, c1, w1 = self.family(child, key, parent)
        p2, c2, w2 = self.family(child, key, parent)
        kids = self.children(child, key, p1, [w1, w2])
        ids = [k.get("id") for k in kids]
        self.expect(c1["id"] in ids, f"?{key}={p1} does not list the {child} {c1['id']} of that {parent}", self.http.exchanges[-1])
        self.expect(c2["id"] not in ids, f"?{key}={p1} also lists the {child} {c2['id']} of another {parent}", self.http.exchanges[-1])
        lst = self.c.op("list", child)
        for bad in ("0", "abc"):
            ex = self.http.call("GET", lst.url(), token=self.token_for(lst, w1), params={key: bad})
            self.error(ex, INVALID, f"list {child} with ?{key}={bad}")

    def on_delete(self, child, key, parent, dele, mode):
        self.expect(mode in ("cascade", "restrict"),
                    f"DELETE {dele.path}: x-sculpt-on-delete must say cascade or restrict for a {parent} with {child} children, says {mode!r}")
        p1, c1, w1 = self.family(child, key, parent)
        _, c2, w2 = self.family(child, key, parent)
        get_child, get_parent = self.c.op("get", child), self.c.op("get", parent)
        ex = self.http.call("DELETE", dele.url(p1), token=self.token_for(dele))
        if mode == "cascade":
            self.status(ex, (200, 204), f"delete a {parent} that has a {child} (cascade)")
            if get_child:
                self.error(self.http.call("GET", get_child.url(c1["id"]), token=self.token_for(get_child, w1)), (404,),
                           f"get a {child} whose {parent} was deleted (cascade): it must be gone")
            if self.c.op("list", child):
                left = self.children(child, key, p1, [w1])
                self.expect(not left, f"{len(left)} {child} record(s) of the deleted {parent} are still listed", self.http.exchanges[-1])
        else:
            err = self.error(ex, (409,), f"delete a {parent} that has a {child} (restrict)")
            self.expect(err.get("code") == "conflict", f"delete a {parent} with children answers code {err.get('code')!r}, not 'conflict'", ex)
            if get_parent:
                self.ok_json(self.http.call("GET", get_parent.url(p1), token=self.token_for(get_parent)), (200,),
                             f"the {parent} whose deletion was refused still exists")
            if get_child:
                self.ok_json(self.http.call("GET", get_child.url(c1["id"]), token=self.token_for(get_child, w1)), (200,),
                             f"the {child} of a {parent} whose deletion was refused still exists")
        if get_child:
            self.ok_json(self.http.call("GET", get_child.url(c2["id"]), token=self.token_for(get_child, w2)), (200,),
                         f"the {child} of another {parent} is untouched")
        self.foreign_key(child, key, parent)

    def foreign_key(self, child, key, parent):
        """The child's table declares `key` a foreign key, and no row anywhere breaks a foreign key."""
        if not self.db_path or not os.path.exists(self.db_path):
            return
        try:
            conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        except sqlite3.Error:
            return
        try:
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
            plural = (self.spec_entity(child) or {}).get("plural") or child + "s"
            table = next((t for t in names if t.lower() in (child, plural.lower())), None)
            if table is None:
                having = [t for t in names if key in [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')]]
                table = having[0] if len(having) == 1 else None
            if table is None:
                return
            fks = [r for r in conn.execute(f'PRAGMA foreign_key_list("{table}")') if r[3] == key]
            if not fks:
                raise Failure(f"the database does not declare {table}.{key} a foreign key (read from {self.db_path}): "
                              f"nothing but the app's own code keeps a {child} from pointing at a {parent} that is gone")
            orphans = conn.execute(f'PRAGMA foreign_key_check("{table}")').fetchall()
            if orphans:
                raise Failure(f"{len(orphans)} {table} row(s) point at a {parent} that does not exist (PRAGMA foreign_key_check)")
        except sqlite3.Error:
            return
        finally:
            conn.close()

    # ---- domain actions: the rule's arithmetic ----
    def rule_fields(self, op):
        names = []
        for p in op.preconditions:
            names.append(p.get("field"))
            if isinstance(p.get("value"), dict):
                names.append(p["value"].get("field"))
        names += [e.get("field") for e in op.effects if e.get("kind") in ("increment", "set")]
        return [n for n in dict.fromkeys(names) if isinstance(n, str)]

    @staticmethod
    def within(schema, v):
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            return True
        if "minimum" in schema and v < schema["minimum"]:
            return False
        if "maximum" in schema and v > schema["maximum"]:
            return False
        if "exclusiveMinimum" in schema and v <= schema["exclusiveMinimum"]:
            return False
        if "exclusiveMaximum" in schema and v >= schema["exclusiveMaximum"]:
            return False
        return True

    @staticmethod
    def holds(p, st):
        left = st.get(p.get("field"))
        v = p.get("value")
        right = st.get(v["field"]) if isinstance(v, dict) and "field" in v else v
        try:
            return {"==": left == right, "!=": left != right}[p["op"]]
        except KeyError:
            pass
        try:
            return {">": left > right, ">=": left >= right, "<": left < right, "<=": left <= right}[p["op"]]
        except (TypeError, KeyError):
            return False

    def effect(self, op, props, st):
        """The state after one successful call, or None when an effect would break a field's limits."""
        nxt = dict(st)
        for e in op.effects:
            f = e.get("field")
            if e.get("kind") == "increment":
                v = nxt.get(f)
                if not isinstance(v, (int, float)) or isinstance(v, bool):
                    return None
                nxt[f] = v + e.get("by", 1)
                if not self.within(props.get(f) or {}, nxt[f]):
                    return None
            elif e.get("kind") == "set":
                nxt[f] = e.get("value")
        return nxt

    def allowed(self, op, props, st):
        """How many successive calls the rule allows from state `st` (SIMULATED_CALLS: unbounded)."""
        n = 0
        while n < SIMULATED_CALLS and all(self.holds(p, st) for p in op.preconditions):
            st = self.effect(op, props, st)
            if st is None:
                break
            n += 1
        return n

    def after(self, op, props, st, times):
        for _ in range(times):
            st = self.effect(op, props, st) or st
        return st

    def candidates(self, op, name, schema):
        if "enum" in schema:
            return list(schema["enum"])
        t = schema.get("type")
        if t == "boolean":
            return [False, True]
        if t in ("integer", "number"):
            vals = [0, 1, 2, 3, 4, 5, 10, 20]
            for p in op.preconditions:
                if p.get("field") == name and isinstance(p.get("value"), (int, float)) and not isinstance(p.get("value"), bool):
                    vals += [p["value"] + d for d in (-1, 0, 1, 2, 3, 20)]
            for bound, ds in (("minimum", (0, 1, 2, 3, 20)), ("exclusiveMinimum", (1, 2, 3, 4, 21)),
                              ("maximum", (0, -1, -2, -3)), ("exclusiveMaximum", (-1, -2, -3, -4))):
                if isinstance(schema.get(bound), (int, float)):
                    vals += [schema[bound] + d for d in ds]
            out = [v for v in dict.fromkeys(vals) if self.within(schema, v)]
            return out[:12]
        consts = [p.get("value") for p in op.preconditions if p.get("field") == name and isinstance(p.get("value"), str)]
        return list(dict.fromkeys(consts + [self.values.valid(schema, name)]))

    def plan(self, op, pred):
        """Values for the rule's fields (those a create may set) under which the rule allows a number of
        successive calls that `pred` accepts: (overrides, state), or None."""
        create = self.c.op("create", op.entity)
        settable = {k for k, v in (((self.c.request_schema(create) or {}).get("properties") or {}) if create else {}).items()
                    if not self.c.resolve(v).get("readOnly")}
        props = self.c.properties(op.entity)
        names = self.rule_fields(op)
        if any(n not in props for n in names):
            return None
        choices = []
        for n in names:
            sub = props[n]
            if n in settable:
                choices.append(self.candidates(op, n, sub))
            else:
                choices.append([sub.get("default", 0 if sub.get("type") in ("integer", "number") else None)])
        import itertools
        for combo in itertools.islice(itertools.product(*choices), 20000):
            st = dict(zip(names, combo))
            if pred(self.allowed(op, props, st)):
                return {k: v for k, v in st.items() if k in settable}, st
        return None

    def action_state(self, op, pred=lambda k: k >= 1):
        if not op.domain:
            return {}
        found = self.plan(op, pred)
        return found[0] if found else {}

    def action_callers(self, op, maker):
        """Who may call the action on a record `maker` made: several users, or the one who may."""
        if op.access is None or any(g in ("anyone", "signed_in") for g in op.access):
            return "many"
        if "owner" in op.access:
            return [maker]
        return ["admin"]

    def action_target(self, op, pred, many=1):
        """A fresh record set so that the rule allows what `pred` accepts, and the people who may act on it:
        (record as the server stored it, callers). Fails when the stored record does not allow it."""
        found = self.plan(op, pred)
        if found is None:
            raise Skip(f"no values of {', '.join(self.rule_fields(op))} a create can set make the rule of {op.action} allow what this check needs")
        maker = self.actor(op.entity)
        made = self.target(op, maker, **found[0])
        stored = self.allowed(op, self.c.properties(op.entity), self.state_of(op, made))
        if not pred(stored):
            raise Failure(f"a {op.entity} created with {found[0]} came back as {self.state_of(op, made)}, "
                          f"which the rule of {op.action} does not treat as planned", self.http.exchanges[-1])
        callers = self.action_callers(op, maker)
        if callers == "many":
            callers = self.pool(many)
        return made, callers

    def state_of(self, op, record):
        return {n: record.get(n) for n in self.rule_fields(op)}

    def success_status(self, op):
        kinds = [e.get("kind") for e in op.effects]
        return 201 if kinds and all(k == "create" for k in kinds) else 200

    def created(self, op):
        """(entity, key) for each record a create effect makes, key being its relation to op.entity."""
        out = []
        for e in op.effects:
            if e.get("kind") == "create":
                child = str(e.get("entity", "")).lower()
                key = next((k for c, k, p in self.c.relations() if c == child and p == op.entity), None)
                out.append((child, key))
        return out

    def read(self, op, rid, why):
        get = self.c.op("get", op.entity)
        if get is None:
            return None
        return self.ok_json(self.http.call("GET", get.url(rid), token=self.token_for(get)), (200,), why)

    def expect_state(self, op, record, want, why, ex=None):
        props = self.c.properties(op.entity)
        for f, v in want.items():
            if not self.same(v, record.get(f)):
                raise Failure(f"{why}: {f} is {record.get(f)!r}, expected {v!r}", ex)
            if not self.within(props.get(f) or {}, record.get(f)):
                raise Failure(f"{why}: {f} is {record.get(f)!r}, outside its limits", ex)

    def act(self, op, rid, who):
        return self.http.call("POST", op.url(rid), token=self.person(who)[0] if who else None)

    # ---- domain actions: the checks ----
    def action_checks(self, op):
        e, verb = op.entity, op.action
        base = f"entities.{e}.actions.{verb}"
        made_refs = [f"entities.{c}.create" for c, _ in self.created(op)]
        rules = []
        if op.preconditions:
            rules.append("preconditions " + ", ".join(f"{p.get('field')} {p.get('op')} {json.dumps(p.get('value'), ensure_ascii=False)}" for p in op.preconditions))
        if op.effects:
            rules.append("effects " + ", ".join(
                f"{x.get('field')} {'+' if x.get('by', 1) >= 0 else ''}{x.get('by', 1)}" if x.get("kind") == "increment" else
                f"{x.get('field')} = {json.dumps(x.get('value'), ensure_ascii=False)}" if x.get("kind") == "set" else
                f"create a {x.get('entity')}" for x in op.effects))
        declared = "; ".join(rules) or "no declared rules"
        status = self.success_status(op)
        self.run(base, f"POST {op.path} by whoever may: {status}, and the answer and the stored record show the effects ({declared})",
                 [base, f"{base}.effects"] + made_refs, lambda: self.action_effects(op))
        bounded = self.plan(op, lambda k: k == 0) is not None
        if op.preconditions or bounded:
            self.run(f"{base}.preconditions",
                     f"POST {op.path} on a {e} where the rule does not hold: 409 precondition_failed with a message, nothing changed",
                     [f"{base}.preconditions"], lambda: self.action_refused(op))
        if op.once:
            self.run(f"{base}.oncePerUser",
                     f"the same user calls POST {op.path} twice: the second answers 409 conflict and changes nothing; another user may",
                     [f"{base}.oncePerUser"], lambda: self.action_once(op))
        self.run(f"{base}.unknown_id", f"POST {op.path} with an unknown id: 404", [base], lambda: self.action_unknown(op))
        if not op.open_to_anyone:
            self.run(f"{base}.access.token", f"POST {op.path} without a token, or with a forged one: 401",
                     [f"{base}.access"], lambda: self.action_no_token(op))
        if op.preconditions or op.once or bounded or any(x.get("kind") == "increment" for x in op.effects):
            self.run(f"{base}.race",
                     f"{ACTION_RACE_ROUNDS} rounds of as many simultaneous POST {op.path} as the rule allows plus {RACE_EXTRA}, "
                     f"released together: exactly the allowed number succeed, the rest 409, and the record never breaks its limits",
                     [base, f"{base}.effects"] + ([f"{base}.preconditions"] if op.preconditions else [])
                     + ([f"{base}.oncePerUser"] if op.once else []), lambda: self.action_race(op))
        if op.once:
            self.run(f"{base}.oncePerUser.race",
                     f"{ACTION_RACE_ROUNDS} rounds of one user sending {1 + RACE_EXTRA} simultaneous POST {op.path}: exactly one "
                     f"succeeds, the rest 409 conflict",
                     [f"{base}.oncePerUser"], lambda: self.action_once_race(op))

    def action_effects(self, op):
        made, callers = self.action_target(op, lambda k: k >= 1)
        who = callers[0]
        props = self.c.properties(op.entity)
        before = self.state_of(op, made)
        ex = self.act(op, made["id"], who)
        status = self.success_status(op)
        got = self.ok_json(ex, (status,), f"{op.action} a {op.entity} (POST {op.path})")
        want = self.after(op, props, before, 1)
        if status == 200:
            self.expect(got.get("id") == made["id"], f"{op.action} answers the record {got.get('id')!r}, not the {op.entity} {made['id']} acted on", ex)
            self.expect_state(op, got, want, f"the answer of {op.action}", ex)
            self.shape(op, 200, got, op.action, ex)
        after = self.read(op, made["id"], f"get the {op.entity} after {op.action}")
        if after is not None:
            self.expect_state(op, after, want, f"the {op.entity} after {op.action}", self.http.exchanges[-1])
        me = self.user_id(who) if who else None
        for child, key in self.created(op):
            if key is None:
                raise Failure(f"{op.action} creates a {child}, and no {child} property declares x-sculpt-relation to {op.entity}")
            if status == 201:
                self.expect(got.get(key) == made["id"], f"the created {child} has {key}={got.get(key)!r}, not {made['id']}", ex)
            if self.c.op("list", child):
                kids = self.children(child, key, made["id"], [who])
                self.expect(len(kids) == 1, f"{op.action} made {len(kids)} {child} records for the {op.entity}, not 1", self.http.exchanges[-1])
                kid = kids[0]
            else:
                kid = got if status == 201 else {}
            if "owner_id" in self.c.properties(child) and me is not None:
                self.expect(kid.get("owner_id") == me, f"the {child} {op.action} made belongs to {kid.get('owner_id')!r}, not the caller {me}", ex)

    def action_refused(self, op):
        made, callers = self.action_target(op, lambda k: k == 0)
        who = callers[0]
        before = self.state_of(op, made)
        ex = self.act(op, made["id"], who)
        err = self.error(ex, (409,), f"{op.action} a {op.entity} where the rule does not hold ({before})")
        self.expect(err.get("code") == "precondition_failed", f"{op.action} where the rule does not hold answers code {err.get('code')!r}, not 'precondition_failed'", ex)
        after = self.read(op, made["id"], f"get the {op.entity} after a refused {op.action}")
        if after is not None:
            self.expect_state(op, after, before, f"the {op.entity} after a refused {op.action}", self.http.exchanges[-1])
        for child, key in self.created(op):
            if key and self.c.op("list", child):
                kids = self.children(child, key, made["id"], [who])
                self.expect(not kids, f"a refused {op.action} still made a {child}", self.http.exchanges[-1])

    def action_once(self, op):
        made, callers = self.action_target(op, lambda k: k >= 2, many=2)
        props = self.c.properties(op.entity)
        before = self.state_of(op, made)
        who = callers[0]
        self.ok_json(self.act(op, made["id"], who), (self.success_status(op),), f"{op.action} a {op.entity} the first time")
        ex = self.act(op, made["id"], who)
        err = self.error(ex, (409,), f"the same user calls {op.action} on the same {op.entity} again")
        self.expect(err.get("code") == "conflict", f"a repeated once-per-user {op.action} answers code {err.get('code')!r}, not 'conflict'", ex)
        after = self.read(op, made["id"], f"get the {op.entity} after a repeated {op.action}")
        if after is not None:
            self.expect_state(op, after, self.after(op, props, before, 1), f"the {op.entity} after one {op.action} and a refused repeat", self.http.exchanges[-1])
        if len(callers) > 1:
            self.ok_json(self.act(op, made["id"], callers[1]), (self.success_status(op),),
                         f"another user calls {op.action} on the same {op.entity}: once per user, not once in all")

    def action_unknown(self, op):
        who = self.action_callers(op, self.actor(op.entity))
        who = self.pool(1)[0] if who == "many" else who[0]
        self.error(self.act(op, UNKNOWN_ID, who), (404,), f"{op.action} a {op.entity} with id {UNKNOWN_ID}")

    def action_no_token(self, op):
        made = self.target(op, self.actor(op.entity), **self.action_state(op))
        self.no_token(op, op.url(made["id"]))
        after = self.read(op, made["id"], f"get the {op.entity} after refused calls")
        if after is not None:
            self.expect_state(op, after, self.state_of(op, made), f"the {op.entity} after calls without a valid token", self.http.exchanges[-1])

    def race_outcome(self, op, made, answers, allowed, before, callers, why):
        props = self.c.properties(op.entity)
        status = self.success_status(op)
        codes = sorted(a.status for a in answers)
        wins = [a for a in answers if a.status == status]
        if len(wins) != allowed or any(a.status not in (status, 409) for a in answers):
            odd = next((a for a in answers if a.status not in (status, 409)), None) or (wins[-1] if wins else answers[0])
            raise Failure(f"{why}: got {codes}; the rule allows exactly {allowed} {status} and {len(answers) - allowed} times 409", odd)
        for a in answers:
            if a.status == 409:
                err = self.error(a, (409,), why)
                self.expect(err.get("code") in ("precondition_failed", "conflict"),
                            f"{why}: a refused call answers code {err.get('code')!r}, not precondition_failed or conflict", a)
        after = self.read(op, made["id"], f"get the {op.entity} after the race")
        if after is not None:
            self.expect_state(op, after, self.after(op, props, before, allowed),
                              f"{why}: after {allowed} successful calls", self.http.exchanges[-1])
        for child, key in self.created(op):
            if key and self.c.op("list", child):
                kids = self.children(child, key, made["id"], callers)
                self.expect(len(kids) == allowed, f"{why}: {len(kids)} {child} records were made, not {allowed}", self.http.exchanges[-1])

    def action_race(self, op):
        many = self.action_callers(op, self.actor(op.entity)) == "many"
        if op.once and not many:
            raise Skip("only one account may call it, and it may call it once: the once-per-user race covers it")
        pred = next((p for p in (lambda k: k == RULE_ALLOWS, lambda k: 1 <= k < SIMULATED_CALLS, lambda k: k >= SIMULATED_CALLS)
                     if self.plan(op, p) is not None), None)
        if pred is None:
            raise Skip("no record state lets the rule allow a call")
        for r in range(ACTION_RACE_ROUNDS):
            made, callers = self.action_target(op, pred)
            before = self.state_of(op, made)
            allowed = self.allowed(op, self.c.properties(op.entity), before)
            if allowed >= SIMULATED_CALLS:
                # No bound: every call may succeed, so the race proves no update is lost.
                n = allowed = 1 + RACE_EXTRA
            else:
                n = allowed + RACE_EXTRA
            # Users of their own only where the rule counts users (once per user); otherwise one caller's
            # simultaneous calls race for the same record just as well, and spare the sign-ups.
            people = self.pool(n) if many and op.once else [callers[0]] * n
            answers = self.http.burst([("POST", op.url(made["id"]), None, self.person(p)[0] if p else None) for p in people])
            self.race_outcome(op, made, answers, allowed, before, people,
                              f"round {r + 1} of {ACTION_RACE_ROUNDS}: {n} simultaneous {op.action} calls by "
                              f"{len(set(people))} user(s) where the rule allows {allowed}")

    def action_once_race(self, op):
        n = 1 + RACE_EXTRA
        for r in range(ACTION_RACE_ROUNDS):
            made, callers = self.action_target(op, lambda k: k >= n)
            before = self.state_of(op, made)
            who = callers[0]
            answers = self.http.burst([("POST", op.url(made["id"]), None, self.person(who)[0] if who else None) for _ in range(n)])
            self.race_outcome(op, made, answers, 1, before, [who],
                              f"round {r + 1} of {ACTION_RACE_ROUNDS}: {n} simultaneous {op.action} calls by one user (once per user)")

def is_owned(e):
    a = e.get("access") or {}
    return a.get("read") == "owner" or a.get("write") == "owner"


def internal_detail(ex):
    """The first internal detail (stack trace, source path, SQL, exception or driver name) an API answer
    shows, or None. The web page and its scripts are not API answers: they may name errors freely."""
    ctype = ex.response_headers.get("content-type", "")
    if not ex.payload or any(t in ctype for t in ("text/html", "javascript", "text/css")):
        return None
    m = INTERNALS.search(ex.text)
    return m.group(0) if m else None


def messages_in(value):
    """The user-facing messages of an answer: error.message and a top-level message."""
    if not isinstance(value, dict):
        return []
    out = []
    err = value.get("error")
    if isinstance(err, dict) and isinstance(err.get("message"), str):
        out.append(err["message"])
    if isinstance(value.get("message"), str):
        out.append(value["message"])
    return out


def json_keys(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from json_keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from json_keys(v)


# ---------------------------------------------------------------- clauses -----------------------------

# Constraint words the requirement parser writes in clause refs, and the spec properties they became.
ALIASES = {
    "lengthRange": ("minLength", "maxLength"), "range": ("minimum", "maximum"),
    "positive": ("exclusiveMinimum", "minimum"), "nonNegative": ("minimum",), "allowed": ("allowedValues",),
    "integer": ("type",), "number": ("type",),
}


def covers(clause_ref, check_ref):
    """Whether a check proving `check_ref` proves (part of) what the clause ref names."""
    head, _, last = clause_ref.rpartition(".")
    for ref in [clause_ref] + [f"{head}.{a}" for a in ALIASES.get(last, ())]:
        if ref == check_ref or check_ref.startswith(ref + ".") or ref.startswith(check_ref + ".fields."):
            return True
    return False


def clauses(spec, results):
    out = []
    for clause in spec.get("clauses", []):
        refs = clause.get("refs", [])
        ids = [r["id"] for r in results if any(covers(cr, ref) for cr in refs for ref in r["refs"])]
        states = {r["status"] for r in results if r["id"] in ids}
        status = "unchecked" if not ids else ("failed" if "failed" in states else "passed")
        out.append({"text": clause.get("text", ""), "refs": refs, "checks": ids, "status": status})
        for r in results:
            if r["id"] in ids:
                r.setdefault("clauses", []).append(clause.get("text", ""))
    return out


# ---------------------------------------------------------------- the driver --------------------------

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def die_with_parent():
    """Runs in the server's child process before exec: it is killed if this driver dies."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def load(project):
    with open(os.path.join(project, "spec.json"), encoding="utf-8") as f:
        spec = json.load(f)
    with open(os.path.join(project, "openapi.json"), encoding="utf-8") as f:
        doc = json.load(f)
    return spec, doc


def tail(path, lines=60):
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - 64 * 1024))
            text = f.read().decode("utf-8", "replace")
        return "\n".join(text.splitlines()[-lines:])
    except OSError:
        return ""


class Later:
    """A value computed on a thread of its own; get() waits for it."""

    def __init__(self, fn):
        self.value = None
        self.thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self.thread.start()

    def _run(self, fn):
        try:
            self.value = fn()
        except Exception as e:  # reported by whoever waits for it
            self.value = f"{type(e).__name__}: {e}"

    def get(self, timeout=60):
        self.thread.join(timeout)
        return self.value if not self.thread.is_alive() else "it did not answer in time"


def wait_healthy(server, port, path, timeout):
    """(True, "") once `path` answers 200, or (False, why)."""
    why = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = server.poll()
        if code is not None:
            return False, f"the server exited with status {code} before answering {path}"
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            conn.close()
            if r.status == 200:
                return True, ""
            why = f"{path} answered {r.status}"
        except (OSError, http.client.HTTPException) as e:
            why = f"{path} did not answer ({type(e).__name__})"
        time.sleep(0.05)
    return False, f"no 200 from {path} within {timeout:g} s ({why})"


def serve(args):
    project = os.path.abspath(args.project)
    work = os.path.abspath(args.work or os.path.join(project, ".sculpt-verify"))
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(project, "sculpt.json"), encoding="utf-8") as f:
        backend = json.load(f)["backend"]
    spec, doc = load(project)
    port = free_port()
    db = os.path.join(work, "contract.db")
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    log_path = os.path.join(work, "server.log")
    # PASSWORD_HASH_FAST: the generated app hashes new passwords at a low cost (a setting only the
    # verifier passes; the app's default is the full cost): the checks sign dozens of accounts up.
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(port), DATABASE_URL="sqlite:///" + db,
               SECRET_KEY=secrets.token_urlsafe(32), PYTHONUNBUFFERED="1", PASSWORD_HASH_FAST="1")
    admin = admin_credentials(doc, env)
    phases, results = [], []
    out = {"port": port, "database": db, "phases": phases, "checks": results, "clauses": []}

    def phase(name, status, started, detail=""):
        phases.append({"name": name, "status": status, "seconds": round(time.monotonic() - started, 3), "detail": detail})

    t0 = time.monotonic()
    log = open(log_path, "wb")
    try:
        # --start: the verifier's own command for the manifest's start (its cached interpreter or build)
        command = json.loads(args.start) if args.start else backend["start"]
        server = subprocess.Popen(command, cwd=os.path.join(project, backend.get("dir", ".")), env=env,
                                  stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True, preexec_fn=die_with_parent)
    except OSError as e:
        phase("start", "failed", t0, f"cannot start {' '.join(backend['start'])}: {e}")
        out["logTail"] = tail(log_path)
        return out

    def stop(*_):
        for proc in [server] + extras:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        sys.exit(3)

    extras = []
    signal.signal(signal.SIGTERM, stop)
    phase("start", "passed", t0, f"{' '.join(backend['start'])} on 127.0.0.1:{port}")
    client = Client(f"http://127.0.0.1:{port}")
    t1 = time.monotonic()
    health = backend.get("health", "/health")
    healthy, why = wait_healthy(server, port, health, args.health_timeout)
    phase("health", "passed" if healthy else "failed", t1, f"{health} answered 200" if healthy else why)

    def spawn(extra):
        """One more instance of the server (same database and SECRET_KEY) with `extra` in its
        environment, started on a thread: a Later of its Client, or of why it did not start."""
        # Started on this thread: a child's death signal follows the thread that started it.
        p = free_port()
        with open(os.path.join(work, f"server-{p}.log"), "wb") as out:
            proc = subprocess.Popen(command, cwd=os.path.join(project, backend.get("dir", ".")),
                                    env=dict(env, PORT=str(p), **extra), stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=die_with_parent)
        extras.append(proc)

        def started():
            ok, why = wait_healthy(proc, p, health, args.health_timeout)
            return Client(f"http://127.0.0.1:{p}") if ok else why
        return Later(started)

    def stop_extras():
        for proc in extras:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
            proc.wait()

    if healthy:
        t2 = time.monotonic()
        checks = Checks(Contract(doc, spec), client, db, deadline=t2 + args.checks_timeout, spawn=spawn, admin=admin)
        try:
            results.extend(checks.all())
        finally:
            stop_extras()
        failed = sum(1 for r in results if r["status"] == "failed")
        passed = sum(1 for r in results if r["status"] == "passed")
        phase("contract", "failed" if failed else "passed", t2, f"{passed} passed, {failed} failed")
        out["clauses"] = clauses(spec, results)
    t3 = time.monotonic()
    stopped = "stopped on SIGTERM"
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(3)
    except subprocess.TimeoutExpired:
        stopped = "did not stop on SIGTERM within 3 s; killed"
    except OSError:
        pass
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except OSError:
        pass
    server.wait()
    log.close()
    phase("stop", "passed", t3, stopped)
    out["logTail"] = tail(log_path)
    return out


def admin_credentials(doc, env):
    """(username, password) of the account holding every role, when the document lists roles: from
    ADMIN_USERNAME / ADMIN_PASSWORD (the verifier sets them), or made up here and put in `env` for the
    server. None for an app without roles."""
    if not doc.get("x-sculpt-roles"):
        return None
    if not env.get("ADMIN_USERNAME") or not env.get("ADMIN_PASSWORD"):
        env["ADMIN_USERNAME"] = "sculpt_admin_" + secrets.token_hex(4)
        env["ADMIN_PASSWORD"] = "Adm-" + secrets.token_urlsafe(18)
    return env["ADMIN_USERNAME"], env["ADMIN_PASSWORD"]


def check(args):
    spec, doc = load(os.path.abspath(args.project))
    env = dict(os.environ)
    if args.admin_username:
        env["ADMIN_USERNAME"] = args.admin_username
    admin = admin_credentials(doc, env) if env.get("ADMIN_USERNAME") and env.get("ADMIN_PASSWORD") else None
    results = Checks(Contract(doc, spec), Client(args.base), args.db, admin=admin).all()
    return {"checks": results, "clauses": clauses(spec, results)}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--project", required=True)
    s.add_argument("--work")
    s.add_argument("--health-timeout", type=float, default=30)
    s.add_argument("--checks-timeout", type=float, default=120)
    s.add_argument("--out", help="write the JSON document here instead of stdout")
    s.add_argument("--start", help="JSON argument list that starts the backend instead of sculpt.json's start")
    c = sub.add_parser("check")
    c.add_argument("--project", required=True)
    c.add_argument("--base", required=True)
    c.add_argument("--db")
    c.add_argument("--admin-username", help="the account the server made from ADMIN_USERNAME (its password from ADMIN_PASSWORD)")
    args = p.parse_args()
    out = serve(args) if args.mode == "serve" else check(args)
    text = json.dumps(out, ensure_ascii=False) + "\n"
    if getattr(args, "out", None):
        with open(args.out + ".part", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(args.out + ".part", args.out)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()

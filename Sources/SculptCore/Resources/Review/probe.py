#!/usr/bin/env python3
"""Sculpt review, running part: start a project the way it runs in production and probe every route.

Sculpt ships this file and runs it inside the same sandbox `sculpt check` uses (own loopback only,
nobody's uid, only the project copy and the work folder writable), with the project's environment's
Python. Standard library only.

  probe.py run --root DIR --facts FILE --work DIR --out FILE [--manifest [--start JSON]] [--postgres] [--timeout S]

`--facts` is what analyze.py found (routes, fields, models, run calls). The server is started:
  - with --manifest, as sculpt.json says, or with the command --start gives (the one `sculpt check`
    runs: a cached environment's Python, a built server binary), with HOST, PORT, DATABASE_URL set;
  - otherwise by importing the app module in a threaded WSGI server (Flask) or uvicorn (FastAPI), as
    gunicorn or uvicorn would: the module's `if __name__ == "__main__":` block does not run.
Every SQLAlchemy engine the project makes is pointed at the review's own database (a SQLite file in
the work folder, or a throw-away PostgreSQL cluster this script starts and removes), through a
`sitecustomize` on PYTHONPATH; the URL the project asked for is logged.

The output is one JSON document: findings (rule, file, line, args, evidence: request and answer),
the routes seen on the running app, and notes on what ran.
"""
import argparse
import errno
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

PREVIEW = 400
HASH_SHAPES = re.compile(r"(scrypt:\d|pbkdf2:sha|\$2[aby]\$\d\d\$|\$argon2|\$scrypt\$|\$pbkdf2)")
SECRET_KEYS = re.compile(r"(?i)^(password|passwd|pwd|password_hash|hashed_password|passwordhash|hash|salt|secret)$")
LOGIN_PATH = re.compile(r"(?i)(log_?in|sign_?in|signin|token|session|auth$)")
REGISTER_PATH = re.compile(r"(?i)(register|sign_?up|signup|join|/users/?$|/accounts?/?$)")
IDENTITY = re.compile(r"(?i)^(username|user_name|user|login|email|e_mail|name|account|handle|phone|mobile)$")
PASSWORD = re.compile(r"(?i)^(password|passwd|pwd|pass|password1)$")
NO_TABLE = re.compile(r"no such table|UndefinedTable|relation \S+ does not exist|doesn't exist", re.I)
TOO_LONG = re.compile(r"value too long for type [^\n]*|StringDataRightTruncation[^\n]*|Data too long[^\n]*", re.I)
SQL_ERROR = re.compile(r"syntax error|OperationalError|ProgrammingError|unrecognized token|unterminated", re.I)
INJECTIONS = ["' OR '1'='1' --", "\" OR \"\"=\"", "admin'--", "'; DROP TABLE users; --"]

SITECUSTOMIZE = r'''
# Written by Sculpt's review: points every SQLAlchemy engine at the review's database.
import os, json
_target = os.environ.get("SCULPT_REVIEW_DB")
_log = os.environ.get("SCULPT_REVIEW_ENGINES")
if _target:
    try:
        import sqlalchemy
        import sqlalchemy.engine
        import sqlalchemy.engine.create as _create
        _original = _create.create_engine

        def _review_engine(url, *args, **kwargs):
            asked = str(url)
            try:
                asked = url.render_as_string(hide_password=True)
            except Exception:
                pass
            redirect = asked.startswith("sqlite") or os.environ.get("SCULPT_REVIEW_DB_ALL") == "1"
            if _log:
                with open(_log, "a") as f:
                    f.write(json.dumps({"asked": asked, "used": _target if redirect else asked}) + "\n")
            if redirect:
                url = _target
                if not _target.startswith("sqlite"):
                    kwargs.pop("connect_args", None)
                    kwargs.pop("poolclass", None)
            return _original(url, *args, **kwargs)

        _create.create_engine = _review_engine
        sqlalchemy.create_engine = _review_engine
        sqlalchemy.engine.create_engine = _review_engine
    except Exception:
        pass
'''

LAUNCHER = r'''
import importlib, json, os, sys
root, module, attr, factory, kind, port, create = sys.argv[1:8]
sys.path.insert(0, root)
os.chdir(root)
mod = importlib.import_module(module)
app = getattr(mod, attr) if attr else None
if app is None and factory:
    app = getattr(mod, factory)()
if create == "1":
    done = False
    for value in list(vars(mod).values()):
        try:
            if type(value).__name__ in ("SQLAlchemy",) and hasattr(value, "create_all"):
                with app.app_context():
                    value.create_all()
                done = True
        except Exception as e:
            print("sculpt-review: create_all failed:", e, file=sys.stderr)
    if not done:
        engines = [v for v in vars(mod).values() if type(v).__name__ == "Engine"]
        for value in list(vars(mod).values()):
            md = getattr(value, "metadata", None)
            if type(md).__name__ == "MetaData" and engines:
                try:
                    md.create_all(engines[0]); done = True
                except Exception as e:
                    print("sculpt-review: create_all failed:", e, file=sys.stderr)
if kind == "flask":
    rules = [{"path": r.rule, "methods": sorted(m for m in r.methods if m not in ("HEAD", "OPTIONS"))} for r in app.url_map.iter_rules()]
    with open(os.environ["SCULPT_REVIEW_ROUTES"], "w") as f:
        json.dump(rules, f)
    from werkzeug.serving import run_simple
    run_simple("127.0.0.1", int(port), app, threaded=True)
else:
    import uvicorn
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")
'''


def preview(data):
    if data is None:
        return None
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    return data if len(data) <= PREVIEW else data[:PREVIEW] + f"... ({len(data)} characters)"


class Answer:
    def __init__(self, method, path, headers, body, status=0, payload=b"", ctype="", error=None):
        self.method, self.path, self.headers, self.body = method, path, headers, body
        self.status, self.payload, self.ctype, self.error = status, payload, ctype, error
        try:
            self.json = json.loads(payload.decode("utf-8")) if payload else None
        except (ValueError, UnicodeDecodeError):
            self.json = None

    @property
    def text(self):
        return self.payload.decode("utf-8", "replace")

    def evidence(self, note=None):
        req = {"method": self.method, "path": self.path}
        ct = self.headers.get("Content-Type")
        if ct:
            req["contentType"] = ct
        if self.body is not None:
            req["body"] = preview(self.body)
        resp = {"status": self.status, "body": preview(self.payload)}
        if self.ctype:
            resp["contentType"] = self.ctype
        if self.error:
            resp["error"] = self.error
        out = {"request": req, "response": resp}
        if note:
            out["note"] = note
        return out


class Client:
    """Speaks HTTP to the app under test.

    The probes are many clients, not one: each connection comes from its own loopback address
    (127.0.0.2, 127.0.0.3, ...; all of 127/8 is local), so an app that limits attempts per client
    does not answer the body, duplicate and race probes with 429 and hide what they look for. The
    rate-limit burst pins one address (`pinned`), as a single client hammering the app would.
    """

    _next = [2]
    _rotate = [True]

    def __init__(self, port):
        self.port = port
        self.token = None
        self.cookie = None
        self.pinned = None
        # Routes that read an HTML form (request.form): their bodies are sent form-encoded.
        self.form_paths = set()

    @classmethod
    def fresh_address(cls):
        n = cls._next[0]
        cls._next[0] = n + 1 if n < 250 * 250 else 2
        return f"127.0.{n // 250}.{n % 250 + 2}"

    def connect(self, timeout):
        source = self.pinned or (self.fresh_address() if Client._rotate[0] else None)
        if source:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=(source, 0))
                conn.connect()
                return conn
            except OSError as e:
                if self.pinned or e.errno != errno.EADDRNOTAVAIL:
                    raise
                Client._rotate[0] = False  # no 127/8 beyond 127.0.0.1 here: one address for all
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def call(self, method, path, body=None, raw=None, content_type="application/json", timeout=15, auth=True):
        headers = {}
        data = None
        if raw is not None:
            data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
        elif body is not None and path in self.form_paths and isinstance(body, dict):
            data = urllib.parse.urlencode({k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}).encode("utf-8")
            content_type = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode("utf-8")
        if data is not None and content_type:
            headers["Content-Type"] = content_type
        if auth and self.token:
            headers["Authorization"] = "Bearer " + self.token
        if auth and self.cookie:
            headers["Cookie"] = self.cookie
        shown = None if data is None else data.decode("utf-8", "replace")
        try:
            conn = self.connect(timeout)
            conn.request(method, path, body=data, headers=headers)
            r = conn.getresponse()
            payload = r.read()
            ctype = r.getheader("Content-Type") or ""
            cookie = r.getheader("Set-Cookie")
            conn.close()
            if cookie and auth:
                self.cookie = cookie.split(";")[0]
            return Answer(method, path, headers, shown, r.status, payload, ctype)
        except (OSError, http.client.HTTPException) as e:
            return Answer(method, path, headers, shown, 0, b"", "", f"{type(e).__name__}: {e}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, lines=30):
    try:
        with open(path, "rb") as f:
            text = f.read()[-32768:].decode("utf-8", "replace")
        return "\n".join(text.splitlines()[-lines:])
    except OSError:
        return ""


class Server:
    """One run of the project's server, its log, and how to stop it."""

    def __init__(self, command, cwd, env, log_path, port):
        self.port, self.log_path = port, log_path
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.offset = 0

    def wait_ready(self, timeout, path="/"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return f"exited with status {self.proc.returncode}"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return None
            except OSError:
                time.sleep(0.05)
        return f"did not listen on port {self.port} within {timeout:g} s"

    def new_log(self):
        """What the server logged since the last call."""
        try:
            with open(self.log_path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
                self.offset += len(data)
            return data.decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self, grace=3.0):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(grace)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            self.proc.wait(3)
        except subprocess.TimeoutExpired:
            pass
        self.log.close()


def pg_tool(name):
    """A PostgreSQL program: on PATH, or where Debian puts it (/usr/lib/postgresql/N/bin)."""
    found = shutil.which(name)
    if found:
        return found
    import glob
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


class Postgres:
    """A throw-away PostgreSQL cluster in the work folder, on the sandbox's own loopback."""

    def __init__(self, work):
        self.dir = os.path.join(work, "pg")
        self.port = free_port()
        self.url = None
        self.problem = None

    def start(self):
        if os.geteuid() == 0:
            self.problem = "PostgreSQL refuses to run as root (the review runs without bubblewrap here)"
            return False
        initdb, pg_ctl = pg_tool("initdb"), pg_tool("pg_ctl")
        if not initdb or not pg_ctl:
            self.problem = "PostgreSQL (initdb, pg_ctl) is not installed; run scripts/setup-machine"
            return False
        shutil.rmtree(self.dir, ignore_errors=True)
        r = subprocess.run([initdb, "-D", self.dir, "-A", "trust", "-U", "app", "-N", "-E", "UTF8"], capture_output=True, text=True)
        if r.returncode != 0:
            self.problem = "initdb failed: " + r.stderr.strip()[-300:]
            return False
        r = subprocess.run([pg_ctl, "start", "-D", self.dir, "-w", "-t", "30", "-l", os.path.join(self.dir, "log"), "-o",
                            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"], capture_output=True, text=True)
        if r.returncode != 0:
            self.problem = "PostgreSQL did not start: " + (r.stderr.strip() or tail(os.path.join(self.dir, "log"), 5))[-300:]
            return False
        import importlib.util
        extras = os.environ.get("SCULPT_REVIEW_EXTRAS")
        if extras and extras not in sys.path:
            sys.path.append(extras)
        driver = "+psycopg2" if importlib.util.find_spec("psycopg2") else "+psycopg" if importlib.util.find_spec("psycopg") else ""
        self.url = f"postgresql{driver}://app@127.0.0.1:{self.port}/postgres"
        return True

    def stop(self):
        pg_ctl = pg_tool("pg_ctl")
        if pg_ctl and os.path.exists(os.path.join(self.dir, "postmaster.pid")):
            subprocess.run([pg_ctl, "-D", self.dir, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- sample bodies -----------------------

class Samples:
    def __init__(self):
        self.n = 0

    def fresh(self):
        self.n += 1
        return f"{uuid.uuid4().hex[:6]}{self.n}"

    def value(self, field, schema=None):
        name = field["name"]
        schema = schema or {}
        t = schema.get("type") or field.get("type") or "str"
        if isinstance(t, list):
            t = next((x for x in t if x != "null"), "string")
        if schema.get("enum"):
            return schema["enum"][0]
        if t in ("integer", "int"):
            return max(1, int(schema.get("minimum", 1)))
        if t in ("number", "float"):
            return max(1.5, float(schema.get("minimum", 1.5)))
        if t in ("boolean", "bool"):
            return True
        if t in ("array", "list", "List"):
            return []
        lname = name.lower()
        if PASSWORD.match(name) or "password" in lname:
            v = "Sculpt-Review-9x!"
        elif "mail" in lname or schema.get("format") == "email":
            v = f"r{self.fresh()}@example.com"
        elif "phone" in lname or "mobile" in lname:
            v = "1380013" + str(1000 + self.n)[-4:]
        elif "url" in lname or schema.get("format") == "uri":
            v = "https://example.com/" + self.fresh()
        elif schema.get("format") == "date":
            v = "2024-05-06"
        elif schema.get("format") == "date-time":
            v = "2024-05-06T07:08:09Z"
        else:
            v = "rv" + self.fresh()
        lo, hi = schema.get("minLength"), schema.get("maxLength")
        if lo and len(v) < lo:
            v = v + "x" * (lo - len(v))
        if hi and len(v) > hi:
            v = v[-hi:] if "@" not in v else v
        return v


# ---------------------------------------------------------------- the probes --------------------------

class Probe:
    def __init__(self, args, facts):
        self.args, self.facts = args, facts
        self.findings = []
        self.notes = []
        self.samples = Samples()
        self.seen_routes = []
        self.root = os.path.abspath(args.root)
        self.work = os.path.abspath(args.work)
        self.site = os.path.join(self.work, "site")
        os.makedirs(self.site, exist_ok=True)
        with open(os.path.join(self.site, "sitecustomize.py"), "w") as f:
            f.write(SITECUSTOMIZE)
        self.engines_log = os.path.join(self.work, "engines.jsonl")
        self.server = None
        self.client = None
        self.db_file = None
        self.manifest = None
        self.openapi = None
        if args.manifest:
            with open(os.path.join(self.root, "sculpt.json"), encoding="utf-8") as f:
                self.manifest = json.load(f)["backend"]
        # A Sculpt project's spec says which fields are unique (a second create must answer 409).
        self.spec_unique = {}
        try:
            with open(os.path.join(self.root, "spec.json"), encoding="utf-8") as f:
                for e in json.load(f).get("entities", []):
                    self.spec_unique[e.get("name", "")] = {x["name"] for x in e.get("fields", []) if x.get("unique")}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        op = os.path.join(self.root, "openapi.json")
        if os.path.exists(op):
            try:
                with open(op, encoding="utf-8") as f:
                    self.openapi = json.load(f)
            except ValueError:
                pass

    # ---- findings

    def find(self, rule, evidence=None, where=None, **args):
        where = where or {}
        key = (rule, args.get("route", ""), args.get("field", ""))
        for f in self.findings:
            if (f["rule"], f["args"].get("route", ""), f["args"].get("field", "")) == key:
                if evidence and len(f["evidence"]) < 3:
                    f["evidence"].append(evidence)
                return
        self.findings.append({"rule": rule, "file": where.get("file"), "line": where.get("line"), "column": 1,
                              "args": {k: str(v) for k, v in args.items()}, "evidence": [evidence] if evidence else [],
                              "source": "probe"})

    # ---- starting

    def env(self, db_url, port):
        env = {k: v for k, v in os.environ.items() if not k.startswith("SCULPT_REVIEW")}
        env.update({"HOST": "127.0.0.1", "PORT": str(port), "DATABASE_URL": db_url, "SECRET_KEY": uuid.uuid4().hex + uuid.uuid4().hex,
                    "PYTHONUNBUFFERED": "1", "SCULPT_REVIEW_ENGINES": self.engines_log,
                    "SCULPT_REVIEW_ROUTES": os.path.join(self.work, "routes.json")})
        paths = [self.site] + [p for p in (os.environ.get("SCULPT_REVIEW_EXTRAS"), env.get("PYTHONPATH")) if p]
        env["PYTHONPATH"] = os.pathsep.join(paths)
        if not self.manifest or db_url.startswith("sqlite"):
            env["SCULPT_REVIEW_DB"] = db_url
        if not self.manifest:
            # Someone else's app: whatever database it names, it gets the review's own.
            env["SCULPT_REVIEW_DB_ALL"] = "1"
        return env

    def app_entry(self):
        apps = self.facts.get("apps", [])
        preferred = [a for a in apps if a.get("name")] + [a for a in apps if a.get("factory")]
        return preferred[0] if preferred else None

    def start(self, db_url, create_tables=False, label="server"):
        if self.server:
            self.server.stop()
        port = free_port()
        log = os.path.join(self.work, f"{label}.log")
        env = self.env(db_url, port)
        if self.manifest and self.args.start:
            # The command Sculpt prepared as `sculpt check` runs it (a cached environment, a built binary).
            cwd = os.path.join(self.root, self.manifest.get("dir", "."))
            command = json.loads(self.args.start)
        elif self.manifest:
            cwd = os.path.join(self.root, self.manifest.get("dir", "."))
            command = list(self.manifest["start"])
            # The manifest's `.venv/bin/...` is the environment this script runs in (Sculpt's cache,
            # run by path) unless the project has a real one of its own.
            if command and command[0].startswith((".venv/bin/", "./.venv/bin/")) \
                    and not os.path.exists(os.path.join(cwd, command[0])):
                command[0] = os.path.join(os.path.dirname(sys.executable), command[0].rsplit("/", 1)[1])
        else:
            entry = self.app_entry()
            if entry is None:
                return "no Flask or FastAPI app object was found"
            base = self.root if os.path.isdir(self.root) else os.path.dirname(self.root)
            cwd = base
            command = [sys.executable, "-c", LAUNCHER, base, entry["module"], entry.get("name") or "", entry.get("factory") or "",
                       entry["kind"], str(port), "1" if create_tables else "0"]
        self.server = Server(command, cwd, env, log, port)
        forms = self.client.form_paths if self.client is not None else set()
        self.client = Client(port)
        self.client.form_paths = forms
        problem = self.server.wait_ready(self.args.start_timeout)
        if problem:
            # One line for the report (the error, and where in the project it was raised); the log's
            # tail goes to the notes.
            text = tail(log, 30)
            self.notes.append("server log: " + " | ".join(l.strip() for l in text.splitlines()[-8:] if l.strip()))
            lines = [l.strip() for l in text.splitlines() if l.strip()]
            places = re.findall(r'File "([^"]+)", line (\d+)', text)
            ours = [(f, n) for f, n in places if f.startswith(self.root) or (self.manifest and f.startswith(cwd))]
            where = ""
            if ours:
                f, n = ours[-1]
                base = self.root if os.path.isdir(self.root) else os.path.dirname(self.root)
                where = f" ({os.path.relpath(f, base)}, line {n})"
            return f"the server {problem}" + (f": {lines[-1][:300]}{where}" if lines else "")
        if self.manifest:
            health = self.manifest.get("health", "/health")
            deadline = time.monotonic() + self.args.start_timeout
            while time.monotonic() < deadline:
                if self.client.call("GET", health, auth=False).status == 200:
                    break
                time.sleep(0.1)
        return None

    # ---- routes

    def routes(self):
        """Routes with a JSON body to probe: from openapi.json when the project has one, else the analysis."""
        out = []
        doc = self.openapi
        if doc is None and self.client is not None and self.facts.get("framework") == "fastapi":
            a = self.client.call("GET", "/openapi.json", auth=False)
            if a.status == 200 and isinstance(a.json, dict):
                doc = a.json
        if doc:
            comps = (doc.get("components") or {}).get("schemas") or {}

            def resolve(s):
                while isinstance(s, dict) and "$ref" in s:
                    s = comps.get(s["$ref"].split("/")[-1], {})
                if isinstance(s, dict) and "allOf" in s and len(s["allOf"]) == 1:
                    return resolve(s["allOf"][0])
                return s or {}
            for path, item in (doc.get("paths") or {}).items():
                for method, op in item.items():
                    if method.upper() not in ("POST", "PUT", "PATCH") or not isinstance(op, dict):
                        continue
                    content = ((op.get("requestBody") or {}).get("content") or {}).get("application/json")
                    if not content:
                        continue
                    schema = resolve(content.get("schema", {}))
                    props = schema.get("properties") or {}
                    required = set(schema.get("required") or [])
                    fields = [{"name": k, "required": k in required, "type": (resolve(v).get("type") or "string"), "schema": resolve(v)}
                              for k, v in props.items()]
                    secured = bool(op.get("security")) if "security" in op else bool(doc.get("security"))
                    unique = self.spec_unique.get(op.get("x-sculpt-entity") or "", set())
                    out.append({"path": path, "method": method.upper(), "fields": fields, "file": None, "line": None,
                                "unique": [k for k in props if k in unique] if method.upper() == "POST" else [], "secured": secured,
                                "action": op.get("x-sculpt-action", "")})
            if out:
                return out
        for r in self.facts.get("routes", []):
            for method in r["methods"]:
                if method in ("POST", "PUT", "PATCH") and r.get("fields"):
                    out.append({"path": r["path"], "method": method, "fields": r["fields"], "file": r["file"], "line": r["line"],
                                "unique": self.unique_fields(r["fields"]), "secured": False, "action": "",
                                "form": r.get("bodyFrom") == "form"})
                    if r.get("bodyFrom") == "form" and self.client is not None:
                        self.client.form_paths.add(r["path"])
        # The running app's own URL map (Flask): routes the analysis could not see still get the body probes.
        try:
            with open(os.path.join(self.work, "routes.json")) as f:
                live = json.load(f)
        except (OSError, ValueError):
            live = []
        known = {(r["path"], r["method"]) for r in out}
        for r in live:
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", r["path"])
            for method in r["methods"]:
                if method in ("POST", "PUT", "PATCH") and (path, method) not in known and (r["path"], method) not in known:
                    out.append({"path": path, "method": method, "fields": [], "file": None, "line": None,
                                "unique": [], "secured": False, "action": ""})
        return out

    def unique_fields(self, fields):
        names = {f["name"] for f in fields}
        unique = []
        for model in self.facts.get("models", []):
            for c in model["columns"]:
                if c.get("unique") and c["name"] in names and c["name"] not in unique:
                    unique.append(c["name"])
        return unique

    def valid_body(self, route, **overrides):
        body = {}
        for f in route["fields"]:
            if f.get("required", True) or f["name"] in overrides:
                body[f["name"]] = self.samples.value(f, f.get("schema"))
        body.update(overrides)
        return body

    def is_register(self, route):
        names = [f["name"] for f in route["fields"]]
        return route["method"] == "POST" and any(PASSWORD.match(n) for n in names) and (
            REGISTER_PATH.search(route["path"]) or route.get("action") == "register" or not LOGIN_PATH.search(route["path"]))

    def is_login(self, route):
        names = [f["name"] for f in route["fields"]]
        return route["method"] == "POST" and any(PASSWORD.match(n) for n in names) and (
            LOGIN_PATH.search(route["path"]) or route.get("action") == "login") and not self.is_register(route)

    def where(self, route):
        return {"file": route.get("file"), "line": route.get("line")}

    # ---- the probe run

    def timed(self, name, fn, *a):
        t = time.monotonic()
        fn(*a)
        self.timings[name] = round(self.timings.get(name, 0) + time.monotonic() - t, 2)

    def run(self):
        self.timings = {}
        sqlite_db = os.path.join(self.work, "review.db")
        self.db_file = sqlite_db
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(sqlite_db + suffix):
                os.remove(sqlite_db + suffix)
        self.pg = None
        if self.args.postgres and self.facts.get("sqlalchemy"):
            # The cluster starts while the SQLite probes run.
            self.pg = Postgres(self.work)
            self.pg_thread = threading.Thread(target=self.pg.start, daemon=True)
            self.pg_thread.start()
        problem = self.start("sqlite:///" + sqlite_db, create_tables=False)
        if problem:
            self.start_problem = problem
            return self.output()
        routes = self.routes()
        self.seen_routes = [{"path": r["path"], "method": r["method"], "fields": [f["name"] for f in r["fields"]]} for r in routes]
        self.notes.append(f"probed {len(routes)} route(s) with a JSON body on the running app")
        # Tables only under __main__: the first valid create as a production server would see it.
        creates = [r for r in routes if r["method"] == "POST"]
        if creates and not self.manifest:
            r = creates[0]
            a = self.client.call("POST", r["path"], self.valid_body(r))
            log = self.server.new_log()
            if a.status >= 500 and NO_TABLE.search(log + a.text):
                line = NO_TABLE.search(log + a.text).group(0)
                ev = a.evidence(f"server log: {line}")
                where = next(({"file": c["file"], "line": c["line"]} for c in self.facts.get("createAll", [])), None)
                self.find("tables-created-under-main", ev, where=where)
                self.notes.append("restarted with the tables created, to probe further")
                problem = self.start("sqlite:///" + sqlite_db, create_tables=True)
                if problem:
                    self.start_problem = "restarted with the tables created, " + problem
                    return self.output()
        self.timed("tokens", self.tokens, routes)
        for r in routes:
            self.timed("bodies", self.body_probes, r)
        for r in routes:
            if r["method"] == "POST" and (r["unique"] or self.is_register(r)):
                self.timed("duplicate", self.duplicate, r)
                self.timed("race", self.race, r)
        self.timed("accounts", self.account_probes, routes)
        self.timed("rate", self.rate_limits, routes)
        self.server.stop()
        self.server = None
        self.database_url_probe()
        # The run of the `__main__` block and the PostgreSQL run are independent (ports of their own):
        # side by side they cost the longer of the two.
        main = threading.Thread(target=self.timed, args=("main", self.debug_run), daemon=True)
        main.start()
        if self.pg is not None:
            self.timed("postgres", self.postgres, routes)
        main.join(self.args.start_timeout + 30)
        return self.output()

    def tokens(self, routes):
        """Signs up and in (when the app has accounts) so secured routes can be probed as a user."""
        reg = next((r for r in routes if self.is_register(r)), None)
        login = next((r for r in routes if self.is_login(r)), None)
        if not reg:
            return
        body = self.valid_body(reg)
        self.account = body
        a = self.client.call("POST", reg["path"], body)
        self.check_answer_secrets(a, reg)
        if login:
            lb = {k: v for k, v in body.items() if k in [f["name"] for f in login["fields"]]}
            b = self.client.call("POST", login["path"], lb)
            self.check_answer_secrets(b, login)
            if isinstance(b.json, dict):
                found = [v for k, v in b.json.items() if k.lower() in ("access_token", "token", "jwt", "id_token", "auth_token") and isinstance(v, str)]
                found += [v for k, v in b.json.items() if "token" in k.lower() and "type" not in k.lower() and isinstance(v, str) and len(v) > 16]
                if found:
                    self.client.token = found[0]

    def check_answer_secrets(self, a, route):
        if not isinstance(a.json, (dict, list)):
            if HASH_SHAPES.search(a.text):
                self.find("secret-in-response", a.evidence("the answer holds a password hash"), where=self.where(route), route=route["path"])
            return
        def walk(v):
            if isinstance(v, dict):
                for k, x in v.items():
                    if SECRET_KEYS.match(str(k)) and x not in (None, "", False):
                        return k
                    w = walk(x)
                    if w:
                        return w
            elif isinstance(v, list):
                for x in v:
                    w = walk(x)
                    if w:
                        return w
            elif isinstance(v, str) and HASH_SHAPES.search(v):
                return "(a password hash)"
            return None
        k = walk(a.json)
        if k:
            self.find("secret-in-response", a.evidence(f"the answer carries {k}"), where=self.where(route), route=route["path"])

    def server_error(self, a):
        if a.status >= 500 and ("Traceback (most recent call last)" in a.text or re.search(r'File "[^"]+\.py", line \d+', a.text)):
            self.find("error-details-exposed", a.evidence("the error answer carries a Python traceback"), route=a.path)
        return a.status >= 500 or a.status == 0

    def body_probes(self, r):
        path, method = r["path"], r["method"]
        if "{" in path or "<" in path:
            path = re.sub(r"\{[^}]+\}|<[^>]+>", "1", path)
        for raw, ctype, what in [("username=a&password=b", "application/x-www-form-urlencoded", "a form body"),
                                 ("not json", "text/plain", "a plain-text body"),
                                 ('{"broken": ', "application/json", "malformed JSON"),
                                 ("[1, 2]", "application/json", "a JSON array"),
                                 ('"text"', "application/json", "a JSON string"),
                                 ("null", "application/json", "JSON null")]:
            a = self.client.call(method, path, raw=raw, content_type=ctype)
            if self.server_error(a):
                self.find("invalid-body-crash", a.evidence(f"{what} answered {a.status or 'no answer'}"), where=self.where(r), route=path)
        for f in r["fields"]:
            if not f.get("required", True):
                continue
            body = self.valid_body(r)
            body.pop(f["name"], None)
            a = self.client.call(method, path, body)
            if self.server_error(a):
                self.find("missing-field", a.evidence(f"without {f['name']!r} the server failed"), where=self.where(r), route=path, field=f["name"])
            elif 200 <= a.status < 300 and method == "POST":
                nulls = self.null_stored(f["name"])
                if nulls:
                    self.find("missing-field", a.evidence(f"without {f['name']!r} the request succeeded and {nulls} holds NULL"),
                              where=self.where(r), route=path, field=f["name"])
            for wrong in (12345, ["x"], {"a": 1}):
                if (f.get("type") or "str") in ("integer", "number", "int", "float") and isinstance(wrong, int):
                    continue
                body = self.valid_body(r)
                body[f["name"]] = wrong
                a = self.client.call(method, path, body)
                if self.server_error(a):
                    self.find("invalid-body-crash", a.evidence(f"{f['name']!r} as {type(wrong).__name__} answered {a.status or 'no answer'}"),
                              where=self.where(r), route=path)
                    break
        # A field the route does not know.
        body = self.valid_body(r)
        body["sculpt_unexpected"] = 1
        a = self.client.call(method, path, body)
        if self.server_error(a):
            self.find("invalid-body-crash", a.evidence(f"an unexpected field answered {a.status or 'no answer'}"), where=self.where(r), route=path)
        # Oversized: 2 MB of JSON.
        body = self.valid_body(r)
        body["padding"] = "x" * (2 << 20)
        a = self.client.call(method, path, body, timeout=30)
        if 200 <= a.status < 300 or a.status >= 500:
            self.find("missing-body-size-limit", a.evidence(f"a 2 MB body answered {a.status}, not 413"), where=self.where(r), route=path)
        # Injection strings in every text field.
        for f in r["fields"]:
            # Passwords are hashed before any SQL sees them; other text fields get a quote.
            if (f.get("type") or "str") not in ("str", "string") or PASSWORD.match(f["name"]):
                continue
            for inj in INJECTIONS[:1]:
                body = self.valid_body(r)
                body[f["name"]] = inj
                a = self.client.call(method, path, body)
                log = self.server.new_log()
                if self.server_error(a) and SQL_ERROR.search(log + a.text):
                    self.find("sql-injection", a.evidence("the database rejected the SQL the input made: " + SQL_ERROR.search(log + a.text).group(0)),
                              where=self.where(r), route=path)
        self.server.new_log()

    def null_stored(self, field):
        """'table.column' when the review's SQLite database holds a NULL in a column named `field`."""
        if not self.db_file or not os.path.exists(self.db_file):
            return None
        try:
            con = sqlite3.connect(self.db_file, timeout=5)
            tables = [t for (t,) in con.execute("select name from sqlite_master where type='table'")]
            for t in tables:
                cols = [c[1] for c in con.execute(f'pragma table_info("{t}")')]
                if field in cols and con.execute(f'select count(*) from "{t}" where "{field}" is null').fetchone()[0]:
                    con.close()
                    return f"{t}.{field}"
            con.close()
        except sqlite3.Error:
            return None
        return None

    def duplicate(self, r):
        body = self.valid_body(r)
        first = self.client.call("POST", r["path"], body)
        if not (200 <= first.status < 300):
            return
        second = self.client.call("POST", r["path"], body)
        if second.status == 409 and isinstance(second.json, dict):
            return
        if r.get("form") and second.status < 500:
            return  # an HTML form answers with a page; only a server error is wrong there
        if second.status in (400, 409, 422) and isinstance(second.json, dict):
            return
        what = (f"the same create twice answered {first.status} then {second.status}"
                + ("" if isinstance(second.json, (dict, list)) else f" ({second.ctype or 'no content type'}, not a JSON error)"))
        self.find("duplicate-not-409", second.evidence(what), where=self.where(r), route=r["path"])

    def race(self, r):
        for _ in range(2):
            body = self.valid_body(r)
            answers = [None] * 8
            barrier = threading.Barrier(8)

            def go(i):
                try:
                    barrier.wait(5)
                except threading.BrokenBarrierError:
                    pass
                answers[i] = self.client.call("POST", r["path"], body, auth=True)
            threads = [threading.Thread(target=go, args=(i,)) for i in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            answers = [a for a in answers if a is not None]
            ok = [a for a in answers if 200 <= a.status < 300]
            bad = [a for a in answers if self.server_error(a)]
            if bad or len(ok) > 1:
                codes = ", ".join(str(a.status) for a in answers)
                ev = (bad[0] if bad else ok[1]).evidence(f"8 identical creates at once answered {codes}")
                self.find("race-duplicate", ev, where=self.where(r), route=r["path"], created=len(ok), failed=len(bad))
                return

    def account_probes(self, routes):
        reg = next((r for r in routes if self.is_register(r)), None)
        login = next((r for r in routes if self.is_login(r)), None)
        if reg:
            pw = next(f["name"] for f in reg["fields"] if PASSWORD.match(f["name"]))
            body = self.valid_body(reg)
            body[pw] = "1"
            a = self.client.call("POST", reg["path"], body)
            if 200 <= a.status < 300 or reg.get("form") and 300 <= a.status < 400:
                self.find("weak-password-accepted", a.evidence("a one-character password was accepted"), where=self.where(reg), route=reg["path"])
            body = self.valid_body(reg)
            secret = "Plain-" + uuid.uuid4().hex[:10]
            body[pw] = secret
            a = self.client.call("POST", reg["path"], body)
            self.check_answer_secrets(a, reg)
            if (200 <= a.status < 400) and self.db_file and os.path.exists(self.db_file):
                try:
                    with open(self.db_file, "rb") as f:
                        data = f.read()
                    for extra in ("-wal",):
                        if os.path.exists(self.db_file + extra):
                            with open(self.db_file + extra, "rb") as f:
                                data += f.read()
                    if secret.encode() in data:
                        self.find("plaintext-password", a.evidence(f"the password {secret!r} is in the database file as sent"),
                                  where=self.where(reg), route=reg["path"], field=pw)
                except OSError:
                    pass
        if login and reg:
            body = self.valid_body(reg)
            self.client.call("POST", reg["path"], body)
            names = [f["name"] for f in login["fields"]]
            pw = next(n for n in names if PASSWORD.match(n))
            lb = {k: v for k, v in body.items() if k in names}
            lb[pw] = "wrong-" + uuid.uuid4().hex[:8]
            a = self.client.call("POST", login["path"], lb, auth=False)
            if 200 <= a.status < 300:
                self.find("auth-bypass", a.evidence("a wrong password signed in"), where=self.where(login), route=login["path"])
            elif self.server_error(a):
                self.find("invalid-body-crash", a.evidence("a wrong password made the server fail"), where=self.where(login), route=login["path"])
            for inj in INJECTIONS:
                lb2 = {k: inj for k in lb}
                a = self.client.call("POST", login["path"], lb2, auth=False)
                log = self.server.new_log()
                if 200 <= a.status < 300:
                    self.find("auth-bypass", a.evidence("an injection string signed in"), where=self.where(login), route=login["path"])
                elif self.server_error(a) and SQL_ERROR.search(log + a.text):
                    self.find("sql-injection", a.evidence("the database rejected the SQL the input made"), where=self.where(login), route=login["path"])

    def rate_limits(self, routes):
        """A burst of sign-ups or logins from one client address. First cheap attempts (an empty body:
        most limiters count every request, and refusing it costs the app nothing); when none is refused
        at login, attempts with a wrong password (a limiter may count only failed sign-ins, and each
        costs a password hash, so fewer of them)."""
        for r in routes:
            kind = "sign-up" if self.is_register(r) else "login" if self.is_login(r) else None
            if not kind:
                continue
            self.client.pinned = Client.fresh_address() if Client._rotate[0] else None
            try:
                answers = []
                t = time.monotonic()
                for i in range(self.BURST):
                    answers.append(self.client.call("POST", r["path"], {}, auth=False))
                    if answers[-1].status in (429, 0):
                        break
                if kind == "login" and not any(a.status == 429 for a in answers):
                    for i in range(12):
                        body = {f["name"]: ("rate-" + uuid.uuid4().hex[:6] if PASSWORD.match(f["name"]) else self.samples.value(f, f.get("schema")))
                                for f in r["fields"] if f.get("required", True)}
                        answers.append(self.client.call("POST", r["path"], body, auth=False))
                        if answers[-1].status == 429:
                            break
            finally:
                self.client.pinned = None
            if not any(a.status == 429 for a in answers):
                codes = sorted({a.status for a in answers})
                self.find("no-rate-limit", answers[-1].evidence(
                    f"{len(answers)} {kind} attempts from one address in {time.monotonic() - t:.1f} s, none refused with 429 (answers: {codes})"),
                          where=self.where(r), route=r["path"], kind=kind)

    # Cheap attempts in a burst: above the generous limits apps set so that people who mistype and
    # test suites never meet them (Sculpt's own: 100 a minute), far above the usual 5 or 10.
    BURST = 120

    def database_url_probe(self):
        """The URL each engine asked for, from the sitecustomize log: a file path in the source shows here."""
        try:
            with open(self.engines_log) as f:
                asked = [json.loads(line)["asked"] for line in f if line.strip()]
        except (OSError, ValueError):
            return
        for url in asked:
            if os.environ.get("DATABASE_URL") and url == os.environ.get("DATABASE_URL"):
                continue
        self.engines = sorted(set(asked))

    def postgres(self, routes):
        pg = self.pg
        self.pg_thread.join(60)
        if pg.url is None:
            self.notes.append("PostgreSQL run skipped: " + (pg.problem or "the cluster did not start within 60 s"))
            pg.stop()
            return
        try:
            self.db_file = None
            problem = self.start(pg.url, create_tables=not self.manifest, label="postgres")
            if problem:
                self.notes.append("PostgreSQL run: " + problem)
                return
            self.notes.append("ran the app against a throw-away PostgreSQL 15 cluster")
            for r in [r for r in routes if r["method"] == "POST"]:
                a = self.client.call("POST", r["path"], self.valid_body(r))
                log = self.server.new_log()
                if self.server_error(a):
                    m = TOO_LONG.search(log + a.text)
                    note = "on PostgreSQL: " + (m.group(0).strip() if m else (log.strip().splitlines() or ["server error"])[-1][:200])
                    if m:
                        self.find("hash-longer-than-column", a.evidence(note), where=self.where(r), route=r["path"])
                    else:
                        self.find("postgres-failure", a.evidence(note), where=self.where(r), route=r["path"])
        finally:
            if self.server:
                self.server.stop()
                self.server = None
            pg.stop()

    def debug_run(self):
        """Starts the app the way its own `__main__` block does, to see the debugger and the bind address."""
        runs = [c for c in self.facts.get("runCalls", []) if c.get("underMain") and (c.get("debug") or c.get("host") in ("0.0.0.0", "::"))]
        if not runs or self.manifest:
            return
        if not self.args.isolated:
            self.notes.append("the __main__ block was not started: without bubblewrap it would listen on the host's network")
            return
        c = runs[0]
        port = c.get("port") or (5000 if self.facts.get("framework") == "flask" else 8000)
        base = self.root if os.path.isdir(self.root) else os.path.dirname(self.root)
        env = self.env("sqlite:///" + os.path.join(self.work, "debug.db"), port)
        env.pop("PORT", None)
        env.pop("HOST", None)
        log = os.path.join(self.work, "main.log")
        server = Server([sys.executable, c["file"]], base, env, log, port)
        try:
            problem = server.wait_ready(self.args.start_timeout)
            if problem:
                self.notes.append(f"python {c['file']} (its __main__ block): {problem}")
                return
            self.notes.append(f"started python {c['file']} as its __main__ block does, on port {port}")
            if c.get("debug"):
                a = Client(port).call("GET", "/console", auth=False)
                if a.status == 200 and re.search(r"(?i)werkzeug|debugger|console", a.text):
                    a.payload = a.payload[:300]
                    self.find("debug-mode", a.evidence("the Werkzeug debugger's console answers: code execution for anyone who can reach it"),
                              where={"file": c["file"], "line": c["line"]})
            listening = self.listening(port)
            if listening:
                self.find("bind-all-interfaces", {"note": f"the server listens on {listening}:{port}, every network interface"},
                          where={"file": c["file"], "line": c["line"]})
        finally:
            t = time.monotonic()
            server.stop(grace=0.5)
            self.timings["main-stop"] = round(time.monotonic() - t, 2)

    @staticmethod
    def listening(port):
        for name, wildcard in (("/proc/net/tcp", "00000000"), ("/proc/net/tcp6", "00000000000000000000000000000000")):
            try:
                with open(name) as f:
                    for line in f.readlines()[1:]:
                        parts = line.split()
                        addr, p = parts[1].split(":")
                        if int(p, 16) == port and parts[3] == "0A" and addr == wildcard:
                            return "0.0.0.0" if name.endswith("tcp") else "[::]"
            except OSError:
                pass
        return None

    def output(self):
        if self.server:
            self.server.stop()
        if getattr(self, "pg", None) is not None:
            self.pg.stop()
        out = {"findings": self.findings, "routes": self.seen_routes, "notes": self.notes, "timings": getattr(self, "timings", {}),
               "engines": getattr(self, "engines", [])}
        if getattr(self, "start_problem", None):
            out["startProblem"] = self.start_problem
        return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="mode", required=True)
    r = sub.add_parser("run")
    r.add_argument("--root", required=True)
    r.add_argument("--facts", required=True)
    r.add_argument("--work", required=True)
    r.add_argument("--out")
    r.add_argument("--manifest", action="store_true")
    r.add_argument("--start", help="with --manifest: the start command as a JSON list, instead of the manifest's")
    r.add_argument("--postgres", action="store_true")
    r.add_argument("--isolated", action="store_true", help="the sandbox has its own network namespace")
    r.add_argument("--start-timeout", type=float, default=30)
    args = p.parse_args()
    with open(args.facts, encoding="utf-8") as f:
        facts = json.load(f)["facts"]
    probe = Probe(args, facts)
    try:
        out = probe.run()
    except Exception as e:  # a probe bug must not lose what was found so far
        out = probe.output()
        out["notes"].append(f"the probes stopped early: {type(e).__name__}: {e}")
    text = json.dumps(out, ensure_ascii=False) + "\n"
    if args.out:
        with open(args.out + ".part", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(args.out + ".part", args.out)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()

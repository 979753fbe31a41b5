#!/usr/bin/env python3
"""Sculpt review, static part: understand a Flask or FastAPI project with Python's own `ast`.

Sculpt ships this file and runs it inside its sandbox; it never imports or runs the project's code.
Standard library only, any Python 3.8+.

  analyze.py ROOT [--out FILE]

ROOT is the project folder (or a copy of it). The output is one JSON document:
  facts:    framework, app objects, routes (path, methods, fields read, file, line), models and their
            columns (type, length, unique), settings found, how the app would be started
  findings: rule id, file (relative to ROOT), line, column, args (filled into the rule's message)
The rules themselves (descriptions, help, severity, CWE) live in rules.json beside this file.
"""
import argparse
import ast
import json
import os
import re
import sys

SKIP_DIRS = {".venv", "venv", "env", ".env", "site-packages", "node_modules", "__pycache__", ".git", ".build",
             "build", "dist", ".tox", ".mypy_cache", ".pytest_cache", "migrations", "alembic", "frontend"}
PASSWORD_NAME = re.compile(r"(?i)(^|_)(password|passwd|pwd|pass)($|_)")
HASHED_NAME = re.compile(r"(?i)hash|digest|encrypted|crypt")
SECRET_NAME = re.compile(r"(?i)(secret|api_?key|private_?key|token_?key|jwt_?key|signing_?key|^password$)")
DB_URL = re.compile(r"^(sqlite|postgres(ql)?|mysql|mariadb|oracle|mssql)(\+\w+)?://", re.I)
URL_PASSWORD = re.compile(r"://[^/:@\s]+:([^@\s]+)@")
WEAK_DIGESTS = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s", "sha3_256", "sha3_512"}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
# How long each password hash is (characters), to compare with the column it is stored in.
HASH_LENGTHS = {"scrypt": 162, "pbkdf2": 102, "bcrypt": 60, "argon2": 97, "sha256_crypt": 77, "sha512_crypt": 120}


def is_test_file(rel):
    parts = rel.replace("\\", "/").split("/")
    name = parts[-1]
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py" or "tests" in parts[:-1] or "test" in parts[:-1]


def python_files(root):
    if os.path.isfile(root):
        return [(os.path.basename(root), root)]
    found = []
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for f in sorted(files):
            if f.endswith(".py"):
                full = os.path.join(here, f)
                rel = os.path.relpath(full, root)
                if not is_test_file(rel):
                    found.append((rel, full))
    return found


def dotted(node):
    """`a.b.c` for a Name/Attribute chain, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    if isinstance(node, ast.Call):
        inner = dotted(node.func)
        if inner:
            parts.append(inner + "()")
            return ".".join(reversed(parts))
    return None


def call_name(call):
    return dotted(call.func) or ""


def const_str(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def kwarg(call, name):
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return None


def is_true(node):
    return isinstance(node, ast.Constant) and node.value is True


def env_read(node):
    """True when `node` reads the environment (os.environ[...], os.getenv(...), os.environ.get(...))."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            n = call_name(sub)
            if n.endswith("getenv") or n.endswith("environ.get") or n.endswith("config.get") or n.endswith("settings.get"):
                return True
        if isinstance(sub, ast.Subscript) and (dotted(sub.value) or "").endswith("environ"):
            return True
        if isinstance(sub, ast.Attribute) and sub.attr in ("environ",):
            return True
    return False


def under_main(parents, node):
    """True when `node` sits inside `if __name__ == "__main__":`."""
    p = parents.get(node)
    while p is not None:
        if isinstance(p, ast.If):
            t = p.test
            if isinstance(t, ast.Compare) and isinstance(t.left, ast.Name) and t.left.id == "__name__":
                if any(const_str(c) == "__main__" for c in t.comparators):
                    return True
        p = parents.get(p)
    return False


def enclosing_function(parents, node):
    p = parents.get(node)
    while p is not None and not isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef)):
        p = parents.get(p)
    return p


class Module:
    def __init__(self, rel, full):
        self.rel, self.full = rel, full
        with open(full, "rb") as f:
            self.source = f.read().decode("utf-8", "replace")
        self.tree = ast.parse(self.source, filename=rel)
        self.parents = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.lines = self.source.splitlines()

    def snippet(self, line):
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1].strip()[:200]
        return ""


class Analyzer:
    def __init__(self, root):
        self.root = root
        self.modules = []
        self.errors = []
        for rel, full in python_files(root):
            try:
                self.modules.append(Module(rel, full))
            except (SyntaxError, ValueError) as e:
                self.errors.append({"file": rel, "line": getattr(e, "lineno", 1) or 1, "message": str(e)})
        self.findings = []
        self.facts = {"framework": None, "apps": [], "routes": [], "models": [], "sqlalchemy": False,
                      "createAll": [], "runCalls": [], "settings": {}, "sizeLimit": False, "rateLimit": False,
                      "files": [m.rel for m in self.modules], "imports": [], "parseErrors": self.errors, "language": "en"}

    def add(self, rule, mod, node, **args):
        line = getattr(node, "lineno", 1) if node is not None else 1
        col = getattr(node, "col_offset", 0) + 1 if node is not None else 1
        for f in self.findings:
            if f["rule"] == rule and f["file"] == mod.rel and f["line"] == line:
                return
        self.findings.append({"rule": rule, "file": mod.rel, "line": line, "column": col,
                              "snippet": mod.snippet(line), "args": {k: str(v) for k, v in args.items()}, "source": "static"})

    # ------------------------------------------------------------------ facts --------------------------

    def run(self):
        all_source = "\n".join(m.source for m in self.modules)
        if re.search(r"[\u4e00-\u9fff]", all_source):
            self.facts["language"] = "zh"
        self.facts["sizeLimit"] = bool(re.search(r"MAX_CONTENT_LENGTH|max_content_length|content-length|BodySizeLimit|max_body", all_source, re.I))
        self.facts["rateLimit"] = bool(re.search(r"flask_limiter|slowapi|RateLimit|rate_limit|ratelimit|429", all_source))
        for m in self.modules:
            self.imports(m)
        for m in self.modules:
            self.find_apps(m)
        for m in self.modules:
            self.find_models(m)
        for m in self.modules:
            self.find_routes(m)
            self.settings_rules(m)
            self.run_rules(m)
            self.password_rules(m)
            self.sql_rules(m)
            self.danger_rules(m)
        self.create_all_rule()
        self.size_limit_rule()
        return {"facts": self.facts, "findings": self.findings}

    def imports(self, m):
        for node in ast.walk(m.tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for n in names:
                top = n.split(".")[0]
                if node.__class__ is ast.Import or not getattr(node, "level", 0):
                    if top not in self.facts["imports"]:
                        self.facts["imports"].append(top)
                if top == "flask" and not self.facts["framework"]:
                    self.facts["framework"] = "flask"
                if top == "fastapi":
                    self.facts["framework"] = "fastapi"
                if top in ("sqlalchemy", "flask_sqlalchemy", "sqlmodel"):
                    self.facts["sqlalchemy"] = True

    def find_apps(self, m):
        for node in ast.walk(m.tree):
            if isinstance(node, ast.Call) and call_name(node).split(".")[-1] in ("Flask", "FastAPI"):
                kind = call_name(node).split(".")[-1].lower()
                parent = m.parents.get(node)
                name, factory = None, None
                if isinstance(parent, ast.Assign) and isinstance(parent.targets[0], ast.Name):
                    name = parent.targets[0].id
                fn = enclosing_function(m.parents, node)
                if fn is not None:
                    factory = fn.name
                module = m.rel[:-3].replace(os.sep, ".").replace("/", ".")
                self.facts["apps"].append({"kind": kind, "file": m.rel, "module": module, "name": name,
                                           "factory": factory, "line": node.lineno})
                if kind == "fastapi" and is_true(kwarg(node, "debug")):
                    self.add("debug-mode", m, node, where="FastAPI(debug=True)")

    def find_models(self, m):
        for node in ast.walk(m.tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = [dotted(b) or "" for b in node.bases]
            columns = []
            table = None
            for stmt in node.body:
                target, value = None, None
                if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                    target, value = stmt.targets[0].id, stmt.value
                elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                    target, value = stmt.target.id, stmt.value
                if target == "__tablename__" and const_str(value):
                    table = const_str(value)
                if target and isinstance(value, ast.Call) and call_name(value).split(".")[-1] in ("Column", "mapped_column", "Field"):
                    col = {"name": target, "type": None, "length": None, "unique": False, "primaryKey": False, "line": stmt.lineno}
                    for a in value.args:
                        t = a.func if isinstance(a, ast.Call) else a
                        tn = (dotted(t) or "").split(".")[-1]
                        if tn and tn[0].isupper() and tn not in ("ForeignKey",):
                            col["type"] = tn
                            if isinstance(a, ast.Call) and a.args and isinstance(a.args[0], ast.Constant) and isinstance(a.args[0].value, int):
                                col["length"] = a.args[0].value
                            lk = kwarg(a, "length") if isinstance(a, ast.Call) else None
                            if isinstance(lk, ast.Constant) and isinstance(lk.value, int):
                                col["length"] = lk.value
                    ml = kwarg(value, "max_length")
                    if isinstance(ml, ast.Constant) and isinstance(ml.value, int):
                        col["length"] = ml.value
                    col["unique"] = is_true(kwarg(value, "unique"))
                    col["primaryKey"] = is_true(kwarg(value, "primary_key"))
                    columns.append(col)
            is_model = any(b.endswith("Model") or b in ("Base", "DeclarativeBase", "SQLModel") or b.endswith(".Base") for b in bases) or table
            if is_model and columns:
                self.facts["models"].append({"name": node.name, "table": table or node.name.lower(), "file": m.rel,
                                             "line": node.lineno, "columns": columns})

    def column(self, model_name, field):
        for model in self.facts["models"]:
            if model_name is None or model["name"] == model_name:
                for c in model["columns"]:
                    if c["name"] == field:
                        return model, c
        return None, None

    def pydantic_fields(self, class_name):
        for m in self.modules:
            for node in ast.walk(m.tree):
                if isinstance(node, ast.ClassDef) and node.name == class_name:
                    out = []
                    for stmt in node.body:
                        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                            out.append({"name": stmt.target.id, "required": stmt.value is None,
                                        "type": (dotted(stmt.annotation) or "").split(".")[-1] or "str"})
                    return out
        return None

    def find_routes(self, m):
        for fn in ast.walk(m.tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for dec in fn.decorator_list:
                if not isinstance(dec, ast.Call) or not isinstance(dec.func, ast.Attribute):
                    continue
                verb = dec.func.attr
                if verb not in HTTP_METHODS and verb not in ("route", "api_route", "add_url_rule"):
                    continue
                path = const_str(dec.args[0]) if dec.args else const_str(kwarg(dec, "path") or kwarg(dec, "rule"))
                if path is None:
                    continue
                if verb in HTTP_METHODS:
                    methods = [verb.upper()]
                else:
                    methods = ["GET"]
                    mk = kwarg(dec, "methods")
                    if isinstance(mk, (ast.List, ast.Tuple, ast.Set)):
                        methods = [const_str(e).upper() for e in mk.elts if const_str(e)]
                prefix = ""
                owner = dotted(dec.func.value) or ""
                prefix = self.blueprint_prefix(owner, m)
                route = {"path": prefix + path, "methods": methods, "function": fn.name, "file": m.rel, "line": fn.lineno,
                         "fields": [], "bodyFrom": None, "checksExisting": False, "handlesIntegrity": False}
                self.route_body(m, fn, route)
                self.facts["routes"].append(route)

    def blueprint_prefix(self, owner, here):
        """The url_prefix of a Blueprint/APIRouter named `owner` (in this module), when it is given as a literal."""
        for m in [here]:
            for node in ast.walk(m.tree):
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id == owner \
                        and isinstance(node.value, ast.Call) and call_name(node.value).split(".")[-1] in ("Blueprint", "APIRouter"):
                    p = const_str(kwarg(node.value, "url_prefix") or kwarg(node.value, "prefix"))
                    return (p or "").rstrip("/")
        return ""

    def route_body(self, m, fn, route):
        body_vars = set()
        json_reads = []
        validated = False
        for node in ast.walk(fn):
            if isinstance(node, ast.Call):
                n = call_name(node)
                if n.endswith("isinstance") or n.endswith("validate") or n.endswith(".load") or n.endswith("model_validate") \
                        or n.endswith("parse_obj") or n.endswith("validate_json"):
                    validated = True
                if n.endswith("filter_by") or n.endswith("filter") or n.endswith("exists") or n.endswith("where"):
                    route["checksExisting"] = True
            if isinstance(node, ast.Name) and node.id == "IntegrityError" or isinstance(node, ast.Attribute) and node.attr == "IntegrityError":
                route["handlesIntegrity"] = True
            if isinstance(node, ast.Call) and call_name(node).split(".")[-1] in ("add", "commit", "insert", "create", "save"):
                route["writes"] = True
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                if self.is_body_source(node.value):
                    body_vars.add(node.targets[0].id)
                    route["bodyFrom"] = "json"
        for node in ast.walk(fn):
            field, source = None, None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
                owner = node.func.value
                if self.is_body_source(owner) or (isinstance(owner, ast.Name) and owner.id in body_vars):
                    field, source = const_str(node.args[0]), owner
            elif isinstance(node, ast.Subscript):
                owner = node.value
                key = node.slice if not isinstance(node.slice, ast.Index) else node.slice.value  # noqa: py3.8
                if self.is_body_source(owner) or (isinstance(owner, ast.Name) and owner.id in body_vars):
                    field, source = const_str(key), owner
            if field:
                if field not in [f["name"] for f in route["fields"]]:
                    route["fields"].append({"name": field, "required": True, "type": "str"})
                route["bodyFrom"] = route["bodyFrom"] or ("form" if "form" in (dotted(source) or "") else "json")
                if self.is_body_source(source) and "form" not in (dotted(source) or ""):
                    json_reads.append(node)
                elif isinstance(source, ast.Name):
                    json_reads.append(node)
        # FastAPI: a parameter annotated with a pydantic model is the body.
        for a in fn.args.args:
            ann = (dotted(a.annotation) or "").split(".")[-1] if a.annotation is not None else ""
            fields = self.pydantic_fields(ann) if ann and ann[0].isupper() else None
            if fields:
                route["fields"] = fields
                route["bodyFrom"] = "model"
                validated = True
        if route.get("writes") and route["checksExisting"] and not route["handlesIntegrity"] and "POST" in route["methods"]:
            self.add("check-then-insert", m, fn, route=route["path"])
        if json_reads and not validated:
            self.add("unvalidated-json-body", m, json_reads[0], route=route["path"])
        route["validated"] = validated

    @staticmethod
    def is_body_source(node):
        n = dotted(node) or ""
        return n in ("request.json", "request.get_json()", "request.form", "request.values", "flask.request.json") \
            or n.endswith("request.get_json()") or n.endswith("request.json")

    # ------------------------------------------------------------------ rules --------------------------

    def settings_rules(self, m):
        for node in ast.walk(m.tree):
            targets, value = [], None
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            elif isinstance(node, ast.Call) and call_name(node).endswith("config.update"):
                for k in node.keywords:
                    if k.arg:
                        self.setting(m, k.arg, k.value, k.value)
                for a in node.args:
                    if isinstance(a, ast.Dict):
                        for key, v in zip(a.keys, a.values):
                            if const_str(key):
                                self.setting(m, const_str(key), v, v)
                continue
            elif isinstance(node, ast.Dict):
                for key, v in zip(node.keys, node.values):
                    if const_str(key) and const_str(key).isupper():
                        self.setting(m, const_str(key), v, v)
                continue
            elif isinstance(node, ast.Call):
                n = call_name(node).split(".")[-1]
                if n in ("create_engine", "create_async_engine") and node.args:
                    url = const_str(node.args[0])
                    if url and DB_URL.match(url):
                        self.database_url(m, node, url)
                continue
            for t in targets:
                name = None
                if isinstance(t, ast.Name):
                    name = t.id
                elif isinstance(t, ast.Attribute):
                    name = t.attr
                    if name == "debug" and is_true(value):
                        self.add("debug-mode", m, node, where=dotted(t) + " = True")
                        continue
                elif isinstance(t, ast.Subscript):
                    key = t.slice if not isinstance(t.slice, ast.Index) else t.slice.value
                    name = const_str(key)
                if name:
                    self.setting(m, name, value, node)

    def setting(self, m, name, value, node):
        literal = const_str(value)
        upper = name.upper()
        if upper in ("SQLALCHEMY_DATABASE_URI", "DATABASE_URL", "DATABASE_URI", "DB_URL", "SQLALCHEMY_URL") or (literal and DB_URL.match(literal) and upper.endswith(("URL", "URI"))):
            self.facts["settings"][upper] = literal if literal else "(computed)"
            if literal and DB_URL.match(literal):
                self.database_url(m, node, literal)
            return
        if upper == "DEBUG" and is_true(value):
            self.add("debug-mode", m, node, where=f"{name} = True")
            return
        if upper == "MAX_CONTENT_LENGTH":
            self.facts["sizeLimit"] = True
        if SECRET_NAME.search(name) and not HASHED_NAME.search(name) and not name.isupper() or upper in ("SECRET_KEY", "JWT_SECRET_KEY", "JWT_SECRET", "API_KEY"):
            lit = literal
            if lit is None and isinstance(value, ast.Call) and (call_name(value).endswith("environ.get") or call_name(value).endswith("getenv")) \
                    and len(value.args) > 1:
                lit = const_str(value.args[1])
            if lit is None and isinstance(value, ast.BoolOp):
                for v in value.values:
                    if const_str(v):
                        lit = const_str(v)
            if lit and len(lit) >= 4 and not lit.startswith(("${", "<", "change")) or (lit and upper == "SECRET_KEY" and len(lit) >= 1):
                self.add("hardcoded-secret", m, node, name=name)

    def database_url(self, m, node, url):
        if URL_PASSWORD.search(url):
            self.add("hardcoded-secret", m, node, name="database password")
        parent = m.parents.get(node)
        # A literal passed as the fallback of an environment read is a default, not a hard-coded setting.
        while parent is not None and not isinstance(parent, (ast.stmt,)):
            if isinstance(parent, ast.Call) and (call_name(parent).endswith("environ.get") or call_name(parent).endswith("getenv")):
                return
            if isinstance(parent, ast.BoolOp) and env_read(parent):
                return
            parent = m.parents.get(parent)
        self.add("hardcoded-database-url", m, node, url=url)

    def run_rules(self, m):
        for node in ast.walk(m.tree):
            if not isinstance(node, ast.Call):
                continue
            n = call_name(node)
            short = n.split(".")[-1]
            if short == "run" or n == "uvicorn.run" or short == "run_simple" or short == "serve":
                host = kwarg(node, "host")
                if host is None and short == "run_simple" and node.args:
                    host = node.args[0]
                h = const_str(host)
                if h in ("0.0.0.0", "::", ""):
                    self.add("bind-all-interfaces", m, host, host=h or "''")
                dbg = kwarg(node, "debug") or kwarg(node, "use_debugger")
                if is_true(dbg):
                    self.add("debug-mode", m, dbg, where=f"{n}(debug=True)")
                port = kwarg(node, "port")
                if short == "run" and (n.endswith("app.run") or n == "uvicorn.run" or isinstance(node.func, ast.Attribute)):
                    self.facts["runCalls"].append({"file": m.rel, "line": node.lineno, "call": n,
                                                   "host": h, "port": port.value if isinstance(port, ast.Constant) else None,
                                                   "debug": is_true(dbg), "underMain": under_main(m.parents, node)})
            if short == "create_all":
                self.facts["createAll"].append({"file": m.rel, "line": node.lineno, "underMain": under_main(m.parents, node)})

    def password_rules(self, m):
        for node in ast.walk(m.tree):
            if isinstance(node, ast.Call):
                n = call_name(node)
                short = n.split(".")[-1]
                # hashlib.md5(password...) and friends: fast digests are not password hashes.
                if n.startswith("hashlib.") and short in WEAK_DIGESTS or short == "new" and n.startswith("hashlib."):
                    text = ast.dump(node)
                    if PASSWORD_NAME.search(text) or re.search(r"(?i)password|passwd|pwd", text):
                        self.add("weak-password-hash", m, node, how=n)
                if short == "generate_password_hash":
                    method = const_str(kwarg(node, "method")) or (const_str(node.args[1]) if len(node.args) > 1 else None)
                    if method and (method == "plain" or method.split(":")[0] in WEAK_DIGESTS or method.startswith("pbkdf2:sha1")):
                        self.add("weak-password-hash", m, node, how=f"generate_password_hash(method={method!r})")
                # Model(password=...) : what is stored in a password column, and whether it fits.
                for k in node.keywords:
                    if k.arg and PASSWORD_NAME.search(k.arg):
                        self.stored_password(m, node, k.arg, k.value, short)
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute) and PASSWORD_NAME.search(node.targets[0].attr):
                self.stored_password(m, node, node.targets[0].attr, node.value, None)

    def hash_kind(self, value):
        """The password hash a value makes ('scrypt', 'bcrypt'...), 'plain' when it is a raw value, None when unknown."""
        if isinstance(value, ast.Call):
            n = call_name(value)
            short = n.split(".")[-1]
            if short == "generate_password_hash":
                method = const_str(kwarg(value, "method")) or (const_str(value.args[1]) if len(value.args) > 1 else None)
                return (method or "scrypt").split(":")[0]
            if short == "hashpw" or "bcrypt" in n:
                return "bcrypt"
            if short in ("hash", "encrypt") and ("ctx" in n or "context" in n or "hasher" in n or "argon" in n or "pwd" in n):
                return "argon2" if "argon" in n else "bcrypt"
            if n.startswith("hashlib.") or short == "hexdigest":
                return "digest"
            if short in ("get",) and Analyzer.is_body_source(value.func.value):
                return "plain"
            return None
        if isinstance(value, ast.Subscript) and Analyzer.is_body_source(value.value):
            return "plain"
        if isinstance(value, ast.Name) and PASSWORD_NAME.search(value.id) and not HASHED_NAME.search(value.id):
            return "plain"
        if isinstance(value, ast.Attribute) and PASSWORD_NAME.search(value.attr) and not HASHED_NAME.search(value.attr):
            return "plain"
        return None

    def stored_password(self, m, node, field, value, model_name):
        kind = self.hash_kind(value)
        if kind is None:
            return
        if model_name in ("filter_by", "filter", "where") and kind == "plain" and not HASHED_NAME.search(field):
            self.add("plaintext-password", m, node, field=field)
            return
        model, col = self.column(model_name, field)
        if col is None and model_name is not None:
            return  # a call that is not a model constructor (e.g. login(password=...))
        if kind == "plain" and not HASHED_NAME.search(field):
            if col is not None:
                self.add("plaintext-password", m, node, field=field)
            return
        length = HASH_LENGTHS.get(kind)
        if col is not None and length and col.get("length") and col["length"] < length:
            self.add("hash-longer-than-column", m, node, field=field, model=model["name"], length=col["length"],
                     hash=kind, needed=length, columnLine=col["line"])

    def sql_rules(self, m):
        for node in ast.walk(m.tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            short = call_name(node).split(".")[-1]
            if short not in ("execute", "executescript", "executemany", "text", "raw", "exec_driver_sql", "from_statement"):
                continue
            arg = node.args[0]
            built = False
            if isinstance(arg, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in arg.values):
                built = True
            elif isinstance(arg, ast.BinOp) and isinstance(arg.op, (ast.Mod, ast.Add)) and any(const_str(x) is not None or isinstance(x, ast.JoinedStr) for x in (arg.left, arg.right)):
                built = True
            elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format" and const_str(arg.func.value) is not None:
                built = True
            elif isinstance(arg, ast.Name):
                # sql = f"..." a few lines above
                fn = enclosing_function(m.parents, node) or m.tree
                for sub in ast.walk(fn):
                    if isinstance(sub, ast.Assign) and isinstance(sub.targets[0], ast.Name) and sub.targets[0].id == arg.id:
                        v = sub.value
                        if isinstance(v, ast.JoinedStr) and any(isinstance(x, ast.FormattedValue) for x in v.values) \
                                or isinstance(v, ast.BinOp) and isinstance(v.op, (ast.Mod, ast.Add)) \
                                or isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr == "format":
                            built = True
            if built:
                self.add("sql-string-building", m, node, call=short)

    def request_tainted(self, m, node):
        """True when `node` reads the request (request.json/args/form/..., or a variable assigned from it in the function)."""
        fn = enclosing_function(m.parents, node)
        tainted = set()
        if fn is not None:
            for sub in ast.walk(fn):
                if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
                    if any((dotted(x) or "").startswith("request.") for x in ast.walk(sub.value) if isinstance(x, (ast.Attribute, ast.Call))):
                        tainted.add(sub.targets[0].id)
        for x in ast.walk(node):
            if isinstance(x, ast.Attribute) and (dotted(x) or "").startswith("request."):
                return True
            if isinstance(x, ast.Name) and x.id in tainted:
                return True
        return False

    def danger_rules(self, m):
        for node in ast.walk(m.tree):
            if not isinstance(node, ast.Call):
                continue
            n = call_name(node)
            short = n.split(".")[-1]
            args = list(node.args)
            first = args[0] if args else None
            # Code and commands built at run time.
            if n in ("eval", "exec") and first is not None and const_str(first) is None:
                self.add("code-injection", m, node, call=n)
            if n in ("os.system", "os.popen") and first is not None and const_str(first) is None:
                self.add("command-injection", m, node, call=n)
            if n.startswith("subprocess.") and is_true(kwarg(node, "shell")) and first is not None and const_str(first) is None:
                self.add("command-injection", m, node, call=n)
            if short == "render_template_string" and first is not None and const_str(first) is None:
                self.add("template-injection", m, node)
            # Deserialising what a client sent.
            if n in ("pickle.loads", "pickle.load", "marshal.loads", "dill.loads") or (n == "yaml.load" and kwarg(node, "Loader") is None and len(args) < 2) \
                    or (n == "yaml.load" and "Unsafe" in (dotted(kwarg(node, "Loader")) or "") or n == "yaml.unsafe_load"):
                self.add("unsafe-deserialization", m, node, call=n)
            # Files named by the request.
            if short in ("send_file", "open", "send_from_directory") and first is not None and short != "send_from_directory" \
                    and self.request_tainted(m, first):
                self.add("path-traversal", m, node, call=short)
            # Certificates not checked.
            if kwarg(node, "verify") is not None and isinstance(kwarg(node, "verify"), ast.Constant) and kwarg(node, "verify").value is False \
                    and n.split(".")[0] in ("requests", "httpx", "session", "client"):
                self.add("tls-verification-off", m, node, call=n)
            # Tokens signed but never checked.
            if n.endswith("jwt.decode") or n == "decode" and "jwt" in m.source:
                opts = kwarg(node, "options")
                if isinstance(opts, ast.Dict) and any(const_str(k) == "verify_signature" and isinstance(v, ast.Constant) and v.value is False
                                                      for k, v in zip(opts.keys, opts.values)) or is_true(kwarg(node, "verify")) is False and \
                        isinstance(kwarg(node, "verify"), ast.Constant) and kwarg(node, "verify").value is False:
                    self.add("jwt-not-verified", m, node)
                algs = kwarg(node, "algorithms")
                if isinstance(algs, (ast.List, ast.Tuple)) and any((const_str(e) or "").lower() == "none" for e in algs.elts):
                    self.add("jwt-not-verified", m, node)
            # Model(**request.json): every column the client names is written.
            for k in node.keywords:
                if k.arg is None and (self.is_body_source(k.value) or isinstance(k.value, ast.Name) and self.request_tainted(m, k.value)) \
                        and short[:1].isupper():
                    self.add("mass-assignment", m, node, model=short)
            # Passwords in logs.
            if n == "print" or short in ("debug", "info", "warning", "error", "critical", "exception", "log") and \
                    (n.startswith("log") or n.startswith("app.logger") or n.startswith("logger") or n.startswith("logging")):
                for a in args:
                    for x in ast.walk(a):
                        if isinstance(x, ast.Name) and PASSWORD_NAME.search(x.id) and not HASHED_NAME.search(x.id):
                            self.add("password-logged", m, node)
            # Secrets from a predictable generator.
            if n.startswith("random.") and short in ("choice", "choices", "randint", "random", "getrandbits", "sample", "randrange"):
                parent = m.parents.get(node)
                while parent is not None and not isinstance(parent, (ast.Assign, ast.Return, ast.FunctionDef, ast.AsyncFunctionDef)):
                    parent = m.parents.get(parent)
                names = []
                if isinstance(parent, ast.Assign):
                    names = [dotted(t) or "" for t in parent.targets]
                elif isinstance(parent, ast.Return):
                    fn = enclosing_function(m.parents, parent)
                    names = [fn.name] if fn else []
                if any(re.search(r"(?i)token|otp|secret|password|passwd|reset|nonce|salt|api_?key|session|verification|captcha", x) for x in names):
                    self.add("insecure-random", m, node, call=n)
        # Exception text sent to the client.
        for node in ast.walk(m.tree):
            if isinstance(node, ast.ExceptHandler):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Return) and sub.value is not None:
                        for x in ast.walk(sub.value):
                            if node.name and isinstance(x, ast.Call) and call_name(x) in ("str", "repr") and x.args \
                                    and isinstance(x.args[0], ast.Name) and x.args[0].id == node.name or \
                                    isinstance(x, ast.Call) and call_name(x) == "traceback.format_exc":
                                self.add("error-details-exposed", m, sub)
                            if node.name and isinstance(x, ast.FormattedValue) and isinstance(x.value, ast.Name) and x.value.id == node.name:
                                self.add("error-details-exposed", m, sub)

    def create_all_rule(self):
        calls = self.facts["createAll"]
        if calls and all(c["underMain"] for c in calls):
            c = calls[0]
            m = next(mm for mm in self.modules if mm.rel == c["file"])
            node = next(n for n in ast.walk(m.tree) if isinstance(n, ast.Call) and getattr(n, "lineno", 0) == c["line"] and call_name(n).endswith("create_all"))
            self.add("tables-created-under-main", m, node)

    def size_limit_rule(self):
        if self.facts["sizeLimit"]:
            return
        for app in self.facts["apps"]:
            if app["kind"] == "flask" and any(r["bodyFrom"] for r in self.facts["routes"]):
                m = next(mm for mm in self.modules if mm.rel == app["file"])
                node = next(n for n in ast.walk(m.tree) if isinstance(n, ast.Call) and getattr(n, "lineno", 0) == app["line"])
                self.add("missing-body-size-limit", m, node, framework="Flask")
                return


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("root")
    p.add_argument("--out")
    args = p.parse_args()
    result = Analyzer(os.path.abspath(args.root)).run()
    text = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()

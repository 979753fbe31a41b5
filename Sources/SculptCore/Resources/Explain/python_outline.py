"""Static outline of Python files for `sculpt explain`: imports, the app, models, routes and what
each reads and answers, and a classified note for every statement. Reads only; never imports or
runs the code it describes. Usage: python3 python_outline.py FILE_OR_DIR... ; prints JSON."""
import ast
import json
import os
import sys

ROUTE_METHODS = {"route", "get", "post", "put", "patch", "delete"}
HASHERS = {"generate_password_hash", "hashpw", "make_password", "hash_password", "pbkdf2_hmac", "scrypt"}
SKIP_DIRS = {".venv", "venv", "__pycache__", ".git", "node_modules", "site-packages"}


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    if isinstance(node, ast.Call):
        return dotted(node.func)
    return ""


def literal(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


def text(source_lines, node):
    return "\n".join(source_lines[node.lineno - 1:(node.end_lineno or node.lineno)])


def kwarg(call, name):
    for k in getattr(call, "keywords", []):
        if k.arg == name:
            return k.value
    return None


class Outline:
    def __init__(self, path, source):
        self.path = path
        self.source = source
        self.lines = source.split("\n")
        self.imports, self.apps, self.models, self.routes, self.functions, self.notes = [], [], [], [], [], []
        self.app_names = set()
        self.model_names = set()
        self.unique_models = set()
        self.in_try = 0

    def note(self, node, kind, end=None, **values):
        end = end or node.end_lineno or node.lineno
        self.notes.append({"line": node.lineno, "end": end, "kind": kind,
                           "values": {k: (", ".join(v) if isinstance(v, list) else str(v)) for k, v in values.items() if v is not None}})

    def run(self):
        tree = ast.parse(self.source, filename=self.path)
        first = tree.body[0] if tree.body else None
        if first and isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            self.note(first, "docstring")
            body = tree.body[1:]
        else:
            body = tree.body
        self.block(body, context=None)
        return {"path": self.path, "text": self.source, "imports": self.imports, "apps": self.apps, "models": self.models,
                "routes": self.routes, "functions": self.functions, "notes": sorted(self.notes, key=lambda n: (n["line"], n["end"]))}

    def block(self, body, context):
        for node in body:
            self.statement(node, context)

    def header_end(self, node):
        return max(node.lineno, node.body[0].lineno - 1) if getattr(node, "body", None) else node.lineno

    def statement(self, node, context):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.asname or a.name for a in node.names]
            module = node.module if isinstance(node, ast.ImportFrom) else ", ".join(a.name for a in node.names)
            self.imports.append({"line": node.lineno, "module": module or "", "names": names})
            self.note(node, "import-from" if isinstance(node, ast.ImportFrom) else "import", module=module, names=names)
        elif isinstance(node, ast.ClassDef):
            self.class_def(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function_def(node, context)
        elif isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if test.replace("'", '"') == '__name__ == "__main__"':
                self.note(node, "main-guard", end=self.header_end(node))
            elif ".query" in test or ".first()" in test or "exists" in test:
                self.note(node, "if-exists", end=self.header_end(node), test=test)
            else:
                self.note(node, "if", end=self.header_end(node), test=test)
            self.block(node.body, context)
            if node.orelse:
                self.block(node.orelse, context)
        elif isinstance(node, ast.With):
            items = ", ".join(ast.unparse(i.context_expr) for i in node.items)
            self.note(node, "app-context" if "app_context" in items else "with", end=self.header_end(node), expr=items)
            self.block(node.body, context)
        elif isinstance(node, (ast.For, ast.While, ast.Try)):
            self.note(node, "loop" if not isinstance(node, ast.Try) else "try", end=self.header_end(node))
            self.in_try += isinstance(node, ast.Try)
            self.block(node.body, context)
            self.in_try -= isinstance(node, ast.Try)
            for h in getattr(node, "handlers", []):
                self.note(h, "except", end=self.header_end(h), expr=ast.unparse(h.type) if h.type else "")
                self.block(h.body, context)
        elif isinstance(node, ast.Return):
            self.return_stmt(node, context)
        elif isinstance(node, ast.Assign):
            self.assign(node, context)
        elif isinstance(node, ast.Expr):
            self.expression(node, context)
        else:
            self.note(node, "statement", code=ast.unparse(node)[:80])

    def class_def(self, node):
        bases = [dotted(b) for b in node.bases]
        is_model = any(b.endswith("Model") or b in ("Base", "DeclarativeBase", "SQLModel") or b in self.model_names for b in bases)
        if is_model:
            self.model_names.add(node.name)
            model = {"line": node.lineno, "end": node.end_lineno, "name": node.name, "base": ", ".join(bases), "columns": []}
            self.models.append(model)
            self.note(node, "model", end=self.header_end(node), name=node.name, base=", ".join(bases))
            for item in node.body:
                value = getattr(item, "value", None)
                target = (item.targets[0] if isinstance(item, ast.Assign) else getattr(item, "target", None))
                if value is not None and isinstance(value, ast.Call) and dotted(value.func).split(".")[-1] in ("Column", "mapped_column"):
                    col = self.column(item, target, value)
                    model["columns"].append(col)
                    if col["unique"]:
                        self.unique_models.add(node.name)
                elif isinstance(item, ast.Assign) and getattr(target, "id", "") == "__tablename__":
                    self.note(item, "tablename", name=str(literal(item.value)))
                else:
                    self.statement(item, context=None)
        else:
            self.note(node, "class", end=self.header_end(node), name=node.name, base=", ".join(bases))
            self.block(node.body, context=None)

    def column(self, item, target, call):
        name = getattr(target, "id", "?")
        kind, length = "", None
        for a in call.args:
            d = dotted(a).split(".")[-1]
            if d:
                kind = d
            if isinstance(a, ast.Call) and a.args:
                length = literal(a.args[0])
        unique = literal(kwarg(call, "unique")) is True
        primary = literal(kwarg(call, "primary_key")) is True
        nullable = literal(kwarg(call, "nullable"))
        secret = any(w in name.lower() for w in ("password", "passwd", "pwd", "hash"))
        values = {"name": name, "type": kind or "?"}
        if length is not None:
            values["length"] = length
        sub = "column-primary" if primary else "column-unique" if unique else "column"
        if secret and isinstance(length, int) and length < 200:
            sub = "column-short-hash"
        if not primary and nullable is None and not unique and not secret:
            sub = "column-nullable"
        self.note(item, sub, **values)
        return {"line": item.lineno, "name": name, "type": kind, "length": length, "unique": unique, "primary": primary,
                "nullable": nullable}

    def route_of(self, decorator):
        if not isinstance(decorator, ast.Call) or not isinstance(decorator.func, ast.Attribute):
            return None
        method = decorator.func.attr
        if method not in ROUTE_METHODS or not decorator.args:
            return None
        path = literal(decorator.args[0])
        if not isinstance(path, str):
            return None
        if method == "route":
            methods = literal(kwarg(decorator, "methods")) or ["GET"]
        else:
            methods = [method.upper()]
        return path, [str(m).upper() for m in methods]

    def function_def(self, node, context):
        route = None
        for d in node.decorator_list:
            r = self.route_of(d)
            if r:
                route = {"line": d.lineno, "end": node.end_lineno, "function": node.name, "path": r[0], "methods": r[1],
                         "reads": [], "answers": [], "queries": [], "writes": []}
                self.routes.append(route)
                self.note(d, "route", path=r[0], methods=r[1])
            else:
                self.note(d, "decorator", expr=ast.unparse(d))
        self.functions.append({"line": node.lineno, "end": node.end_lineno, "name": node.name, "route": route is not None})
        self.note(node, "route-function" if route else "function", end=self.header_end(node), name=node.name,
                  args=[a.arg for a in node.args.args])
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                and isinstance(body[0].value.value, str):
            self.note(body[0], "docstring")
            body = body[1:]
        self.block(body, route if route else context)

    def request_read(self, value):
        """('json'|'form'|'args', key) when value reads the request body or query."""
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get" and value.args:
            src = dotted(value.func.value)
            key = literal(value.args[0])
            for where in ("json", "form", "args", "get_json"):
                if src.endswith("request." + where) or src == f"request.{where}":
                    return ("json" if where == "get_json" else where), key
        if isinstance(value, ast.Subscript):
            src = dotted(value.value)
            if src.startswith("request."):
                return src.split(".")[-1], literal(value.slice)
        return None

    def assign(self, node, context):
        target = ", ".join(ast.unparse(t) for t in node.targets)
        value = node.value
        call = dotted(value) if isinstance(value, ast.Call) else ""
        last = call.split(".")[-1]
        read = self.request_read(value)
        if read:
            if context is not None:
                context["reads"].append(f"{read[0]}:{read[1]}")
            self.note(node, "read-" + read[0], name=target, key=read[1])
        elif last in ("Flask", "FastAPI"):
            self.app_names.add(target)
            self.apps.append({"line": node.lineno, "name": target, "framework": last})
            self.note(node, "app-create", name=target, framework=last)
        elif last == "SQLAlchemy":
            self.note(node, "db-create", name=target)
        elif isinstance(node.targets[0], ast.Subscript) and dotted(node.targets[0].value).endswith("config"):
            key = literal(node.targets[0].slice)
            v = literal(value)
            kind = "config-db" if "DATABASE" in str(key) else "config-secret" if "SECRET" in str(key) else "config"
            self.note(node, kind, key=key, value=v if v is not None else ast.unparse(value))
        elif last in self.model_names:
            hashed = any(isinstance(n, ast.Call) and dotted(n).split(".")[-1] in HASHERS for n in ast.walk(value))
            if context is not None:
                context["writes"].append(last)
            self.note(node, "model-new-hashed" if hashed else "model-new", name=target, model=last)
        elif any(isinstance(n, ast.Call) and dotted(n).split(".")[-1] in HASHERS for n in ast.walk(value)):
            self.note(node, "hash", name=target)
        elif ".query" in ast.unparse(value) or last in ("execute", "scalar", "scalars"):
            self.note(node, "query", name=target)
        else:
            self.note(node, "assign", name=target, value=ast.unparse(value)[:60])

    def expression(self, node, context):
        value = node.value
        call = dotted(value) if isinstance(value, ast.Call) else ""
        last = call.split(".")[-1]
        if last == "add" and "session" in call:
            self.note(node, "session-add", expr=ast.unparse(value.args[0]) if value.args else "")
        elif last == "commit" and "session" in call:
            racy = bool(self.unique_models) and not self.in_try
            self.note(node, "session-commit-unguarded" if racy else "session-commit")
        elif last == "create_all":
            self.note(node, "create-all")
        elif last == "run" and call.split(".")[0] in self.app_names | {"app"}:
            debug = literal(kwarg(value, "debug")) is True
            host = literal(kwarg(value, "host"))
            kind = "run-debug-all" if debug and host == "0.0.0.0" else "run-debug" if debug else "run-all" if host == "0.0.0.0" else "run"  # noqa: S104
            self.note(node, kind, host=host, debug=debug)
        else:
            self.note(node, "call", expr=ast.unparse(value)[:60])

    def return_stmt(self, node, context):
        value = node.value
        status, body = 200, value
        if isinstance(value, ast.Tuple) and len(value.elts) >= 2 and isinstance(literal(value.elts[1]), int):
            status, body = literal(value.elts[1]), value.elts[0]
        lit = literal(body) if body is not None else None
        if context is None:
            self.note(node, "return", expr=ast.unparse(value) if value is not None else "")
            return
        kind = "return-text" if isinstance(lit, str) else "return-json" if isinstance(body, (ast.Dict, ast.Call)) else "return"
        context["answers"].append({"line": node.lineno, "status": status, "kind": kind, "value": lit if isinstance(lit, str) else None})
        self.note(node, kind + ("-status" if status != 200 else ""), status=status, value=lit if isinstance(lit, str) else None,
                  expr=ast.unparse(body)[:60] if body is not None else "")


def files_of(target):
    if os.path.isdir(target):
        for root, dirs, names in os.walk(target):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for n in sorted(names):
                if n.endswith(".py"):
                    yield os.path.join(root, n), os.path.relpath(os.path.join(root, n), target)
    else:
        yield target, os.path.basename(target)


def main(argv):
    out = []
    for target in argv:
        for full, rel in files_of(target):
            with open(full, encoding="utf-8", errors="replace") as fh:
                source = fh.read()
            try:
                out.append(Outline(rel, source).run())
            except SyntaxError as e:
                out.append({"path": rel, "text": source, "error": f"line {e.lineno}: {e.msg}", "imports": [], "apps": [],
                            "models": [], "routes": [], "functions": [], "notes": []})
    json.dump({"files": out}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])

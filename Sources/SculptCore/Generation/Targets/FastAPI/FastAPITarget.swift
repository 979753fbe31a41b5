/// FastAPI + SQLAlchemy 2 + Pydantic 2 backend served by uvicorn: request bodies are Pydantic models
/// generated from openapi.json, validation errors and HTTP errors answer the contract's error body,
/// bearer tokens are JWTs signed with PyJWT, and a pytest suite generated from the spec.
///
/// Templates live in `Resources/Templates/fastapi`; `FastAPIViewModel` prepares all they print. The
/// test plan, the sample values and the constraint cases are the Flask target's (`FlaskViewModel`), so
/// both suites prove the same clauses with the same values.
public struct FastAPITarget: BackendTarget {
    public init() {}
    public var id: String { "fastapi" }
    public var manifest: BackendManifest {
        BackendManifest(framework: "fastapi", kind: .python, dir: "backend",
                        setup: ["python3 -m venv .venv", ".venv/bin/pip install -q -r requirements-dev.txt"],
                        start: [".venv/bin/python", "app.py"], test: [".venv/bin/python", "-m", "pytest", "-q"], health: "/health")
    }

    /// Templates rendered once with the whole view model, and the file each becomes.
    static let appFiles: [(template: String, path: String)] = [
        ("app.py", "app.py"), ("config.py", "config.py"), ("database.py", "database.py"), ("errors.py", "errors.py"),
        ("messages.py", "messages.py"), ("routing.py", "routing.py"), ("schemas.py", "schemas.py"),
        ("models.py", "models.py"), ("crud.py", "crud.py"), ("routers/__init__.py", "routers/__init__.py"),
        ("routers/health.py", "routers/health.py"),
        ("requirements.txt", "requirements.txt"), ("requirements-dev.txt", "requirements-dev.txt"),
        ("pyproject.toml", "pyproject.toml"), ("gitignore", ".gitignore"),
        ("tests/conftest.py", "tests/conftest.py"), ("tests/helpers.py", "tests/helpers.py"),
        ("tests/test_app.py", "tests/test_app.py"),
    ]

    public func files(for spec: AppSpec, context: GenerationContext) throws -> [GeneratedFile] {
        let templates = try TemplateSet(folder: "fastapi")
        let model = try FastAPIViewModel(spec: spec, context: context)
        var files: [GeneratedFile] = []
        func add(_ path: String, _ template: String, _ object: Any) throws {
            files.append(GeneratedFile(path: path, contents: try templates.render(template, object)))
        }
        for (template, path) in Self.appFiles { try add(path, template, model) }
        if let accounts = model.accounts.first {
            try add("auth.py", "auth.py", model)
            try add("routers/auth.py", "routers/auth.py", accounts)
            try add("tests/test_accounts.py", "tests/test_accounts.py", accounts)
        }
        for entity in model.entities {
            try add("routers/\(entity.entity.plural).py", "routers/entity.py", entity)
            try add("tests/test_\(entity.entity.plural).py", "tests/test_entity.py", entity)
        }
        return files.sorted { $0.path < $1.path }
    }
}

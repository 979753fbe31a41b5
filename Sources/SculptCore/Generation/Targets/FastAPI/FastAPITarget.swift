/// FastAPI + SQLAlchemy 2 + Pydantic 2 backend served by uvicorn: request bodies are Pydantic models
/// generated from openapi.json, validation errors and HTTP errors answer the contract's error body,
/// bearer tokens are JWTs signed with PyJWT, and a pytest suite generated from the spec.
///
/// Templates live in `Resources/Templates/fastapi`; `FastAPIViewModel` prepares all they print. The
/// test plan, the sample values and the constraint cases are shared with Flask (`PythonViewModel`), so
/// both suites prove the same clauses with the same values.
public struct FastAPITarget: BackendTarget {
    public init() {}
    public var id: String { "fastapi" }
    public var templateFolders: [String] { ["fastapi", "python"] }
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
        ("tests/conftest.py", "tests/conftest.py"),
        ("tests/test_app.py", "tests/test_app.py"),
    ]

    public func files(for spec: AppSpec, context: GenerationContext) throws -> [GeneratedFile] {
        let templates = try TemplateSet(folders: templateFolders)
        let model = try FastAPIViewModel(spec: spec, context: context)
        var out = RenderedFiles(templates)
        try out.add(Self.appFiles, model)
        try out.add(PythonViewModel.sharedTests, model.python)
        if let accounts = model.accounts.first {
            try out.add("auth.py", "auth.py", model)
            try out.add("ratelimit.py", "ratelimit.py", model)
            try out.add("routers/auth.py", "routers/auth.py", accounts)
            try out.add("tests/test_accounts.py", "tests/test_accounts.py", accounts)
        }
        for entity in model.entities {
            try out.add("routers/\(entity.entity.plural).py", "routers/entity.py", entity)
            try out.add("tests/test_\(entity.entity.plural).py", PythonEntityModel.testTemplate, entity.entity)
        }
        try out.addContractFiles(model.python)
        return try out.sorted
    }
}

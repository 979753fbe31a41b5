/// Flask + SQLAlchemy 2 backend: an application factory served by waitress, validation generated from
/// openapi.json, bearer tokens signed with itsdangerous, and a pytest suite generated from the spec.
///
/// Templates live in `Resources/Templates/flask`; `PythonViewModel` prepares all they print.
public struct FlaskTarget: BackendTarget {
    public init() {}
    public var id: String { "flask" }
    public var templateFolders: [String] { ["flask", "python"] }
    public var manifest: BackendManifest {
        BackendManifest(framework: "flask", kind: .python, dir: "backend",
                        setup: ["python3 -m venv .venv", ".venv/bin/pip install -q -r requirements-dev.txt"],
                        start: [".venv/bin/python", "app.py"], test: [".venv/bin/python", "-m", "pytest", "-q"], health: "/health")
    }

    /// Templates rendered once with the whole view model, and the file each becomes.
    static let appFiles: [(template: String, path: String)] = [
        ("app.py", "app.py"), ("config.py", "config.py"), ("database.py", "database.py"), ("errors.py", "errors.py"),
        ("messages.py", "messages.py"), ("validation.py", "validation.py"), ("rules.py", "rules.py"),
        ("models.py", "models.py"), ("crud.py", "crud.py"), ("routes/__init__.py", "routes/__init__.py"),
        ("routes/health.py", "routes/health.py"), ("routes/static.py", "routes/static.py"),
        ("requirements.txt", "requirements.txt"), ("requirements-dev.txt", "requirements-dev.txt"),
        ("pyproject.toml", "pyproject.toml"), ("gitignore", ".gitignore"),
        ("tests/conftest.py", "tests/conftest.py"),
        ("tests/test_app.py", "tests/test_app.py"),
    ]

    public func files(for spec: AppSpec, context: GenerationContext) throws -> [GeneratedFile] {
        let templates = try TemplateSet(folders: templateFolders)
        let model = try PythonViewModel(spec: spec, context: context)
        var out = RenderedFiles(templates)
        try out.add(Self.appFiles, model)
        try out.add(PythonViewModel.sharedTests, model)
        // auth.py holds password hashing, which only accounts need.
        if let accounts = model.accounts.first {
            try out.add("auth.py", "auth.py", model)
            try out.add("ratelimit.py", "ratelimit.py", model)
            try out.add("routes/auth.py", "routes/auth.py", accounts)
            try out.add("tests/test_accounts.py", "tests/test_accounts.py", accounts)
        }
        for entity in model.entities {
            try out.add("routes/\(entity.plural).py", "routes/entity.py", entity)
            try out.add("tests/test_\(entity.plural).py", PythonEntityModel.testTemplate, entity)
        }
        try out.addContractFiles(model)
        return try out.sorted
    }
}

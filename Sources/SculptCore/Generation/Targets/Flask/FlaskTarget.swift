/// Flask + SQLAlchemy 2 backend. (Being written: templates land in Templates/flask.)
public struct FlaskTarget: BackendTarget {
    public init() {}
    public var id: String { "flask" }
    public var manifest: BackendManifest {
        BackendManifest(framework: "flask", dir: "backend",
                        setup: ["python3 -m venv .venv", ".venv/bin/pip install -q -r requirements-dev.txt"],
                        start: [".venv/bin/python", "app.py"], test: [".venv/bin/python", "-m", "pytest", "-q"], health: "/health")
    }
    public func files(for spec: AppSpec, context: GenerationContext) throws -> [GeneratedFile] {
        throw GenerationError.unsupported("the flask target is not written yet")
    }
}

/// A generated project as the explainer reads it: its text files, its spec, the backend it was
/// generated for and, when it was verified, the recorded contract checks. The workspace fills it
/// from a folder; tests fill it straight from `ProjectGenerator`.
public struct ProjectSnapshot: Sendable {
    /// Every text file, by project-relative path.
    public var files: [String: String]
    public var spec: AppSpec
    public var backend: String
    public var checks: RecordedChecks?

    public init(files: [String: String], spec: AppSpec, backend: String, checks: RecordedChecks? = nil) {
        self.files = files
        self.spec = spec
        self.backend = backend
        self.checks = checks
    }

    public init(generated: [GeneratedFile], spec: AppSpec, backend: String) {
        self.init(files: Dictionary(uniqueKeysWithValues: generated.map { ($0.path, $0.contents) }), spec: spec, backend: backend)
    }
}

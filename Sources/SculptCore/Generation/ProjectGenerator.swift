import Foundation

/// Turns a valid AppSpec into every file of a project, deterministically and in memory.
public struct ProjectGenerator: Sendable {
    public static let version = "0.1.0"
    public static var backendNames: [String] { Backend.allCases.map(\.rawValue) }

    public let target: any BackendTarget

    public init(backend: Backend) {
        target = backend.target
    }

    /// The generator of the backend named `backend` (`flask`, `fastapi`, `hummingbird`).
    public init(backend: String) throws {
        guard let b = Backend(rawValue: backend) else {
            throw GenerationError.unsupported("unknown backend '\(backend)'; choose one of: \(Self.backendNames.joined(separator: ", "))")
        }
        self.init(backend: b)
    }

    /// Starts reading what generating takes from disk (this backend's templates, the page's and the
    /// README's, the message catalogs of both languages) on another thread, while the requirement is
    /// understood on this one; `generate` finds it ready or waits for it. Optional.
    /// - Parameter after: what to wait for first, so the reading does not take a core from work
    ///   that is needed sooner (the understanding's own start-up).
    public func prefetch(after: @escaping @Sendable () -> Void = {}) {
        let folderLists = [target.templateFolders, [FrontendTarget.folder], [ReadmeWriter.folder]]
        SideBySide.detach {
            after()
            for folders in folderLists { (try? TemplateSet(folders: folders))?.prepareAll() }
            for language in Language.allCases { _ = try? MessageCatalog.shipped(language) }
            PhaseClock.mark("templates-read")
        }
    }

    /// Runs the jobs at the same time and returns their results in order; each job's files go to
    /// `produced` as soon as it succeeds. The template key audit that tests switch on (a
    /// task-local) is carried to the other threads.
    static func concurrently(_ jobs: [@Sendable () throws -> [GeneratedFile]],
                             produced: (@Sendable ([GeneratedFile]) -> Void)? = nil) -> [Result<[GeneratedFile], Error>] {
        let results = Locked<[Int: Result<[GeneratedFile], Error>]>([:])
        let sink = TemplateKeyAudit.sink
        SideBySide.run(jobs.count) { i in
            let result = TemplateKeyAudit.$sink.withValue(sink) { Result { try jobs[i]() } }
            if let produced, case .success(let files) = result { produced(files) }
            results.mutate { $0[i] = result }
        }
        let done = results.value
        return jobs.indices.map { done[$0]! }
    }

    /// - Parameter produced: given each batch of files as soon as it is made, on the thread that
    ///   made it (so a writer can start on them while the rest is generated); every file is in
    ///   exactly one batch. The returned list holds them all, sorted by path.
    public func generate(_ spec: AppSpec, produced: (@Sendable ([GeneratedFile]) -> Void)? = nil) throws -> [GeneratedFile] {
        try SpecValidator.validate(spec)
        let catalog = try MessageCatalog.shipped(spec.language)
        let plan = APIPlan(spec)
        let schemas = APISchemas(spec)
        let context = GenerationContext(plan: plan, schemas: schemas, catalog: catalog,
                                        generator: "sculpt \(Self.version)")
        let manifest = target.manifest
        // The backend, the page and the three JSON documents share nothing but the inputs: each is
        // made on a thread of its own.
        let target = self.target
        let parts = Self.concurrently([
            {
                try target.files(for: spec, context: context).map {
                    GeneratedFile(path: "\(manifest.dir)/\($0.path)", contents: $0.contents, executable: $0.executable)
                }
            },
            {
                try FrontendTarget().files(for: spec, context: context).map {
                    GeneratedFile(path: "frontend/\($0.path)", contents: $0.contents)
                }
            },
            {
                [
                    GeneratedFile(path: "sculpt.json", contents: ProjectManifest(generator: context.generator, backend: manifest).json),
                    GeneratedFile(path: "spec.json", contents: SpecCoding.encode(spec)),
                    GeneratedFile(path: "openapi.json", contents: JSONText.render(
                        OpenAPIDocument.build(spec, plan: plan, schemas: schemas, catalog: catalog))),
                ]
            },
        ], produced: produced)
        var files = try parts.flatMap { try $0.get() }
        let readme = try ReadmeWriter().readme(for: spec, manifest: manifest, context: context, files: files.map(\.path) + ["README.md"])
        produced?([readme])
        files.append(readme)
        return files.sorted { $0.path < $1.path }
    }
}

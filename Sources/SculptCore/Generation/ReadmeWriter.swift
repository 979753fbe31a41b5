/// The generated project's README, in the requirement's language.
public struct ReadmeWriter: Sendable {
    public init() {}
    public func readme(for spec: AppSpec, manifest: BackendManifest, context: GenerationContext) throws -> GeneratedFile {
        GeneratedFile(path: "README.md", contents: "# \(spec.title)\n")
    }
}

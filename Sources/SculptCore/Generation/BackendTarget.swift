/// A backend stack Sculpt can generate: a folder of templates plus the view model that feeds them.
///
/// Targets produce only their backend folder and manifest entry; the shared parts (OpenAPI document,
/// frontend, README, spec) are generated once by `ProjectGenerator`.
public protocol BackendTarget: Sendable {
    /// The `--backend` name and `sculpt.json` framework (`flask`).
    var id: String { get }
    /// The manifest's `backend` object: how to set up, start and test the backend.
    var manifest: BackendManifest { get }
    /// Its template folders under `Templates/`: its own first, then shared ones (`python`).
    var templateFolders: [String] { get }
    /// Files under `backend/`, paths relative to it.
    func files(for spec: AppSpec, context: GenerationContext) throws -> [GeneratedFile]
}

/// What every target receives beside the spec: the API plan, the typed request schemas (which the
/// OpenAPI document is written from) and the message catalog.
public struct GenerationContext: Sendable {
    public let plan: APIPlan
    public let schemas: APISchemas
    public let catalog: MessageCatalog
    public let generator: String
}

/// Hummingbird 2 backend in Swift: SQLite through GRDB, bcrypt passwords, HMAC-signed expiring tokens,
/// strict Codable validation generated from openapi.json, and a Swift Testing suite on HummingbirdTesting.
///
/// Templates live in `Resources/Templates/hummingbird`; `HummingbirdViewModel` prepares all they print.
/// The manifest gives SwiftPM's plain commands (`HummingbirdPackage`).
public struct HummingbirdTarget: BackendTarget {
    public init() {}
    public var id: String { "hummingbird" }
    public var templateFolders: [String] { ["hummingbird"] }
    public var manifest: BackendManifest {
        BackendManifest(framework: "hummingbird", kind: .swiftpm, dir: "backend", setup: HummingbirdPackage.setup,
                        start: HummingbirdPackage.start, test: HummingbirdPackage.test, health: "/health")
    }

    /// Templates rendered once with the whole view model, and the file each becomes.
    static let appFiles: [(template: String, path: String)] = [
        ("Package.swift", "Package.swift"), ("gitignore", ".gitignore"),
        ("Sources/Server/main.swift", "Sources/Server/main.swift"),
        ("Sources/App/Application.swift", "Sources/App/Application.swift"),
        ("Sources/App/Configuration.swift", "Sources/App/Configuration.swift"),
        ("Sources/App/Database.swift", "Sources/App/Database.swift"),
        ("Sources/App/APIError.swift", "Sources/App/APIError.swift"),
        ("Sources/App/Messages.swift", "Sources/App/Messages.swift"),
        ("Sources/App/RequestBody.swift", "Sources/App/RequestBody.swift"),
        ("Sources/App/Services.swift", "Sources/App/Services.swift"),
        ("Sources/App/Validation.swift", "Sources/App/Validation.swift"),
        ("Tests/AppTests/TestSupport.swift", "Tests/AppTests/TestSupport.swift"),
        ("Tests/AppTests/AppTests.swift", "Tests/AppTests/AppTests.swift"),
    ]

    public func files(for spec: AppSpec, context: GenerationContext) throws -> [GeneratedFile] {
        let templates = try TemplateSet(folders: templateFolders)
        let model = try HummingbirdViewModel(spec: spec, context: context)
        var out = RenderedFiles(templates)
        try out.add(Self.appFiles, model)
        if let accounts = model.accounts.first {
            try out.add("Sources/App/Passwords.swift", "Sources/App/Passwords.swift", model)
            try out.add("Sources/App/Accounts.swift", "Sources/App/Accounts.swift", accounts)
            try out.add("Sources/App/AccountRoutes.swift", "Sources/App/AccountRoutes.swift", accounts)
            if accounts.hasLogin { try out.add("Sources/App/Tokens.swift", "Sources/App/Tokens.swift", model) }
            try out.add("Tests/AppTests/AccountTests.swift", "Tests/AppTests/AccountTests.swift", model.accountTests[0])
        }
        for (entity, tests) in zip(model.entities, model.entityTests) {
            try out.add("Sources/App/\(entity.typeName).swift", "Sources/App/Entity.swift", entity)
            try out.add("Sources/App/\(entity.typeName)Routes.swift", "Sources/App/EntityRoutes.swift", entity)
            try out.add("Tests/AppTests/\(entity.typeName)Tests.swift", "Tests/AppTests/EntityTests.swift", tests)
        }
        return try out.sorted
    }
}

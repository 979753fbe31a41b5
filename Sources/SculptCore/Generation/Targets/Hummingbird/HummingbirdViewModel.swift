/// Everything the Hummingbird templates print, prepared from the spec, the API plan, the OpenAPI
/// document and the message catalog. Templates stay logic-less: they only choose sections and print.
struct HummingbirdViewModel {
    let titleComment: String
    let name: String
    let generator: String
    let language: String
    let tokenHours: Int
    let hasAccounts: Bool
    let hasLogin: Bool
    /// Whether accounts hold roles: the admin account from ADMIN_USERNAME / ADMIN_PASSWORD.
    let hasRoles: Bool
    let dependencies: [String]
    let messages: [HummingbirdKeyValue]
    /// Zero or one element, so templates can open a section for accounts.
    let accounts: [HummingbirdAccountsModel]
    let entities: [HummingbirdEntityModel]
    let tables: [HummingbirdTableModel]
    // Tests.
    let accountTests: [HummingbirdAccountTestsModel]
    let entityTests: [HummingbirdEntityTestsModel]
    let signUpSample: String
    let loginSample: String
    let registerPath: String
    let loginPath: String
    let probeUrl: String
    let probeToken: Bool
    /// Doc comments of the app-wide tests (`health`, `page`...), citing the clauses they prove.
    let doc: [String: String]

    /// The prefix of backend message keys in the catalog (`Locales/<lang>/backend.json`), shared with every target.
    static let messagePrefix = "backend."
    static let messagePrefixV2 = "backendV2."

    init(spec: AppSpec, context: GenerationContext) throws {
        titleComment = comment(spec.title)
        name = spec.name
        generator = context.generator
        language = spec.language.rawValue
        tokenHours = spec.accounts?.tokenHours ?? 24
        hasAccounts = spec.accounts != nil
        hasLogin = spec.accounts?.login ?? false
        hasRoles = !spec.roles.isEmpty
        dependencies = HummingbirdPackage.dependencies
        let catalog = context.catalog.section(Self.messagePrefix)
        guard !catalog.isEmpty else {
            throw GenerationError.template("hummingbird", "the message catalog has no '\(Self.messagePrefix)' entries for \(spec.language.rawValue)")
        }
        // Contract v2's words (relations, roles, actions) join the backend's.
        let words = catalog.merging(context.catalog.section(Self.messagePrefixV2)) { a, _ in a }
        messages = words.keys.sorted().map { HummingbirdKeyValue(key: SwiftCode.string($0), value: SwiftCode.string(words[$0]!)) }
        let accounts = spec.accounts.map { [HummingbirdAccountsModel($0, context: context)] } ?? []
        self.accounts = accounts
        let entities = try spec.entities.map { try HummingbirdEntityModel($0, spec: spec, context: context) }
        self.entities = entities
        tables = accounts.map(\.tableModel) + entities.flatMap(\.tableModels)
        let tests = HummingbirdTestPlan(spec: spec, context: context)
        accountTests = zip(accounts, spec.accounts.map { [$0] } ?? []).map {
            HummingbirdAccountTestsModel($0, spec: $1, context: context, tests: tests)
        }
        entityTests = entities.map { HummingbirdEntityTestsModel($0, spec: spec, tests: tests) }
        doc = tests.comments(prefix: "app.")
        let path = { (action: APIAction) in context.plan.path(of: action) ?? "/api/auth/\(action.rawValue)" }
        registerPath = path(.register)
        loginPath = path(.login)
        if let a = accounts.first {
            signUpSample = a.signUp.map { f in
                let prefix = f.name == "password" ? "Secret pass" : f.name == a.identityName ? "user" : nil
                return "\(SwiftCode.string(f.name)): \(HummingbirdTestValues.sample(f, prefix: prefix))"
            }.joined(separator: ", ")
            loginSample = a.login.map { "\(SwiftCode.string($0.name)): body[\(SwiftCode.string($0.name))]!" }.joined(separator: ", ")
            probeUrl = registerPath
            probeToken = false
        } else {
            signUpSample = ""
            loginSample = ""
            let e = spec.entities.first { $0.supports(.create) } ?? spec.entities[0]
            probeUrl = "/api/\(e.plural)"
            probeToken = false
        }
    }
}

struct HummingbirdKeyValue {
    let key: String
    let value: String
}

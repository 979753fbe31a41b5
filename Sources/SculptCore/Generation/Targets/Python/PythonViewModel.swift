/// What the Python targets print, prepared from the spec, the API plan, the OpenAPI document and
/// the message catalog. Templates stay logic-less: they only choose sections and print these strings.
struct PythonViewModel {
    let titleComment: String
    let language: String
    let isChinese: Bool
    let hasLogin: Bool
    let hasProfile: Bool
    let tokenHours: Int
    let messages: [PythonKeyValue]
    let modelImports: [String]
    /// Zero or one element, so templates can open a section for accounts.
    let accounts: [PythonAccountsModel]
    let entities: [PythonEntityModel]
    let routeModules: String
    let blueprints: [String]
    // The general tests (test_app.py).
    let probeUrl: String
    let probeMakeBody: String
    let probeNeedsSignIn: Bool
    let pageText: String
    let pageTextLiteral: String
    let doc: [String: String]
    // Contract v2
    let hasRoles: Bool
    /// `("admin",)`: the roles the admin account holds.
    let rolesLiteral: String
    /// Whether some operation is guarded by `authorize` (per-operation grants or domain actions).
    let usesGrants: Bool
    let usesRelations: Bool
    let usesActions: Bool
    let identityAttr: String
    /// `, nickname="root_admin"`: values for the admin account's other required fields.
    let adminDefaults: String
    /// The admin account's credentials in the generated tests (`ADMIN_USERNAME` / `ADMIN_PASSWORD`).
    let adminIdentityLiteral: String
    let adminPasswordLiteral: String
    let adminLoginLiteral: String
    /// Entities whose rules (relations, roles, actions) get a test module of their own.
    let ruleTests: [PythonContractTestModel]

    /// The test templates both Python frameworks render with this model (`Templates/python/tests`);
    /// each framework's own conftest.py gives them its test client.
    static let sharedTests: [(template: String, path: String)] = [("tests/helpers.py", "tests/helpers.py")]
    /// The shared test module of an entity's contract v2 rules.
    static let ruleTestTemplate = "tests/test_rules.py"

    /// The prefix of backend message keys in the catalog (`Locales/<lang>/backend.json`).
    static let messagePrefix = "backend."

    init(spec: AppSpec, context: GenerationContext) throws {
        let plan = TestPlan()
        // The root of the refs: clauses nothing else proves are cited by the health test.
        plan.add("app.health", "The server answers GET /health with {\"status\": \"ok\"}.", refs: [""])
        let pendingAccounts = spec.accounts.map { PythonAccountsModel.plan($0, context: context, plan: plan) }
        let pendingEntities = spec.entities.map { PythonEntityModel.plan($0, spec: spec, context: context, plan: plan) }
        plan.cite(spec.clauses)
        let accounts = pendingAccounts.map { [$0()] } ?? []
        let entities = pendingEntities.map { $0() }

        titleComment = comment(spec.title)
        language = spec.language.rawValue
        isChinese = spec.language == .zh
        hasLogin = spec.accounts?.login ?? false
        hasProfile = spec.accounts?.profile ?? false
        tokenHours = spec.accounts?.tokenHours ?? 24
        var catalog = context.catalog.section(Self.messagePrefix)
        guard !catalog.isEmpty else {
            throw GenerationError.template("python", "the message catalog has no '\(Self.messagePrefix)' entries for \(spec.language.rawValue)")
        }
        if spec.usesContractV2 { catalog.merge(context.catalog.section("backendV2.")) { a, _ in a } }
        messages = catalog.keys.sorted().map { PythonKeyValue(key: PythonCode.string($0), value: PythonCode.string(catalog[$0]!)) }
        self.accounts = accounts
        self.entities = entities
        modelImports = Self.modelImports(accounts: accounts, entities: entities)
        var modules = ["health", "static"] + entities.map(\.plural)
        if !accounts.isEmpty { modules.append("auth") }
        routeModules = modules.sorted().joined(separator: ", ")
        blueprints = ["health"] + (accounts.isEmpty ? [] : ["auth"]) + entities.map(\.plural) + ["static"]
        if let a = accounts.first {
            probeUrl = a.registerPath
            probeMakeBody = "sign_up_body"
            probeNeedsSignIn = false
        } else {
            let e = spec.entities.first { $0.supports(.create) } ?? spec.entities[0]
            probeUrl = "/api/\(e.plural)"
            probeMakeBody = "sample_\(e.name)"
            probeNeedsSignIn = e.access.write != .anyone
        }
        pageText = spec.language == .zh ? "你好，世界" : "Hello, world"
        pageTextLiteral = PythonCode.string(pageText)
        doc = plan.docstrings(prefix: "app.")
        hasRoles = !spec.roles.isEmpty && hasLogin
        rolesLiteral = PythonCode.tuple(spec.roles.map { PythonCode.string($0.name) })
        usesGrants = hasLogin && spec.entities.contains { PythonContract.grantMode($0) || !$0.actions.isEmpty }
        usesRelations = spec.entities.contains { !$0.relations.isEmpty }
        usesActions = spec.entities.contains { !$0.actions.isEmpty }
        let identity = spec.accounts.map { PythonField.attribute(for: $0.identity.name) } ?? "username"
        identityAttr = identity
        var defaults: [String] = []
        for f in spec.accounts?.fields ?? [] where f.required {
            let attr = PythonField.attribute(for: f.name)
            if let d = f.defaultValue, f.type != .date, f.type != .datetime { defaults.append("\(attr)=\(PythonCode.value(d))"); continue }
            switch f.type {
            case .string, .text: defaults.append("\(attr)=name")
            case .email: defaults.append("\(attr)=f\"{name}@localhost\"")
            case .enumeration: defaults.append("\(attr)=\(PythonCode.string(f.allowedValues?.first ?? ""))")
            case .integer, .number: defaults.append("\(attr)=\(PythonCode.number(f.minimum ?? f.exclusiveMinimum.map { $0 + 1 } ?? 0))")
            case .boolean: defaults.append("\(attr)=False")
            case .date: defaults.append("\(attr)=date(2000, 1, 1)")
            case .datetime: defaults.append("\(attr)=datetime(2000, 1, 1, tzinfo=timezone.utc)")
            }
        }
        adminDefaults = defaults.map { ", " + $0 }.joined()
        adminIdentityLiteral = PythonCode.string(spec.accounts?.identity.type == .email ? "root.admin@example.com" : "root_admin")
        adminPasswordLiteral = PythonCode.string("Admin-pass-for-tests-1")
        adminLoginLiteral = "{\(PythonCode.string(spec.accounts?.identity.name ?? "username")): \(adminIdentityLiteral), \"password\": \(adminPasswordLiteral)}"
        ruleTests = entities.map(\.tests).filter(\.present)
        allTests = plan.tests.map(\.key)
    }

    /// Every registered test key (for the target's own checks).
    let allTests: [String]

    static func modelImports(accounts: [PythonAccountsModel], entities: [PythonEntityModel]) -> [String] {
        modelImports(declarations: (accounts.flatMap(\.columns) + entities.flatMap(\.columns)).map(\.declaration))
    }

    /// The imports of models.py for these column declarations (shared by the Python targets).
    static func modelImports(declarations: [String]) -> [String] {
        let text = declarations.joined(separator: "\n")
        var dt: [String] = []
        // "Mapped[date]" or "Mapped[date | None]", not the start of "Mapped[datetime]".
        if text.contains("Mapped[date]") || text.contains("Mapped[date |") { dt.append("date") }
        if text.contains("Mapped[datetime") { dt.append("datetime") }
        var lines: [String] = []
        if !dt.isEmpty { lines += ["from datetime import \(dt.joined(separator: ", "))", ""] }
        lines += ["import sqlalchemy as sa", "from sqlalchemy.orm import Mapped, mapped_column", "", "from database import Base"]
        return lines
    }
}

extension RenderedFiles {
    /// The shared modules and tests of contract v2, where the spec uses them: `relations.py`,
    /// `actions.py` and one `tests/test_<plural>_rules.py` per entity with relations, roles or actions.
    mutating func addContractFiles(_ model: PythonViewModel) throws {
        if model.usesRelations { try add("relations.py", "relations.py", model) }
        if model.usesActions { try add("actions.py", "actions.py", model) }
        for tests in model.ruleTests {
            try add("tests/test_\(tests.plural)_rules.py", PythonViewModel.ruleTestTemplate, tests)
        }
    }
}

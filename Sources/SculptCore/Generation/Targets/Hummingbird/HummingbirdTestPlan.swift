/// The tests of the generated Swift suite, registered in a `TestPlan` with the spec refs each proves:
/// the same refs, keys and edge cases (`EdgeCase`) as the Python suites wherever the two suites hold
/// the same test, so every clause of the requirement is cited by the tests that prove it.
struct HummingbirdTestPlan {
    /// One edge test of one field: its plan key, its values, and the field it probes.
    struct Edge {
        let key: String
        let edge: EdgeCase
        let field: HummingbirdField
    }

    let plan = TestPlan()
    private(set) var signUpEdges: [Edge] = []
    private(set) var entityEdges: [String: [Edge]] = [:]

    init(spec: AppSpec, context: GenerationContext) {
        // The root of the refs: clauses nothing else proves are cited by the health test.
        plan.add("app.health", "The server answers GET /health with {\"status\": \"ok\"}.", refs: [""])
        plan.add("app.page", "The web page is served at /.", refs: [])
        plan.add("app.unknownRoute", "An unknown address answers 404 with the error body, not HTML.", refs: [])
        plan.add("app.badBodies", "Bodies that are not a JSON object, or are too large, are refused with the error body.", refs: [])
        plan.add("app.dateTimes", "Dates and times are checked and kept in UTC.", refs: [])
        if let a = spec.accounts { registerAccounts(a, context: context) }
        for e in spec.entities { registerEntity(e, context: context) }
        plan.cite(spec.clauses)
    }

    private mutating func registerAccounts(_ a: Accounts, context: GenerationContext) {
        let identity = a.identity
        plan.add("accounts.register", "Signs up: 201 with the account and a success message, never the password.",
                 refs: ["accounts", "accounts.register", "accounts.fields"] + a.fields.map { "accounts.fields.\($0.name)" })
        plan.add("accounts.hash", "Stores the password only as a salted bcrypt hash.",
                 refs: ["accounts.password", "accounts.password.hash", "accounts.register"])
        plan.add("accounts.massAssignment", "Ignores id, is_admin and other fields the client may not set.", refs: ["accounts.register"])
        plan.add("accounts.duplicate", "Refuses a second account with the same \(identity.label) (409, naming the field), also when racing.",
                 refs: ["accounts.identity", "accounts.identity.unique"])
        for f in HummingbirdField.of(context.schemas.signUp) {
            signUpEdges += EdgeCase.register(f.input, refBase: EdgeCase.accountRefBase(f.name, identity: identity.name),
                                             keyBase: "accounts.field", plan: plan).map { Edge(key: $0.key, edge: $0.edge, field: f) }
        }
        if a.login {
            plan.add("accounts.login", "Logs in with the right credentials; a wrong password or an unknown \(identity.label) gets 401.",
                     refs: ["accounts.login"])
            plan.add("accounts.expiry", "A token is signed and expires after \(a.tokenHours) hours.", refs: ["accounts.tokenHours", "accounts.token"])
        }
        if a.login && a.profile {
            plan.add("accounts.me", "Shows the signed-in user's own account; no token or a forged one gets 401.",
                     refs: ["accounts.profile", "accounts.me"])
        }
    }

    private mutating func registerEntity(_ e: Entity, context: GenerationContext) {
        let ref = "entities.\(e.name)", key = "\(e.name).", label = e.label
        let fields = HummingbirdField.of(context.schemas.input(e))
        let has = { (op: EntityOperation) in e.supports(op) }
        // Every test below creates its records with POST, as the template does.
        guard has(.create) else {
            if has(.get) { plan.add(key + "getMissing", "Answers 404 for a \(label) that does not exist.", refs: ["\(ref).get"]) }
            return
        }
        plan.add(key + "create", "Creates a \(label): 201 with its id and every field, as sent; id and unknown fields are ignored.",
                 refs: [ref, "\(ref).create", "\(ref).fields"] + e.fields.map { "\(ref).fields.\($0.name)" })
        var edges: [Edge] = []
        for f in fields {
            edges += EdgeCase.register(f.input, refBase: "\(ref).fields.\(f.name)", keyBase: e.name + ".field", plan: plan)
                .map { Edge(key: $0.key, edge: $0.edge, field: f) }
        }
        entityEdges[e.name] = edges
        for f in fields where f.unique {
            plan.add(key + "unique." + f.name, "Refuses a second \(label) with the same \(f.label) (409 naming the field).",
                     refs: ["\(ref).fields.\(f.name).unique"])
        }
        if has(.list) {
            var refs = ["\(ref).list"]
            if let f = HummingbirdEntityTestsModel.searchProbe(e, fields)?.field {
                refs += ["\(ref).search", "\(ref).searchable", "\(ref).fields.\(f.name).search"]
            }
            plan.add(key + "list", "Lists \(label) page by page (page_size at most 100)\(refs.count > 1 ? ", and finds them by a case-insensitive substring" : "").",
                     refs: refs)
        }
        if has(.get) { plan.add(key + "getMissing", "Answers 404 for a \(label) that does not exist.", refs: ["\(ref).get"]) }
        if has(.update) {
            plan.add(key + "update", "PUT replaces a \(label), PATCH changes only the fields sent, an empty PATCH is refused.",
                     refs: ["\(ref).update"])
        }
        if has(.delete) { plan.add(key + "delete", "Deletes a \(label) (204); it is gone afterwards.", refs: ["\(ref).delete"]) }
        if e.access.write == .owner {
            plan.add(key + "owner", "Only the owner of a \(label) may change or delete it: 401 without a token, 403 for anyone else.",
                     refs: ["\(ref).access"])
        }
        if e.access.read == .owner {
            plan.add(key + "private", "A \(label) is private: others neither list nor read it.", refs: ["\(ref).access"])
        }
        if e.isOwned && e.access.read == .anyone {
            plan.add(key + "publicRead", "Anyone reads \(label), without signing in.", refs: ["\(ref).access"])
        }
    }

    /// The doc comment above a test: its summary, then one `Requirement:` line per clause it proves.
    func comment(_ key: String) -> String {
        HummingbirdTestValues.docComment(plan.summary(key), requirements: plan.requirements(key))
    }

    /// Doc comments of the tests whose key starts with `prefix`, keyed by the rest of the key.
    func comments(prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        for t in plan.tests where t.key.hasPrefix(prefix) { out[String(t.key.dropFirst(prefix.count))] = comment(t.key) }
        return out
    }
}

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
        for e in spec.entities { registerContract(e, spec: spec) }
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
        if !a.roles.isEmpty && a.login {
            plan.add("accounts.roles", "Sign-up never grants a role, whatever the body asks; the account named by ADMIN_USERNAME and ADMIN_PASSWORD holds every role.",
                     refs: ["accounts.roles"] + a.roles.map { "accounts.roles.\($0.name)" })
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
        if Self.ownerWrites(e) {
            plan.add(key + "owner", "Only the owner of a \(label) may change or delete it: 401 without a token, 403 for anyone else.",
                     refs: ["\(ref).access"])
        }
        if Self.ownerReads(e) {
            plan.add(key + "private", "A \(label) is private: others neither list nor read it.", refs: ["\(ref).access"])
        }
        if Self.publicReads(e) {
            plan.add(key + "publicRead", "Anyone reads \(label), without signing in.", refs: ["\(ref).access"])
        }
    }

    /// Whether updating or deleting is for the owner (and maybe some roles), not every signed-in user.
    static func ownerWrites(_ e: Entity) -> Bool {
        [EntityOperation.update, .delete].contains { e.supports($0) && e.grants(for: $0).restrictsToOwner }
    }

    /// Whether reading is for the owner: others neither list nor read a record.
    static func ownerReads(_ e: Entity) -> Bool {
        [EntityOperation.list, .get].contains { e.supports($0) && e.grants(for: $0).restrictsToOwner }
            && !HummingbirdTestTokens.reservedToRoles(e.grants(for: .get))
    }

    /// Whether owned records are read by anyone, without signing in.
    static func publicReads(_ e: Entity) -> Bool {
        e.isOwned && [EntityOperation.list, .get].contains { e.supports($0) && e.grants(for: $0).allowsAnyone }
    }

    /// The contract v2 tests of one entity: its relations, its operations reserved to roles, its actions.
    private mutating func registerContract(_ e: Entity, spec: AppSpec) {
        let ref = "entities.\(e.name)", key = "\(e.name).", label = e.label
        for (f, relation) in e.relations {
            guard let parent = spec.entity(named: relation.entity) else { continue }
            if Self.relationTestable(e, parent: parent) {
                plan.add(key + "relation." + f.name,
                         "Refuses a \(label) whose \(f.label) names no \(parent.label) (400 naming \(f.name))\(e.supports(.list) ? ", and lists them by \(f.name)" : "").",
                         refs: ["\(ref).fields.\(f.name).relation", "\(ref).fields.\(f.name)"] + (e.supports(.list) ? ["\(ref).list"] : []))
            }
            if Self.childSource(e, field: f, parent: parent) != nil {
                let what = relation.onDelete == .cascade
                    ? "Deleting a \(parent.label) deletes its \(e.plural) in the same transaction."
                    : "Deleting a \(parent.label) is refused with 409 while it has \(e.plural)."
                plan.add(key + "onDelete." + f.name, what, refs: ["\(ref).fields.\(f.name).relation.onDelete", "entities.\(parent.name).delete"])
            }
        }
        let reserved = Self.reservedOperations(e)
        let reservedActions = e.actions.filter { HummingbirdTestTokens.reservedToRoles($0.access) }
        if !reserved.isEmpty || !reservedActions.isEmpty {
            var refs = reserved.map { "\(ref).permissions.\($0.rawValue)" } + reservedActions.map { "\(ref).actions.\($0.name).access" }
            let roles = Set(reserved.flatMap { e.grants(for: $0).roleNames } + reservedActions.flatMap { $0.access.roleNames })
            refs += roles.sorted().map { "accounts.roles.\($0)" }
            let ops = reserved.map(\.rawValue) + reservedActions.map(\.name)
            plan.add(key + "roles", "Only holders of \(roles.sorted().joined(separator: ", ")) may \(ops.joined(separator: ", ")) \(e.plural): 401 without a token, 403 for a plain user and for one who asked for a role at sign-up; the admin account may.",
                     refs: refs)
        }
        let math = ActionRuleMath(entity: e)
        for a in e.actions where e.supports(.create) {
            let aref = "\(ref).actions.\(a.name)"
            let akey = key + "action." + a.name
            plan.add(akey, "\(a.label): \(a.onlyCreates ? "201 with the record it creates" : "200 with the \(label) after its effects"); 404 for an unknown \(label)\(a.access.allowsAnyone ? "" : ", 401 without a token").",
                     refs: [aref, "\(aref).effects", "\(aref).access"])
            guard math.satisfying(a) != nil else { continue }
            if math.violating(a) != nil {
                plan.add(akey + ".precondition", "\(a.label) is refused with 409 precondition_failed, in the requirement's words, when its rule does not hold.",
                         refs: ["\(aref).preconditions"])
            }
            if a.oncePerUser {
                plan.add(akey + ".once", "Each user may \(a.name) a \(label) once: the second time answers 409 conflict.", refs: ["\(aref).oncePerUser"])
            }
            if Self.racing(a, math: math) {
                plan.add(akey + ".race", "Eight racing \(a.name) calls, released together, where the rules allow one: one success, seven 409.",
                         refs: (a.preconditions.isEmpty ? [] : ["\(aref).preconditions"]) + (a.oncePerUser ? ["\(aref).oncePerUser"] : []))
            }
        }
    }

    /// Whether a child's relation can be probed over HTTP: it is created by POST.
    static func relationTestable(_ e: Entity, parent: Entity) -> Bool {
        e.supports(.create) && parent.supports(.create) && parent.name != e.name
    }

    /// How a test makes a child of a deletable parent: by POST, or by an action on the parent that creates it.
    static func childSource(_ e: Entity, field: Field, parent: Entity) -> (viaCreate: Bool, action: DomainAction?)? {
        guard parent.supports(.create), parent.supports(.delete), parent.name != e.name else { return nil }
        if e.supports(.create) { return (true, nil) }
        guard e.supports(.list) || e.supports(.get) else { return nil }
        let math = ActionRuleMath(entity: parent)
        if let a = parent.actions.first(where: { $0.createdEntity == e.name && math.satisfying($0) != nil }), e.supports(.list) {
            return (false, a)
        }
        return nil
    }

    /// The standard operations reserved to roles (plain users get 403).
    static func reservedOperations(_ e: Entity) -> [EntityOperation] {
        EntityOperation.allCases.filter { e.supports($0) && HummingbirdTestTokens.reservedToRoles(e.grants(for: $0)) }
    }

    /// Whether racing callers of `a` must get exactly one success.
    static func racing(_ a: DomainAction, math: ActionRuleMath) -> Bool {
        guard let start = math.satisfying(a) else { return false }
        return a.oncePerUser || (!a.preconditions.isEmpty && math.usedUpAfterOne(a, from: start))
    }

    /// The doc comment above a test: its summary, then one `Requirement:` line per clause it proves.
    func comment(_ key: String) -> String {
        HummingbirdTestValues.docComment(plan.summary(key), requirements: plan.requirements(key))
    }

    /// Doc comments of the tests whose key starts with `prefix`, keyed by the rest of the key.
    func comments(prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        for (key, rest) in plan.keys(withPrefix: prefix) { out[rest] = comment(key) }
        return out
    }
}

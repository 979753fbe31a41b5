/// What the generated tests print for accounts.
struct HummingbirdAccountTestsModel {
    let hasLogin: Bool
    let hasProfile: Bool
    let registerPath: String
    let loginPath: String
    let mePath: String
    let identityName: String
    let identityLabel: String
    let tokenHours: Int
    let edgeCases: [HummingbirdEdgeCaseModel]
    /// Doc comments of the account tests, keyed by test (`register`, `login`...).
    let doc: [String: String]
    let hasRoles: Bool
    let roleNames: String
    let firstRole: String

    init(_ a: HummingbirdAccountsModel, spec: Accounts, context: GenerationContext, tests: HummingbirdTestPlan) {
        let path = { (action: APIAction) in context.plan.path(of: action) ?? "/api/auth/\(action.rawValue)" }
        hasLogin = a.hasLogin
        hasProfile = a.hasProfile
        hasRoles = a.hasRoles && a.hasLogin
        roleNames = a.roleNames
        firstRole = a.firstRole
        let registerPath = path(.register)
        self.registerPath = registerPath
        loginPath = path(.login)
        mePath = path(.me)
        identityName = a.identityName
        identityLabel = comment(spec.identity.label)
        tokenHours = spec.tokenHours
        edgeCases = tests.signUpEdges.map {
            HummingbirdEdgeCaseModel($0, tests: tests, url: registerPath, makeBody: "signUpBody", needsToken: false)
        }
        doc = tests.comments(prefix: "accounts.")
    }
}

/// One edge test: the values of one field refused (400 naming it) and accepted (201).
struct HummingbirdEdgeCaseModel {
    let doc: String
    let title: String
    let function: String
    let url: String
    /// The helper building a valid body (`sampleProduct`, `signUpBody`).
    let makeBody: String
    let needsToken: Bool
    /// How the test signs in, and the parents it makes first (samples point at record 1 of each).
    let tokenLine: String
    let seed: [String]
    let field: String
    let rejected: String
    let accepted: String
    let hasAccepted: Bool
    /// Whether an accepted value comes back as sent (date-times come back in UTC, normalised).
    let echoes: String

    init(_ e: HummingbirdTestPlan.Edge, tests: HummingbirdTestPlan, url: String, makeBody: String, needsToken: Bool,
         tokenLine: String = "try await signIn(client)", seed: [String] = []) {
        self.tokenLine = tokenLine
        self.seed = seed
        doc = tests.comment(e.key)
        title = SwiftCode.string(e.edge.summary)
        function = SwiftCode.property("edge_\(e.field.name)_\(e.edge.constraint)").replacingOccurrences(of: "`", with: "")
        self.url = url
        self.makeBody = makeBody
        self.needsToken = needsToken
        field = SwiftCode.string(e.field.name)
        rejected = HummingbirdTestValues.list(e.edge.rejected)
        accepted = HummingbirdTestValues.list(e.edge.accepted)
        hasAccepted = !e.edge.accepted.isEmpty
        echoes = e.field.format == "date-time" ? "false" : "true"
    }
}

/// What the generated tests print for one entity.
struct HummingbirdEntityTestsModel {
    let name: String
    let plural: String
    let typeName: String
    let url: String
    let docLabel: String
    let operationsDoc: String
    let accessDoc: String
    let sample: String
    let needsToken: Bool
    let fields: [HummingbirdNamedCase]
    let edgeCases: [HummingbirdEdgeCaseModel]
    let uniqueFields: [HummingbirdUniqueCase]
    let hasCreate: Bool
    let hasList: Bool
    let hasGet: Bool
    let hasUpdate: Bool
    let hasDelete: Bool
    let hasSearch: Bool
    let searchCase: [HummingbirdSearchCase]
    let patchField: [HummingbirdPatchCase]
    let writeOwner: Bool
    let readOwner: Bool
    let publicRead: Bool
    let othersWriteStatus = "== .forbidden"
    /// Doc comments of the entity's tests, keyed by test (`create`, `list`...).
    let doc: [String: String]
    /// How a test signs in to work with this entity (`try await signIn(client)`, the admin, or nil).
    let tokenLine: String
    /// Who creates the record others then try to change (owner tests).
    let aliceLine: String
    /// Creating a record needs its parents (samples point at record 1 of each).
    let hasParents: Bool
    let parents: [String]
    let creatorToken: String
    let relationTests: [HummingbirdRelationTestModel]
    let roleTests: [HummingbirdRoleTestModel]
    let actionTests: [HummingbirdActionTestModel]

    init(_ m: HummingbirdEntityModel, spec: AppSpec, tests: HummingbirdTestPlan) {
        let e = m.entity
        name = e.name
        plural = e.plural
        typeName = m.typeName
        url = m.url
        docLabel = m.docLabel
        operationsDoc = m.operationsDoc
        accessDoc = m.accessDoc
        sample = m.checked.map { "\(SwiftCode.string($0.name)): \(HummingbirdTestValues.sample($0))" }.joined(separator: ", ")
        let opGrants = EntityOperation.allCases.filter { e.supports($0) }.map { e.grants(for: $0) }
        let needsToken = opGrants.contains { !$0.allowsAnyone } || e.isOwned
        self.needsToken = needsToken
        let useAdmin = opGrants.contains(where: HummingbirdTestTokens.reservedToRoles)
        tokenLine = useAdmin ? "try await signInAdmin(client)" : "try await signIn(client)"
        creatorToken = HummingbirdTestTokens.caller(e.grants(for: .create))
        aliceLine = HummingbirdTestTokens.reservedToRoles(e.grants(for: .create)) ? "try await signInAdmin(client)" : "try await signIn(client)"
        var parents: [String] = []
        for (_, r) in e.relations where r.entity != e.name {
            if let p = spec.entity(named: r.entity), p.supports(.create) {
                let t = HummingbirdEntityModel.typeName(of: p)
                if !parents.contains(t) { parents.append(t) }
            }
        }
        self.parents = parents
        hasParents = !parents.isEmpty
        let tokenLine = self.tokenLine
        let seed = parents.isEmpty ? [] : ["try await seed\(m.typeName)Parents(client)"]
        edgeCases = (tests.entityEdges[e.name] ?? []).map {
            HummingbirdEdgeCaseModel($0, tests: tests, url: m.url, makeBody: "sample\(m.typeName)", needsToken: needsToken,
                                     tokenLine: tokenLine, seed: seed)
        }
        fields = m.checked.enumerated().map { HummingbirdNamedCase(index: $0.offset, name: $0.element.name) }

        uniqueFields = m.checked.filter(\.unique).map {
            HummingbirdUniqueCase(name: $0.name, property: SwiftCode.typeName($0.name), entityName: e.name, typeName: m.typeName,
                                  url: m.url, needsToken: needsToken, doc: tests.comment("\(e.name).unique.\($0.name)"))
        }
        hasCreate = e.supports(.create)
        hasList = e.supports(.list)
        hasGet = e.supports(.get)
        hasUpdate = e.supports(.update)
        hasDelete = e.supports(.delete)
        hasSearch = m.hasSearch
        searchCase = Self.searchProbe(e, m.checked).map {
            [HummingbirdSearchCase(field: $0.field.name, alpha: SwiftCode.string($0.alpha), bravo: SwiftCode.string($0.bravo), needle: "phaqzx")]
        } ?? []
        if let f = m.checked.first(where: HummingbirdTestValues.isFreeText), let value = HummingbirdTestValues.fitted("Patched", f) {
            patchField = [HummingbirdPatchCase(name: f.name, value: SwiftCode.string(value))]
        } else {
            patchField = []
        }
        writeOwner = HummingbirdTestPlan.ownerWrites(e)
        readOwner = HummingbirdTestPlan.ownerReads(e)
        publicRead = HummingbirdTestPlan.publicReads(e)
        let doc = tests.comments(prefix: "\(e.name).")
        self.doc = doc
        relationTests = Self.relationTests(e, spec: spec, doc: doc)
        let reserved = HummingbirdTestPlan.reservedOperations(e)
        let reservedActions = e.actions.filter { HummingbirdTestTokens.reservedToRoles($0.access) }
        if let roleDoc = doc["roles"] {
            roleTests = [HummingbirdRoleTestModel(doc: roleDoc, createReserved: reserved.contains(.create), updateReserved: reserved.contains(.update),
                                                  deleteReserved: reserved.contains(.delete), getReserved: reserved.contains(.get),
                                                  listReserved: reserved.contains(.list), actions: reservedActions.map(\.name))]
        } else {
            roleTests = []
        }
        actionTests = e.supports(.create) ? e.actions.map { Self.actionTest($0, e, m, spec: spec, doc: doc) } : []
    }

    static func relationTests(_ e: Entity, spec: AppSpec, doc: [String: String]) -> [HummingbirdRelationTestModel] {
        e.relations.compactMap { f, r in
            guard let parent = spec.entity(named: r.entity) else { return nil }
            let source = HummingbirdTestPlan.childSource(e, field: f, parent: parent)
            guard doc["relation." + f.name] != nil || source != nil else { return nil }
            let action = source?.action
            let pmath = HummingbirdRuleMath(entity: parent)
            let parentValues = action.flatMap { pmath.satisfying($0) }.map { pmath.literal($0) } ?? ":"
            let childToken = action.map { HummingbirdTestTokens.caller(HummingbirdGrantsModel.needingUser($0.access)) }
                ?? HummingbirdTestTokens.caller(e.grants(for: .create))
            let deleteGrants = parent.grants(for: .delete)
            return HummingbirdRelationTestModel(
                hasRelationTest: doc["relation." + f.name] != nil, doc: doc["relation." + f.name] ?? "", onDeleteDoc: doc["onDelete." + f.name] ?? "", field: f.name,
                function: SwiftCode.typeName(f.name), parentType: HummingbirdEntityModel.typeName(of: parent),
                parentUrl: "/api/\(parent.plural)", childToken: childToken, hasList: e.supports(.list),
                hasOnDelete: source != nil, cascade: r.onDelete == .cascade, restrict: r.onDelete == .restrict,
                parentValues: parentValues,
                deleteToken: HummingbirdTestTokens.reservedToRoles(deleteGrants) ? "try await signInAdmin(client)" : "parent.token",
                viaCreate: source?.viaCreate ?? false, viaAction: action != nil, actionVerb: action?.name ?? "",
                childHasGet: e.supports(.get), childHasList: e.supports(.list), parentHasGet: parent.supports(.get),
                parentGetToken: HummingbirdTestTokens.reservedToRoles(parent.grants(for: .get)) ? "try await signInAdmin(client)" : "parent.token",
                childGetToken: HummingbirdTestTokens.reservedToRoles(e.grants(for: .get)) ? "try await signInAdmin(client)" : "childToken")
        }
    }

    static func actionTest(_ a: DomainAction, _ e: Entity, _ m: HummingbirdEntityModel, spec: AppSpec,
                           doc: [String: String]) -> HummingbirdActionTestModel {
        let math = HummingbirdRuleMath(entity: e)
        let start = math.satisfying(a)
        let key = "action." + a.name
        let grants = a.access
        let single: Bool
        let actorLine: String
        if HummingbirdTestTokens.reservedToRoles(grants) && !grants.contains(.owner) {
            (single, actorLine) = (true, "try await signInAdmin(client)")
        } else if grants.contains(.owner) && !grants.allowsEverySignedIn {
            (single, actorLine) = (true, "record.token")
        } else if grants.allowsAnyone && !(a.oncePerUser || a.createdEntity != nil) {
            (single, actorLine) = (false, "nil")
        } else {
            (single, actorLine) = (false, "try await signIn(client)")
        }
        var increments: [HummingbirdEffectCheck] = []
        var sets: [HummingbirdEffectCheck] = []
        var creates: [HummingbirdCreatedCheck] = []
        for effect in a.effects {
            switch effect {
            case .increment(let field, let by):
                increments.append(HummingbirdEffectCheck(field: field, value: SwiftCode.number(by)))
            case .set(let field, let v):
                if let x = HummingbirdTestScalar(v) {
                    sets.append(HummingbirdEffectCheck(field: field, value: x.literal(integer: e.field(named: field)?.type == .integer)))
                }
            case .create(let name):
                guard let made = spec.entity(named: name), let link = made.relations.first(where: { $0.relation.entity == e.name }) else { continue }
                if made.supports(.list) {
                    let listGrants = made.grants(for: .list)
                    creates.append(HummingbirdCreatedCheck(
                        createdUrl: "/api/\(made.plural)", relationField: link.field.name, answersCreated: a.onlyCreates,
                        listToken: HummingbirdTestTokens.reservedToRoles(listGrants) && !listGrants.contains(.owner) ? "try await signInAdmin(client)" : "actor"))
                }
            }
        }
        let violating = math.violating(a)
        // The first rule's message as the server words it (the spec's, or one made from the rule).
        let message = a.preconditions.isEmpty ? "" : m.actions.first { $0.verb == a.name }?.rules.first?.message ?? ""
        return HummingbirdActionTestModel(
            verb: a.name, function: SwiftCode.property(a.name).replacingOccurrences(of: "`", with: "") + "Action",
            doc: doc[key] ?? "", preconditionDoc: doc[key + ".precondition"] ?? "", onceDoc: doc[key + ".once"] ?? "",
            raceDoc: doc[key + ".race"] ?? "", satisfying: start.map { math.literal($0) } ?? ":", actorLine: actorLine,
            needsToken: !grants.allowsAnyone, status: a.onlyCreates ? "created" : "ok",
            increments: start == nil ? [] : increments, sets: start == nil ? [] : sets, creates: start == nil ? [] : creates,
            hasPrecondition: doc[key + ".precondition"] != nil, violating: violating.map { math.literal($0) } ?? ":",
            message: message,
            oncePerUser: doc[key + ".once"] != nil, hasRace: doc[key + ".race"] != nil,
            // One account may act, or only the once-per-user rule limits it: that account races itself.
            // Anyone may act: who races does not matter.
            raceActor: single || a.preconditions.isEmpty || grants.allowsAnyone ? "actor" : "try await signIn(client)")
    }

    /// The free-text field the list test searches, with a value that the needle `phaqzx` finds and
    /// one it does not; nil when no searchable field can hold them.
    static func searchProbe(_ e: Entity, _ fields: [HummingbirdField]) -> (field: HummingbirdField, alpha: String, bravo: String)? {
        guard e.supports(.list),
              let f = fields.first(where: { e.searchable.contains($0.name) && HummingbirdTestValues.isFreeText($0) }),
              let alpha = HummingbirdTestValues.fitted("AlphaQZX", f), let bravo = HummingbirdTestValues.fitted("Bravo", f),
              alpha.count >= 8 else { return nil }
        return (f, alpha, bravo)
    }
}

struct HummingbirdNamedCase {
    let index: Int
    let name: String
}

struct HummingbirdUniqueCase {
    let name: String
    let property: String
    let entityName: String
    let typeName: String
    let url: String
    let needsToken: Bool
    let doc: String
}

struct HummingbirdSearchCase {
    let field: String
    let alpha: String
    let bravo: String
    let needle: String
}

struct HummingbirdPatchCase {
    let name: String
    let value: String
}

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

    init(_ a: HummingbirdAccountsModel, spec: Accounts, context: GenerationContext, tests: HummingbirdTestPlan) {
        let path = { (action: APIAction) in context.plan.path(of: action) ?? "/api/auth/\(action.rawValue)" }
        hasLogin = a.hasLogin
        hasProfile = a.hasProfile
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
    let field: String
    let rejected: String
    let accepted: String
    let hasAccepted: Bool
    /// Whether an accepted value comes back as sent (date-times come back in UTC, normalised).
    let echoes: String

    init(_ e: HummingbirdTestPlan.Edge, tests: HummingbirdTestPlan, url: String, makeBody: String, needsToken: Bool) {
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

    init(_ m: HummingbirdEntityModel, tests: HummingbirdTestPlan) {
        let e = m.entity
        name = e.name
        plural = e.plural
        typeName = m.typeName
        url = m.url
        docLabel = m.docLabel
        operationsDoc = m.operationsDoc
        accessDoc = m.accessDoc
        sample = m.checked.map { "\(SwiftCode.string($0.name)): \(HummingbirdTestValues.sample($0))" }.joined(separator: ", ")
        let needsToken = e.access.read != .anyone || e.access.write != .anyone || e.isOwned
        self.needsToken = needsToken
        fields = m.checked.enumerated().map { HummingbirdNamedCase(index: $0.offset, name: $0.element.name) }
        edgeCases = (tests.entityEdges[e.name] ?? []).map {
            HummingbirdEdgeCaseModel($0, tests: tests, url: m.url, makeBody: "sample\(m.typeName)", needsToken: needsToken)
        }
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
        writeOwner = e.access.write == .owner
        readOwner = e.access.read == .owner
        publicRead = e.isOwned && e.access.read == .anyone
        doc = tests.comments(prefix: "\(e.name).")
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

/// What the generated tests print for accounts.
struct HummingbirdAccountTestsModel {
    let hasLogin: Bool
    let hasProfile: Bool
    let registerPath: String
    let loginPath: String
    let mePath: String
    let identityName: String
    let identityLabel: String
    let passwordMin: Int
    let tokenHours: Int
    let requiredFields: [HummingbirdNamedCase]

    init(_ a: HummingbirdAccountsModel, spec: Accounts, context: GenerationContext) {
        let path = { (action: APIAction) in context.plan.path(of: action) ?? "/api/auth/\(action.rawValue)" }
        hasLogin = a.hasLogin
        hasProfile = a.hasProfile
        registerPath = path(.register)
        loginPath = path(.login)
        mePath = path(.me)
        identityName = a.identityName
        identityLabel = comment(spec.identity.label)
        passwordMin = max(1, spec.password.minLength)
        tokenHours = spec.tokenHours
        requiredFields = a.signUp.filter(\.required).enumerated().map { HummingbirdNamedCase(index: $0.offset, name: $0.element.name) }
    }
}

struct HummingbirdNamedCase {
    let index: Int
    let name: String
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
    let invalidCases: [HummingbirdInvalidCase]
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

    init(_ m: HummingbirdEntityModel) {
        let e = m.entity
        name = e.name
        plural = e.plural
        typeName = m.typeName
        url = m.url
        docLabel = m.docLabel
        operationsDoc = m.operationsDoc
        accessDoc = m.accessDoc
        sample = m.checked.map { "\(SwiftCode.string($0.name)): \(HummingbirdTestValues.sample($0))" }.joined(separator: ", ")
        needsToken = e.access.read != .anyone || e.access.write != .anyone || e.isOwned
        fields = m.checked.enumerated().map { HummingbirdNamedCase(index: $0.offset, name: $0.element.name) }
        invalidCases = m.checked.flatMap { f in
            HummingbirdTestValues.invalid(f).map { HummingbirdInvalidCase(field: SwiftCode.string(f.name), value: $0) }
        }
        uniqueFields = m.checked.filter(\.unique).map {
            HummingbirdUniqueCase(name: $0.name, property: SwiftCode.typeName($0.name), entityName: e.name, typeName: m.typeName,
                                  url: m.url, needsToken: e.access.read != .anyone || e.access.write != .anyone || e.isOwned)
        }
        hasCreate = e.supports(.create)
        hasList = e.supports(.list)
        hasGet = e.supports(.get)
        hasUpdate = e.supports(.update)
        hasDelete = e.supports(.delete)
        hasSearch = m.hasSearch
        let searchable = m.checked.filter { e.searchable.contains($0.name) && HummingbirdTestValues.isFreeText($0) }
        if m.hasSearch, let f = searchable.first, let alpha = HummingbirdTestValues.fitted("AlphaQZX", f),
           let bravo = HummingbirdTestValues.fitted("Bravo", f), alpha.count >= 8 {
            searchCase = [HummingbirdSearchCase(field: f.name, alpha: SwiftCode.string(alpha), bravo: SwiftCode.string(bravo), needle: "phaqzx")]
        } else {
            searchCase = []
        }
        if let f = m.checked.first(where: HummingbirdTestValues.isFreeText), let value = HummingbirdTestValues.fitted("Patched", f) {
            patchField = [HummingbirdPatchCase(name: f.name, value: SwiftCode.string(value))]
        } else {
            patchField = []
        }
        writeOwner = e.access.write == .owner
        readOwner = e.access.read == .owner
        publicRead = e.isOwned && e.access.read == .anyone
    }
}

struct HummingbirdInvalidCase {
    let field: String
    let value: String
}

struct HummingbirdUniqueCase {
    let name: String
    let property: String
    let entityName: String
    let typeName: String
    let url: String
    let needsToken: Bool
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

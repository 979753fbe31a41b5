/// Everything the Hummingbird templates print for one entity: its record, input, table and routes.
struct HummingbirdEntityModel {
    let name: String
    let plural: String
    let typeName: String
    let table: String
    let url: String
    let routePath: String
    let docLabel: String
    let labelLiteral: String
    let fields: [HummingbirdFieldModel]
    let uniqueRules: String
    let owned: Bool
    let readOwner: Bool
    let writeOwner: Bool
    let createGuard: [String]
    let readGuard: [String]
    let writeGuard: [String]
    let hasCreate: Bool
    let hasList: Bool
    let hasGet: Bool
    let hasUpdate: Bool
    let hasDelete: Bool
    let hasWrites: Bool
    let hasSearch: Bool
    let searchColumns: String
    let operationsDoc: String
    let accessDoc: String
    /// Its table, for Database.swift.
    let tableModel: HummingbirdTableModel
    /// The checked fields, for the tests.
    let checked: [HummingbirdField]
    let entity: Entity

    /// Type names an entity may not take (the generated code's own types).
    static let reservedTypeNames: Set<String> = [
        "User", "UserView", "Rule", "Page", "APIError", "Request", "Response", "Router", "Application", "AppServices",
        "JSONValue", "FieldReader", "ListQuery", "Paging", "Formats", "Messages", "Tokens", "Passwords", "Column", "Database",
        "AppDatabase", "AppConfiguration", "JSONResponse", "ErrorMiddleware", "SignUpInput", "LoginInput", "LoginAnswer",
    ]

    init(_ e: Entity, context: GenerationContext) {
        var typeName = SwiftCode.typeName(e.name)
        if Self.reservedTypeNames.contains(typeName) { typeName += "Record" }
        let fields = HummingbirdField.of(context.schemas.input(e))
        let has = { (op: EntityOperation) in e.supports(op) }
        func guardLine(_ a: Audience, always: Bool = false) -> [String] {
            switch a {
            case .owner: return ["let user = try await services.currentUser(request)"]
            case .signedIn: return always ? ["let user = try await services.currentUser(request)"] : ["_ = try await services.currentUser(request)"]
            case .anyone: return always ? ["let user = try await services.currentUser(request)"] : []
            }
        }
        self.entity = e
        name = e.name
        plural = e.plural
        self.typeName = typeName
        table = e.plural
        url = "/api/\(e.plural)"
        routePath = "api/\(e.plural)"
        docLabel = comment(e.label)
        labelLiteral = SwiftCode.string(e.label)
        self.fields = fields.map { HummingbirdFieldModel($0) }
        uniqueRules = fields.filter(\.unique).map { "\(typeName)Input.\($0.property)" }.joined(separator: ", ")
        owned = e.isOwned
        readOwner = e.access.read == .owner
        writeOwner = e.access.write == .owner
        createGuard = guardLine(e.access.write, always: e.isOwned)
        readGuard = guardLine(e.access.read)
        writeGuard = guardLine(e.access.write)
        hasCreate = has(.create)
        hasList = has(.list)
        hasGet = has(.get)
        hasUpdate = has(.update)
        hasDelete = has(.delete)
        hasWrites = has(.update) || has(.delete)
        let searchable = fields.filter { e.searchable.contains($0.name) }
        hasSearch = has(.list) && !searchable.isEmpty
        searchColumns = searchable.map { SwiftCode.string($0.name) }.joined(separator: ", ")
        operationsDoc = e.operationsSummary
        accessDoc = e.accessSummary
        var columns = fields.map(\.column)
        var indexes: [String] = []
        if e.isOwned {
            columns.append("t.column(\"owner_id\", .integer).notNull().references(\"users\", onDelete: .cascade)")
            indexes.append("try db.create(index: \"\(e.plural)_on_owner_id\", on: \"\(e.plural)\", columns: [\"owner_id\"], ifNotExists: true)")
        }
        tableModel = HummingbirdTableModel(table: e.plural, columns: columns, indexes: indexes)
        checked = fields
    }
}

/// One field as the record and input templates print it.
struct HummingbirdFieldModel {
    let name: String
    let property: String
    let swiftType: String
    let optionalType: String
    let reader: String
    let rule: String
    let placeholder: String
    let applyLine: String
    /// The record's value from a sign-up input (accounts).
    let fromInput: String
    /// Its `CodingKeys` case: `case title`, or `case birthDate = "birth_date"`.
    let codingCase: String

    init(_ f: HummingbirdField) {
        name = f.name
        property = f.property
        swiftType = f.swiftType
        optionalType = f.optionalType
        reader = f.reader
        rule = f.rule
        placeholder = f.placeholder
        applyLine = f.applyLine
        fromInput = f.storedOptional ? "input.\(f.property)" : "input.\(f.property) ?? \(f.placeholder)"
        codingCase = f.property == f.name ? "case \(f.property)" : "case \(f.property) = \(SwiftCode.string(f.name))"
    }
}

/// One table of Database.swift.
struct HummingbirdTableModel {
    let table: String
    let columns: [String]
    let indexes: [String]
}

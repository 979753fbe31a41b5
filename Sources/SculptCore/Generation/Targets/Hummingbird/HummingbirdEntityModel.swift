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
    /// Whether the app has login, so routes check grants (`AppServices.authorize`).
    let hasLogin: Bool
    /// One `Grants` constant per operation and action.
    let grants: [HummingbirdGrantsModel]
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
    /// The parents it belongs to.
    let relations: [HummingbirdRelationModel]
    let hasRelations: Bool
    /// Whether other entities belong to it, and those that restrict its delete (`ChildTable` literals).
    let hasChildren: Bool
    let hasRestrictChildren: Bool
    let restrictChildren: String
    let actions: [HummingbirdActionModel]
    /// Its table, and the log tables of its once-per-user actions, for Database.swift.
    let tableModels: [HummingbirdTableModel]
    /// The checked fields, for the tests.
    let checked: [HummingbirdField]
    let entity: Entity

    /// Type names an entity may not take (the generated code's own types).
    static let reservedTypeNames: Set<String> = [
        "User", "UserView", "Rule", "Page", "APIError", "Request", "Response", "Router", "Application", "AppServices",
        "JSONValue", "FieldReader", "ListQuery", "Paging", "Formats", "Messages", "Tokens", "Passwords", "Column", "Database",
        "AppDatabase", "AppConfiguration", "JSONResponse", "ErrorMiddleware", "SignUpInput", "LoginInput", "LoginAnswer",
        "Grants", "Caller", "ChildTable", "ActionRule", "AdminAccount",
    ]

    /// The Swift type of an entity's record (`Book`; `UserRecord` where the name is taken).
    static func typeName(of e: Entity) -> String {
        let name = SwiftCode.typeName(e.name)
        return reservedTypeNames.contains(name) ? name + "Record" : name
    }

    init(_ e: Entity, spec: AppSpec, context: GenerationContext) throws {
        let typeName = Self.typeName(of: e)
        let fields = HummingbirdField.of(context.schemas.input(e))
        let has = { (op: EntityOperation) in e.supports(op) }
        let hasLogin = spec.accounts?.login ?? false
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
        self.hasLogin = hasLogin
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
        relations = e.fields.compactMap { HummingbirdRelationModel($0, spec: spec) }
        hasRelations = !relations.isEmpty
        let children = spec.children(of: e.name)
        hasChildren = !children.isEmpty
        let restricting = children.filter { $0.relation.onDelete == .restrict }
        hasRestrictChildren = !restricting.isEmpty
        restrictChildren = restricting.map {
            "ChildTable(table: \(SwiftCode.string($0.entity.plural)), column: \(SwiftCode.string($0.field.name)), label: \(SwiftCode.string($0.entity.label)))"
        }.joined(separator: ", ")
        let actions = try e.actions.map { try HummingbirdActionModel($0, entity: e, spec: spec, catalog: context.catalog, typeName: typeName) }
        self.actions = actions
        var grants: [HummingbirdGrantsModel] = []
        if hasLogin {
            for op in EntityOperation.allCases where has(op) {
                var g = e.grants(for: op)
                // Whoever creates an owned record becomes its owner, so creating it needs a signed-in caller.
                if op == .create && e.isOwned { g = HummingbirdGrantsModel.needingUser(g) }
                grants.append(HummingbirdGrantsModel(name: "\(op.rawValue)Access", what: "\(op.rawValue) \(e.plural)", grants: g))
            }
            grants += actions.map(\.grants)
        }
        self.grants = grants
        var columns = fields.map { f in
            guard let r = f.field?.relation, let parent = spec.entity(named: r.entity) else { return f.column }
            return f.column + HummingbirdRelationModel.reference(parentTable: parent.plural, onDelete: r.onDelete)
        }
        var indexes: [String] = []
        for r in relations {
            indexes.append("try db.create(index: \"\(e.plural)_on_\(r.name)\", on: \"\(e.plural)\", columns: [\"\(r.name)\"], ifNotExists: true)")
        }
        if e.isOwned {
            columns.append("t.column(\"owner_id\", .integer).notNull().references(\"users\", onDelete: .cascade)")
            indexes.append("try db.create(index: \"\(e.plural)_on_owner_id\", on: \"\(e.plural)\", columns: [\"owner_id\"], ifNotExists: true)")
        }
        tableModels = [HummingbirdTableModel(table: e.plural, columns: columns, indexes: indexes)] + actions.compactMap(\.logTableModel)
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
    /// Its value in the admin account made at start: the identity given, else what a blank record holds.
    var adminValue: String

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
        adminValue = f.placeholder
    }
}

/// One table of Database.swift.
struct HummingbirdTableModel {
    let table: String
    let columns: [String]
    let indexes: [String]
}

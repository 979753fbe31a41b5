/// One domain action as the routes print it (`POST /api/books/{id}/borrow`): its rules and field effects
/// as ONE conditional UPDATE, the once-per-user log table, and the record it creates.
///
/// Everything the server decides is computed here as SQL text and Swift literals, so the template only
/// prints, and racing requests are settled by SQLite's single writer and that one statement.
struct HummingbirdActionModel {
    let entityName: String
    let verb: String
    /// The route's method (`borrowAction`); never a keyword or a member of the routes type.
    let function: String
    let labelLiteral: String
    let doc: String
    /// `let caller = ` when the body uses the caller, else `_ = `.
    let callerBinding: String
    /// Whether the route asks who calls (an app with login); without accounts every action is open to
    /// anyone (the validator sees to it).
    let authorized: Bool
    let checksOwner: Bool
    let oncePerUser: Bool
    /// `<entity>_<verb>_by`: one row per (user, record), a UNIQUE pair.
    let logTable: String
    /// The SET clause (a Swift string literal) and its arguments.
    let setSQL: String
    let setArguments: String
    let rules: [HummingbirdRuleModel]
    let creates: [HummingbirdCreateModel]
    let answersCreated: Bool
    let answerType: String
    let status: String
    let grants: HummingbirdGrantsModel
    /// The log table of Database.swift, when once per user.
    let logTableModel: HummingbirdTableModel?

    init(_ a: DomainAction, entity e: Entity, spec: AppSpec, catalog: MessageCatalog, typeName: String) throws {
        entityName = e.name
        verb = a.name
        function = SwiftCode.property(a.name).replacingOccurrences(of: "`", with: "") + "Action"
        labelLiteral = SwiftCode.string(a.label)
        let createdEntity = a.createdEntity.flatMap { spec.entity(named: $0) }
        let owned = e.isOwned
        checksOwner = owned
        oncePerUser = a.oncePerUser
        let needsUser = a.oncePerUser || createdEntity?.isOwned == true || (owned && a.access.contains(.owner))
        callerBinding = (checksOwner || needsUser) ? "let caller = " : "_ = "
        authorized = spec.accounts?.login ?? false
        grants = HummingbirdGrantsModel(name: function + "Access", what: "\(a.name) a \(e.name)",
                                        grants: needsUser ? HummingbirdGrantsModel.needingUser(a.access) : a.access)
        logTable = "\(e.name)_\(a.name)_by"
        logTableModel = a.oncePerUser ? HummingbirdTableModel(table: logTable, columns: [
            "t.column(\"user_id\", .integer).notNull().references(\"users\", onDelete: .cascade)",
            "t.column(\"record_id\", .integer).notNull().references(\(SwiftCode.string(e.plural)), onDelete: .cascade)",
            "t.uniqueKey([\"user_id\", \"record_id\"])",
        ], indexes: []) : nil

        // SET: each field effect; limits of the changed fields join the rules, so no effect breaks them.
        var sets: [String] = []
        var setArgs: [String] = []
        var rules: [HummingbirdRuleModel] = []
        for p in a.preconditions {
            rules.append(Self.rule(p, entity: e, catalog: catalog))
        }
        for effect in a.effects {
            switch effect {
            case .set(let field, let value):
                sets.append("\(Self.column(field)) = ?")
                setArgs.append(Self.literal(value, integer: e.field(named: field)?.type == .integer))
            case .increment(let field, let by):
                guard let f = e.field(named: field) else { continue }
                let current = f.required || f.defaultValue != nil ? Self.column(field) : "COALESCE(\(Self.column(field)), 0)"
                let step = f.type == .integer ? String(Int(by)) : SwiftCode.number(by)
                sets.append("\(Self.column(field)) = \(current) + ?")
                setArgs.append(step)
                let label = f.label
                if let min = f.minimum {
                    rules.append(HummingbirdRuleModel(sql: "\(current) + ? >= ?", arguments: [step, Self.bound(min, f)],
                                                      message: catalog.text("backend.too_small", ["label": label, "min": NumberText.format(min)])))
                }
                if let min = f.exclusiveMinimum {
                    rules.append(HummingbirdRuleModel(sql: "\(current) + ? > ?", arguments: [step, Self.bound(min, f)],
                                                      message: catalog.text("backend.not_above", ["label": label, "min": NumberText.format(min)])))
                }
                if let max = f.maximum {
                    rules.append(HummingbirdRuleModel(sql: "\(current) + ? <= ?", arguments: [step, Self.bound(max, f)],
                                                      message: catalog.text("backend.too_big", ["label": label, "max": NumberText.format(max)])))
                }
            case .create:
                break
            }
        }
        if sets.isEmpty { sets = ["id = id"] }
        setSQL = SwiftCode.string(sets.joined(separator: ", "))
        setArguments = setArgs.joined(separator: ", ")
        self.rules = rules

        if let made = createdEntity {
            guard let link = made.relations.first(where: { $0.relation.entity == e.name }) else {
                throw GenerationError.template("hummingbird", "\(made.name) has no field pointing at \(e.name) for the action '\(a.name)'")
            }
            creates = [HummingbirdCreateModel(created: made.name, createdType: HummingbirdEntityModel.typeName(of: made),
                                              relationField: link.field.name, createdOwned: made.isOwned)]
        } else {
            creates = []
        }
        answersCreated = a.onlyCreates && createdEntity != nil
        answerType = answersCreated ? creates[0].createdType : typeName
        status = answersCreated ? "created" : "ok"
        var lines = ["\(a.label) (`POST /api/\(e.plural)/{id}/\(a.name)`), in one transaction: access, 404 for an unknown id"]
        if a.oncePerUser { lines.append("once per user (409 `conflict` the second time)") }
        if !a.preconditions.isEmpty { lines.append("its rules (409 `precondition_failed`)") }
        if !a.effects.isEmpty { lines.append("then its effects") }
        doc = "    /// " + lines.joined(separator: ", ") + "."
    }

    static func column(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A limit as a Swift argument: whole for integer fields.
    static func bound(_ d: Double, _ f: Field) -> String {
        f.type == .integer && d == d.rounded() ? String(Int(d)) : SwiftCode.number(d)
    }

    /// A constant as an argument of a GRDB statement.
    static func literal(_ v: JSONValue, integer: Bool) -> String {
        switch v {
        case .string(let s): return SwiftCode.string(s)
        case .number(let d): return integer || (d == d.rounded() && abs(d) < 1e15) ? String(Int64(d)) : SwiftCode.number(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "nil"
        }
    }

    /// One precondition as SQL on the row, with its message (the spec's, or one made from the rule).
    static func rule(_ p: Precondition, entity e: Entity, catalog: MessageCatalog) -> HummingbirdRuleModel {
        let f = e.field(named: p.field)
        let sql: String
        var args: [String] = []
        switch p.value {
        case .field(let other):
            sql = "\(column(p.field)) \(sqlOperator(p.op)) \(column(other))"
        case .constant(.null):
            sql = "\(column(p.field)) IS \(p.op == .notEqual ? "NOT " : "")NULL"
        case .constant(let v):
            sql = "\(column(p.field)) \(sqlOperator(p.op)) ?"
            args = [literal(v, integer: f?.type == .integer)]
        }
        let message = RuleWording.message(p, of: e, catalog: catalog)
        return HummingbirdRuleModel(sql: sql, arguments: args, message: message)
    }

    static func sqlOperator(_ op: Comparison) -> String { op == .equal ? "=" : op == .notEqual ? "<>" : op.rawValue }
}

/// One rule of an action: SQL on the row (a Swift literal), its arguments and its message.
struct HummingbirdRuleModel {
    let sql: String
    let arguments: String
    let message: String

    init(sql: String, arguments: [String], message: String) {
        self.sql = SwiftCode.string(sql)
        self.arguments = arguments.joined(separator: ", ")
        self.message = SwiftCode.string(message)
    }
}

/// The record an action creates: it belongs to the record acted on and, when owned, to the caller.
struct HummingbirdCreateModel {
    let created: String
    let createdType: String
    let relationField: String
    let createdOwned: Bool
}

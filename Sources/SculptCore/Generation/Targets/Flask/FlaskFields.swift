import Foundation

/// One request-body property as the Flask backend sees it: the spec's field (for storage facts such
/// as uniqueness) joined to its JSON Schema in openapi.json (for every constraint the server enforces).
///
/// Reading the constraints from the generated document, not from the spec, keeps the server exactly
/// as strict as the document says.
struct FlaskField {
    let name: String
    let label: String
    /// The model attribute (`class_` for a field called `class`).
    let attr: String
    let field: Field?
    let schema: [String: Any]
    let required: Bool
    let unique: Bool

    var type: String { schema["type"] as? String ?? "string" }
    var format: String? { schema["format"] as? String }
    var minLength: Int? { schema["minLength"] as? Int }
    var maxLength: Int? { schema["maxLength"] as? Int }
    var minimum: Double? { Self.double(schema["minimum"]) }
    var exclusiveMinimum: Double? { Self.double(schema["exclusiveMinimum"]) }
    var maximum: Double? { Self.double(schema["maximum"]) }
    var choices: [String] { schema["enum"] as? [String] ?? [] }
    var defaultValue: Any? { schema["default"] }
    var hasDefault: Bool { schema["default"] != nil }

    static func double(_ v: Any?) -> Double? {
        switch v {
        case let d as Double: return d
        case let i as Int: return Double(i)
        default: return nil
        }
    }

    /// Names a model attribute may not take: Python keywords, names SQLAlchemy's declarative classes
    /// reserve, and the names models.py uses in its annotations.
    static let reservedAttributes: Set<String> = [
        "metadata", "registry", "date", "datetime", "sa", "str", "int", "float", "bool", "Mapped", "mapped_column", "Base",
    ]

    /// The properties of `components/schemas/<schemaName>` in the order of `fields`.
    /// `labels` name properties that have no `title` in the document (the login password).
    static func load(_ schemaName: String, fields: [Field], openAPI: [String: Any], extra: [String] = [],
                     labels: [String: String] = [:], uniqueness: Bool = true) -> [FlaskField] {
        let schemas = (openAPI["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        let schema = schemas[schemaName] as? [String: Any] ?? [:]
        let props = schema["properties"] as? [String: Any] ?? [:]
        let required = Set(schema["required"] as? [String] ?? [])
        let names = fields.map(\.name) + extra
        return names.compactMap { name in
            guard let s = props[name] as? [String: Any] else { return nil }
            let f = fields.first { $0.name == name }
            return FlaskField(name: name, label: (s["title"] as? String) ?? f?.label ?? labels[name] ?? name,
                              attr: PythonCode.safeName(name, avoiding: reservedAttributes), field: f, schema: s,
                              required: required.contains(name), unique: uniqueness && (f?.unique ?? false))
        }
    }

    /// `Rule("title", "标题", "string", required=True, max_length=200)`: the validation rule in rules.py.
    var ruleExpression: String {
        var args = [PythonCode.string(name), PythonCode.string(label), PythonCode.string(type)]
        if let format { args.append("format=\(PythonCode.string(format))") }
        if required { args.append("required=True") }
        if unique { args.append("unique=True") }
        if let v = minLength { args.append("min_length=\(v)") }
        if let v = maxLength { args.append("max_length=\(v)") }
        if let v = minimum { args.append("minimum=\(PythonCode.number(v))") }
        if let v = exclusiveMinimum { args.append("exclusive_minimum=\(PythonCode.number(v))") }
        if let v = maximum { args.append("maximum=\(PythonCode.number(v))") }
        if !choices.isEmpty { args.append("choices=\(PythonCode.tuple(choices.map(PythonCode.string)))") }
        if let d = defaultValue { args.append("default=\(PythonCode.value(d))") }
        if attr != name { args.append("attr=\(PythonCode.string(attr))") }
        return "Rule(" + args.joined(separator: ", ") + ")"
    }

    /// The SQLAlchemy column type and the Python type of the attribute.
    var column: (sqlType: String, pythonType: String) {
        switch field?.type ?? .string {
        case .string, .text, .email: return ("sa.String(\(maxLength ?? 200))", "str")
        case .enumeration: return ("sa.String(\(max(1, choices.map(\.count).max() ?? 1)))", "str")
        case .integer: return ("sa.BigInteger()", "int")
        case .number: return ("sa.Float()", "float")
        case .boolean: return ("sa.Boolean()", "bool")
        case .date: return ("sa.Date()", "date")
        case .datetime: return ("sa.DateTime(timezone=True)", "datetime")
        }
    }

    /// `title: Mapped[str] = mapped_column(sa.String(200), nullable=False)`.
    var columnDeclaration: String {
        let (sqlType, pyType) = column
        let notNull = field?.required ?? required
        var args: [String] = []
        if attr != name { args.append(PythonCode.string(name)) }
        args.append(sqlType)
        if notNull { args.append("nullable=False") }
        if unique { args.append("unique=True") }
        let annotation = notNull ? pyType : "\(pyType) | None"
        return "\(attr): Mapped[\(annotation)] = mapped_column(\(args.joined(separator: ", ")))"
    }
}

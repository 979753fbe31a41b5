import Foundation

/// One request-body property as the Python backends see it: the typed property of the generation
/// model (its schema is the document's, so the server is exactly as strict as the document says)
/// with the model attribute it is stored in.
struct PythonField {
    let property: InputProperty
    /// The model attribute (`class_` for a field called `class`).
    let attr: String

    init(_ property: InputProperty, attr: String? = nil) {
        self.property = property
        self.attr = attr ?? Self.attribute(for: property.name)
    }

    var name: String { property.name }
    var label: String { property.label }
    var field: Field? { property.field }
    var schema: FieldSchema { property.schema }
    var required: Bool { property.required }
    var unique: Bool { property.unique }
    var type: String { schema.type.rawValue }
    var format: String? { schema.format }
    var minLength: Int? { schema.minLength }
    var maxLength: Int? { schema.maxLength }
    var minimum: Double? { schema.minimum }
    var exclusiveMinimum: Double? { schema.exclusiveMinimum }
    var maximum: Double? { schema.maximum }
    var choices: [String] { schema.choices }
    var defaultValue: Any? { schema.defaultValue?.plain }
    var hasDefault: Bool { schema.defaultValue != nil }

    /// Names a model attribute may not take: Python keywords, names SQLAlchemy's declarative classes
    /// reserve, the names models.py uses in its annotations, and (so one attribute serves both Python
    /// frameworks) Pydantic's own `BaseModel` members and the names schemas.py uses.
    static let reservedAttributes: Set<String> = [
        "metadata", "registry", "date", "datetime", "sa", "str", "int", "float", "bool", "Mapped", "mapped_column", "Base",
        "json", "dict", "copy", "schema", "schema_json", "validate", "construct", "parse_obj", "parse_raw", "parse_file",
        "from_orm", "update_forward_refs", "fields", "Field", "BaseModel", "ConfigDict", "ClassVar", "Literal", "Annotated",
        "Any", "IsoDate", "IsoDateTime", "JsonInt", "EMAIL", "UNIQUE", "Body", "PatchBody", "id", "owner_id",
        "password_hash", "re",
    ]

    /// The attribute for an API name: the name itself where Python, SQLAlchemy and Pydantic allow it.
    /// Pydantic reserves the `model_` prefix and ignores names starting with `_`.
    static func attribute(for name: String) -> String {
        name.hasPrefix("model_") || name.hasPrefix("_") ? "f_" + name : PythonCode.safeName(name, avoiding: reservedAttributes)
    }

    /// The properties of a request body, in the spec's order.
    static func of(_ schema: InputSchema?) -> [PythonField] {
        (schema?.properties ?? []).map { PythonField($0) }
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

    /// `project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), ...)`: a
    /// relation field is a real foreign key (SQLite enforces it: foreign keys are on for every connection).
    func columnDeclaration(in spec: AppSpec) -> String {
        guard let relation = field?.relation, let parent = spec.entity(named: relation.entity) else { return columnDeclaration }
        let notNull = field?.required ?? required
        var args: [String] = []
        if attr != name { args.append(PythonCode.string(name)) }
        args.append("sa.ForeignKey(\"\(parent.plural).id\", ondelete=\"\(relation.onDelete.rawValue.uppercased())\")")
        args.append("index=True")
        if notNull { args.append("nullable=False") }
        return "\(attr): Mapped[\(notNull ? "int" : "int | None")] = mapped_column(\(args.joined(separator: ", ")))"
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

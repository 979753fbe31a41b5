/// The JSON Schema of one request property, typed: what `openapi.json` declares, and what every
/// backend enforces, the page's inputs carry and the tests probe at its edges.
///
/// Computed once from the spec's `Field`; the OpenAPI document serialises it and every target reads
/// the same value, so "the server is exactly as strict as the document" holds by construction.
public struct FieldSchema: Sendable, Equatable {
    /// The JSON type of the value.
    public enum JSONType: String, Sendable { case string, integer, number, boolean }

    public var type: JSONType
    /// `email`, `date`, `date-time` or `password`.
    public var format: String?
    /// What end users read; the login password has none in the document.
    public var title: String?
    public var minLength: Int?
    public var maxLength: Int?
    public var minimum: Double?
    public var exclusiveMinimum: Double?
    public var maximum: Double?
    /// The allowed values of an `enum` field (empty when the field is not one).
    public var choices: [String]
    /// Whether the field is an `enum` (its document always lists `enum`, even empty).
    public var isEnum: Bool
    public var defaultValue: JSONValue?
    public var writeOnly: Bool
    /// The parent a relation field points at (`x-sculpt-relation`); its id must exist.
    public var relation: Relation?

    public init(
        type: JSONType, format: String? = nil, title: String? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        minimum: Double? = nil, exclusiveMinimum: Double? = nil, maximum: Double? = nil, choices: [String] = [],
        isEnum: Bool = false, defaultValue: JSONValue? = nil, writeOnly: Bool = false
    ) {
        self.type = type
        self.format = format
        self.title = title
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.exclusiveMinimum = exclusiveMinimum
        self.maximum = maximum
        self.choices = choices
        self.isEnum = isEnum
        self.defaultValue = defaultValue
        self.writeOnly = writeOnly
    }

    /// The schema of a spec field: its type and every constraint stated, with a length bound on all text.
    public init(_ f: Field) {
        switch f.type {
        case .string, .text: self.init(type: .string)
        case .email: self.init(type: .string, format: "email")
        case .date: self.init(type: .string, format: "date")
        case .datetime: self.init(type: .string, format: "date-time")
        case .integer: self.init(type: .integer)
        case .number: self.init(type: .number)
        case .boolean: self.init(type: .boolean)
        case .enumeration: self.init(type: .string, choices: f.allowedValues ?? [], isEnum: true)
        }
        if f.isText {
            let lo = f.minLength ?? (f.required ? 1 : nil)
            if let lo, lo > 0 { minLength = lo }
            maxLength = Self.maxLength(of: f)
        }
        minimum = f.minimum
        exclusiveMinimum = f.exclusiveMinimum
        maximum = f.maximum
        defaultValue = f.defaultValue
        title = f.label
        relation = f.relation
        if f.relation != nil { minimum = 1 }
    }

    /// Every text field has an upper bound, so no request can store megabytes in one cell: the
    /// stated limit, or a generous default by kind.
    public static func maxLength(of f: Field) -> Int {
        if let m = f.maxLength { return m }
        switch f.type {
        case .text: return 10_000
        case .email: return 254
        default: return 200
        }
    }

    /// The password's schema under its policy.
    public static func password(_ p: PasswordPolicy) -> FieldSchema {
        FieldSchema(type: .string, format: "password", title: p.label, minLength: p.minLength, maxLength: p.maxLength, writeOnly: true)
    }

    /// The password at login: any non-empty text up to the policy's bound (a wrong one answers 401).
    public static func loginPassword(_ p: PasswordPolicy) -> FieldSchema {
        FieldSchema(type: .string, format: "password", minLength: 1, maxLength: p.maxLength, writeOnly: true)
    }

    /// Whether the value is text without a format or a list of values (tests may choose its words).
    public var isFreeText: Bool { type == .string && format == nil && !isEnum }

    /// The JSON Schema object written into `openapi.json`.
    public var json: [String: Any] {
        var s: [String: Any] = ["type": type.rawValue]
        if let format { s["format"] = format }
        if isEnum { s["enum"] = choices }
        if let minLength { s["minLength"] = minLength }
        if let maxLength { s["maxLength"] = maxLength }
        if let minimum { s["minimum"] = minimum }
        if let exclusiveMinimum { s["exclusiveMinimum"] = exclusiveMinimum }
        if let maximum { s["maximum"] = maximum }
        if let defaultValue { s["default"] = defaultValue.plain }
        if let title { s["title"] = title }
        if writeOnly { s["writeOnly"] = true }
        if let relation { s["x-sculpt-relation"] = ["entity": relation.entity, "kind": "belongs_to"] }
        return s
    }
}

/// One attribute of an entity or an account, with every constraint the requirement states.
///
/// Constraints live on the field (not in the code generators) so the OpenAPI document, the
/// database columns, the server's validation, the HTML form and the tests all read the same facts.
public struct Field: Codable, Equatable, Sendable {
    /// The English identifier used in code and in the API (`title`, `hire_date`).
    public var name: String
    /// What end users read, in the requirement's language (`标题`, `Hire date`).
    public var label: String
    public var type: FieldType
    public var required: Bool
    public var unique: Bool
    public var minLength: Int?
    public var maxLength: Int?
    public var minimum: Double?
    public var exclusiveMinimum: Double?
    public var maximum: Double?
    /// The only values accepted (an `enum` field).
    public var allowedValues: [String]?
    /// The value stored when a request leaves the field out.
    public var defaultValue: JSONValue?
    /// Set when the field holds another entity's id (`project_id`); the field is then an integer.
    public var relation: Relation?

    public init(
        name: String, label: String, type: FieldType, required: Bool = false, unique: Bool = false,
        minLength: Int? = nil, maxLength: Int? = nil, minimum: Double? = nil, exclusiveMinimum: Double? = nil,
        maximum: Double? = nil, allowedValues: [String]? = nil, defaultValue: JSONValue? = nil, relation: Relation? = nil
    ) {
        self.name = name
        self.label = label
        self.type = type
        self.required = required
        self.unique = unique
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.exclusiveMinimum = exclusiveMinimum
        self.maximum = maximum
        self.allowedValues = allowedValues
        self.defaultValue = defaultValue
        self.relation = relation
    }

    enum CodingKeys: String, CodingKey {
        case name, label, type, required, unique, minLength, maxLength, minimum, exclusiveMinimum, maximum
        case allowedValues, defaultValue = "default", relation
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? name
        type = try c.decode(FieldType.self, forKey: .type)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        unique = try c.decodeIfPresent(Bool.self, forKey: .unique) ?? false
        minLength = try c.decodeIfPresent(Int.self, forKey: .minLength)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        minimum = try c.decodeIfPresent(Double.self, forKey: .minimum)
        exclusiveMinimum = try c.decodeIfPresent(Double.self, forKey: .exclusiveMinimum)
        maximum = try c.decodeIfPresent(Double.self, forKey: .maximum)
        allowedValues = try c.decodeIfPresent([String].self, forKey: .allowedValues)
        defaultValue = try c.decodeIfPresent(JSONValue.self, forKey: .defaultValue)
        relation = try c.decodeIfPresent(Relation.self, forKey: .relation)
    }

    /// Whether values of this field are text (and so take length limits and substring search).
    public var isText: Bool { type.isText }
}

/// The kinds of value a field holds. Each maps to a JSON Schema type and format.
public enum FieldType: String, Codable, Sendable, CaseIterable {
    case string, text, integer, number, boolean, email, date, datetime
    case enumeration = "enum"

    public var isText: Bool {
        switch self {
        case .string, .text, .email: return true
        default: return false
        }
    }

    public var isNumeric: Bool { self == .integer || self == .number }
}

import Foundation

/// One request-body property as the Hummingbird backend sees it: the typed property of the generation
/// model with the Swift it becomes.
struct HummingbirdField {
    let input: InputProperty
    /// The Swift property (`birthDate` for `birth_date`).
    let property: String

    init(_ input: InputProperty) {
        self.input = input
        property = SwiftCode.property(input.name, avoiding: Self.reservedProperties)
    }

    var name: String { input.name }
    var label: String { input.label }
    var field: Field? { input.field }
    var schema: FieldSchema { input.schema }
    var required: Bool { input.required }
    var unique: Bool { input.unique }
    var type: String { schema.type.rawValue }
    var format: String? { schema.format }

    /// Names a property may not take in the generated records (their own members).
    static let reservedProperties: Set<String> = [
        "id", "ownerID", "passwordHash", "assigned", "unique", "databaseTableName", "view", "message", "blank", "apply",
        "identity", "encode", "didInsert",
    ]

    /// The properties of a request body, in the spec's order.
    static func of(_ schema: InputSchema?) -> [HummingbirdField] {
        (schema?.properties ?? []).map { HummingbirdField($0) }
    }

    /// Whether the stored value may be null: a field neither required nor defaulted.
    var storedOptional: Bool { !(field?.required ?? required) && schema.defaultValue == nil }

    /// The Swift type of the value once checked: text (dates too), Int64, Double or Bool.
    var baseType: String {
        switch type {
        case "integer": return "Int64"
        case "number": return "Double"
        case "boolean": return "Bool"
        default: return "String"
        }
    }

    var swiftType: String { storedOptional ? baseType + "?" : baseType }
    var optionalType: String { baseType + "?" }

    /// The `FieldReader` method that reads it.
    var reader: String {
        switch type {
        case "integer": return "integer"
        case "number": return "number"
        case "boolean": return "boolean"
        default: return "text"
        }
    }

    /// The value a new record holds before the request's values are applied.
    var placeholder: String {
        if storedOptional { return "nil" }
        switch baseType {
        case "Int64", "Double": return "0"
        case "Bool": return "false"
        default: return "\"\""
        }
    }

    /// `Rule(name: "title", label: "标题", kind: .text, required: true, maxLength: 200)`.
    var rule: String {
        var args = ["name: \(SwiftCode.string(name))", "label: \(SwiftCode.string(label))", "kind: .\(reader)"]
        switch format {
        case "email"?: args.append("format: .email")
        case "date"?: args.append("format: .date")
        case "date-time"?: args.append("format: .dateTime")
        default: break
        }
        if required { args.append("required: true") }
        if let v = schema.minLength { args.append("minLength: \(v)") }
        if let v = schema.maxLength { args.append("maxLength: \(v)") }
        if let v = schema.minimum { args.append("minimum: \(SwiftCode.number(v))") }
        if let v = schema.exclusiveMinimum { args.append("exclusiveMinimum: \(SwiftCode.number(v))") }
        if let v = schema.maximum { args.append("maximum: \(SwiftCode.number(v))") }
        if !schema.choices.isEmpty {
            args.append("choices: [" + schema.choices.map(SwiftCode.string).joined(separator: ", ") + "]")
        }
        if let d = schema.defaultValue, d != .null { args.append("defaultValue: \(SwiftCode.jsonValue(d.plain))") }
        return "Rule(" + args.joined(separator: ", ") + ")"
    }

    /// How `apply(to:)` copies the checked value onto the record.
    var applyLine: String {
        storedOptional
            ? "if assigned.contains(\(SwiftCode.string(name))) { record.\(property) = \(property) }"
            : "if assigned.contains(\(SwiftCode.string(name))), let \(property) { record.\(property) = \(property) }"
    }

    /// The column in `CREATE TABLE`: `t.column("title", .text).notNull()`.
    var column: String {
        let sqlType: String
        switch baseType {
        case "Int64": sqlType = ".integer"
        case "Double": sqlType = ".double"
        case "Bool": sqlType = ".boolean"
        default: sqlType = ".text"
        }
        var out = "t.column(\(SwiftCode.string(name)), \(sqlType))"
        if !storedOptional { out += ".notNull()" }
        if unique { out += ".unique()" }
        return out
    }
}

import Foundation

/// One request-body property as the Hummingbird backend sees it: the spec's field (for storage facts
/// such as uniqueness) joined to its JSON Schema in openapi.json (for every constraint the server
/// enforces), with the Swift it becomes.
struct HummingbirdField {
    let name: String
    let label: String
    let property: String
    let field: Field?
    let schema: [String: Any]
    let required: Bool
    let unique: Bool

    var type: String { schema["type"] as? String ?? "string" }
    var format: String? { schema["format"] as? String }

    /// Names a property may not take in the generated records (their own members).
    static let reservedProperties: Set<String> = [
        "id", "ownerID", "passwordHash", "assigned", "unique", "databaseTableName", "view", "message", "blank", "apply",
        "identity", "encode", "didInsert",
    ]

    /// The properties of `components/schemas/<schemaName>` in the order of `fields` (then `extra`).
    static func load(_ schemaName: String, fields: [Field], openAPI: [String: Any], extra: [String] = [],
                     labels: [String: String] = [:], uniqueness: Bool = true) -> [HummingbirdField] {
        let schemas = (openAPI["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        let schema = schemas[schemaName] as? [String: Any] ?? [:]
        let props = schema["properties"] as? [String: Any] ?? [:]
        let required = Set(schema["required"] as? [String] ?? [])
        return (fields.map(\.name) + extra).compactMap { name in
            guard let s = props[name] as? [String: Any] else { return nil }
            let f = fields.first { $0.name == name }
            return HummingbirdField(name: name, label: (s["title"] as? String) ?? f?.label ?? labels[name] ?? name,
                                    property: SwiftCode.property(name, avoiding: reservedProperties), field: f, schema: s,
                                    required: required.contains(name), unique: uniqueness && (f?.unique ?? false))
        }
    }

    static func double(_ v: Any?) -> Double? {
        switch v {
        case let d as Double: return d
        case let i as Int: return Double(i)
        default: return nil
        }
    }

    /// Whether the stored value may be null: a field neither required nor defaulted.
    var storedOptional: Bool { !(field?.required ?? required) && schema["default"] == nil }

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
        if let v = schema["minLength"] as? Int { args.append("minLength: \(v)") }
        if let v = schema["maxLength"] as? Int { args.append("maxLength: \(v)") }
        if let v = Self.double(schema["minimum"]) { args.append("minimum: \(SwiftCode.number(v))") }
        if let v = Self.double(schema["exclusiveMinimum"]) { args.append("exclusiveMinimum: \(SwiftCode.number(v))") }
        if let v = Self.double(schema["maximum"]) { args.append("maximum: \(SwiftCode.number(v))") }
        if let choices = schema["enum"] as? [String], !choices.isEmpty {
            args.append("choices: [" + choices.map(SwiftCode.string).joined(separator: ", ") + "]")
        }
        if let d = schema["default"], !(d is NSNull) { args.append("defaultValue: \(SwiftCode.jsonValue(d))") }
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

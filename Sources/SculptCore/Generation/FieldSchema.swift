/// The JSON Schema of a field's value: what `openapi.json` declares and every backend enforces.
public enum FieldSchema {
    public static func of(_ f: Field) -> [String: Any] {
        var s: [String: Any] = [:]
        switch f.type {
        case .string, .text: s["type"] = "string"
        case .email: s["type"] = "string"; s["format"] = "email"
        case .date: s["type"] = "string"; s["format"] = "date"
        case .datetime: s["type"] = "string"; s["format"] = "date-time"
        case .integer: s["type"] = "integer"
        case .number: s["type"] = "number"
        case .boolean: s["type"] = "boolean"
        case .enumeration: s["type"] = "string"; s["enum"] = f.allowedValues ?? []
        }
        if f.isText {
            let lo = f.minLength ?? (f.required ? 1 : nil)
            if let lo, lo > 0 { s["minLength"] = lo }
            s["maxLength"] = maxLength(of: f)
        }
        if let v = f.minimum { s["minimum"] = v }
        if let v = f.exclusiveMinimum { s["exclusiveMinimum"] = v }
        if let v = f.maximum { s["maximum"] = v }
        if let d = f.defaultValue { s["default"] = d.plain }
        s["title"] = f.label
        return s
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
    public static func password(_ p: PasswordPolicy) -> [String: Any] {
        ["type": "string", "format": "password", "minLength": p.minLength, "maxLength": p.maxLength, "title": p.label,
         "writeOnly": true]
    }
}

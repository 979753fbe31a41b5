/// Values for the generated Swift tests: valid samples (fresh per call where a field is unique) and
/// invalid ones, each written as a Swift expression, from a field's JSON Schema.
enum HummingbirdTestValues {
    /// Whether a field holds free text (no format, no list of values), so tests can choose its words.
    static func isFreeText(_ f: HummingbirdField) -> Bool {
        f.type == "string" && f.format == nil && f.schema.choices.isEmpty
    }

    /// A valid value; free text and emails include `n`, so unique fields get fresh values.
    static func sample(_ f: HummingbirdField, prefix: String? = nil) -> String {
        let s = f.schema
        switch f.type {
        case "integer", "number":
            let lo = s.minimum ?? s.exclusiveMinimum.map { $0 + 1 } ?? 1
            let hi = s.maximum ?? lo + 100
            var v = max(lo, min(hi, lo.rounded(.up)))
            if f.type == "number", v + 0.5 <= hi { v += 0.5 }
            return f.type == "integer" ? String(Int(v)) : SwiftCode.number(v)
        case "boolean":
            return "true"
        default:
            if let first = s.choices.first { return SwiftCode.string(first) }
            switch f.format {
            case "email"?: return "\"user\\(n)@example.com\""
            case "date"?: return "\"2024-05-17\""
            case "date-time"?: return "\"2024-05-17T09:30:00Z\""
            default:
                let base = prefix ?? ascii(f.name)
                return "fit(\"\(base) \\(n)\", min: \(s.minLength ?? 1), max: \(s.maxLength ?? 200))"
            }
        }
    }

    static func ascii(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == "_") }
        return kept.isEmpty ? "value" : String(String.UnicodeScalarView(kept))
    }

    /// Invalid values (Swift expressions; `nil` removes the field) each answered with 400 naming it.
    static func invalid(_ f: HummingbirdField) -> [String] {
        let s = f.schema
        var out: [String] = []
        if f.required { out.append("nil") }
        switch f.type {
        case "integer":
            out += ["\"abc\"", "2.5", "true"]
        case "number":
            out += ["\"abc\"", "true"]
        case "boolean":
            out += ["\"yes\"", "1"]
        default:
            out += ["12345", "false"]
            if f.required { out.append("\"\"") }
            if let max = s.maxLength { out.append("String(repeating: \"x\", count: \(max + 1))") }
            if let min = s.minLength, min > 1 { out.append("String(repeating: \"x\", count: \(min - 1))") }
            if !s.choices.isEmpty { out.append(SwiftCode.string("not " + s.choices.joined())) }
            switch f.format {
            case "email"?: out.append("\"not-an-email\"")
            case "date"?: out.append("\"2024-13-01\"")
            case "date-time"?: out.append("\"yesterday\"")
            default: break
            }
        }
        if let v = s.minimum { out.append(SwiftCode.number(v - 1)) }
        if let v = s.exclusiveMinimum { out.append(SwiftCode.number(v)) }
        if let v = s.maximum { out.append(SwiftCode.number(v + 1)) }
        return out
    }

    /// Text of `base` fitted to the field's lengths, or nil when it cannot hold it.
    static func fitted(_ base: String, _ f: HummingbirdField) -> String? {
        let lo = f.schema.minLength ?? 1
        let hi = f.schema.maxLength ?? 200
        var s = base
        while s.count < lo { s += "x" }
        return s.count <= hi ? s : nil
    }
}

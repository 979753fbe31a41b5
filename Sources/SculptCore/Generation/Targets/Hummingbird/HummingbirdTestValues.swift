/// Values for the generated Swift tests: valid samples (fresh per call where a field is unique), and
/// the Swift expressions of the target-neutral edge values (`EdgeCase`, `TestValue`).
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

    /// The Swift expression of a test value, as an element of an `[Any?]` list: `nil` leaves the
    /// field out, `NSNull()` sends null, `RawJSON` sends a number no Swift integer holds.
    static func literal(_ v: TestValue) -> String {
        switch v {
        case .missing: return "nil"
        case .null: return "NSNull()"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .wholeFloat(let i): return "\(i).0"
        case .bigInt: return "RawJSON(text: \"18446744073709551616\")"
        case .number(let d): return SwiftCode.number(d)
        case .string(let s): return SwiftCode.string(s)
        case .repeated(let text, let count, let suffix):
            return "String(repeating: \(SwiftCode.string(text)), count: \(count))" + (suffix.isEmpty ? "" : " + \(SwiftCode.string(suffix))")
        case .list(let items): return "[" + items.map(literal).joined(separator: ", ") + "] as [Any]"
        case .object(let pairs):
            return "[" + pairs.map { "\(SwiftCode.string($0.key)): \(literal($0.value))" }.joined(separator: ", ") + "] as [String: Any]"
        }
    }

    /// An `[Any?]` list literal of test values.
    static func list(_ values: [TestValue]) -> String { "[" + values.map(literal).joined(separator: ", ") + "]" }

    /// A doc comment at 4 spaces: the summary, then one `Requirement:` line per clause it proves.
    static func docComment(_ summary: String, requirements: [String]) -> String {
        func line(_ s: String) -> String { s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        var out = "    /// \(line(summary))"
        if !requirements.isEmpty { out += "\n    ///" }
        for r in requirements { out += "\n    /// Requirement: \(line(r))" }
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

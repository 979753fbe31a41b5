import Foundation

/// Serialises plain dictionaries and arrays as stable, readable JSON (sorted keys, two-space indent).
public enum JSONText {
    public static func render(_ value: Any) -> String {
        let clean = normalise(value)
        let data = (try? JSONSerialization.data(withJSONObject: clean, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One-line JSON, for embedding in code.
    public static func compact(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: normalise(value), options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Whole doubles become integers so `0` never prints as `0.0`.
    static func normalise(_ value: Any) -> Any {
        switch value {
        case let d as [String: Any]: return d.mapValues(normalise)
        case let a as [Any]: return a.map(normalise)
        case let b as Bool: return b
        case let d as Double: return (d == d.rounded() && abs(d) < 1e15) ? Int(d) as Any : d as Any
        case let v as JSONValue: return v.plain
        default: return value
        }
    }
}

extension JSONValue {
    /// The Foundation value JSONSerialization understands.
    public var plain: Any {
        switch self {
        case .string(let s): return s
        case .number(let n): return JSONText.normalise(n)
        case .bool(let b): return b
        case .null: return NSNull()
        }
    }
}

import Foundation

/// Serialises plain dictionaries and arrays as stable, readable JSON (sorted keys, two-space indent).
///
/// The text is what `JSONSerialization` writes with `.sortedKeys` and `.withoutEscapingSlashes`
/// (key order, spacing, escapes and numbers alike: `JSONTextTests` compares the two), written here
/// because `JSONSerialization` on Linux casts every value to a dozen number types and was a tenth of
/// `sculpt new` for a five-entity app.
public enum JSONText {
    public static func render(_ value: Any) -> String {
        var out = ""
        write(value, to: &out, indent: 0, pretty: true)
        return out + "\n"
    }

    /// One-line JSON, for embedding in code.
    public static func compact(_ value: Any) -> String {
        var out = ""
        write(value, to: &out, indent: 0, pretty: false)
        return out
    }

    private static func write(_ value: Any, to out: inout String, indent: Int, pretty: Bool) {
        // Casts to concrete types only, the common ones first; a protocol or class cast is slow on Linux.
        if let s = value as? String {
            writeString(s, to: &out)
        } else if let b = value as? Bool {
            out += b ? "true" : "false"
        } else if let n = value as? Int {
            out += String(n)
        } else if let d = value as? Double {
            writeNumber(d, to: &out)
        } else if let dict = value as? [String: Any] {
            let keys = sortedKeys(dict.keys)
            writeContainer("{", "}", count: keys.count, to: &out, indent: indent, pretty: pretty) { i, out in
                writeString(keys[i], to: &out)
                out += pretty ? " : " : ":"
                write(dict[keys[i]]!, to: &out, indent: indent + 2, pretty: pretty)
            }
        } else if let array = value as? [Any] {
            writeContainer("[", "]", count: array.count, to: &out, indent: indent, pretty: pretty) { i, out in
                write(array[i], to: &out, indent: indent + 2, pretty: pretty)
            }
        } else if let v = value as? JSONValue {
            switch v {
            case .string(let s): writeString(s, to: &out)
            case .number(let n): writeNumber(n, to: &out)
            case .bool(let b): out += b ? "true" : "false"
            case .null: out += "null"
            }
        } else if value is NSNull {
            out += "null"
        } else {
            out += foundation(value) ?? "null"
        }
    }

    private static func writeContainer(_ open: String, _ close: String, count: Int, to out: inout String, indent: Int,
                                       pretty: Bool, element: (Int, inout String) -> Void) {
        out += open
        let inner = String(repeating: " ", count: indent + 2)
        if pretty { out += count == 0 ? "\n" : "\n" + inner }
        for i in 0..<count {
            if i > 0 { out += pretty ? ",\n" + inner : "," }
            element(i, &out)
        }
        if pretty { out += "\n" + String(repeating: " ", count: indent) }
        out += close
    }

    /// Whole doubles print as integers (`0`, never `0.0`); others as `JSONSerialization` formats them.
    private static func writeNumber(_ d: Double, to out: inout String) {
        if let whole = whole(d) {
            out += String(whole)
        } else {
            out += foundation(d) ?? String(d)
        }
    }

    /// `d` as an integer when it is whole (and small enough to stay exact).
    static func whole(_ d: Double) -> Int? { d == d.rounded() && abs(d) < 1e15 ? Int(d) : nil }

    private static func foundation(_ value: Any) -> String? {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\u{8}": out += "\\b"
                case "\u{c}": out += "\\f"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{0}"..."\u{f}": out += "\\u000" + String(scalar.value, radix: 16)
                case "\u{10}"..."\u{1f}": out += "\\u00" + String(scalar.value, radix: 16)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The keys in `JSONSerialization`'s order. That order takes a collator per comparison, so each
    /// set of keys is ordered once per process: a document repeats the same few sets (every string
    /// field's schema has the same keys).
    private static func sortedKeys(_ keys: Dictionary<String, Any>.Keys) -> [String] {
        let plain = keys.sorted()
        let id = plain.joined(separator: "\u{0}")
        if let known = orders.value[id] { return known }
        let ordered = plain.sorted(by: keyPrecedes)
        orders.mutate { $0[id] = ordered }
        return ordered
    }

    private static let orders = Locked<[String: [String]]>([:])

    /// `JSONSerialization`'s `.sortedKeys` order: numeric, case-insensitive, then forced, in the system locale.
    private static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex,
                  locale: Locale(identifier: "")) == .orderedAscending
    }
}

extension JSONValue {
    /// The Foundation value JSONSerialization understands.
    public var plain: Any {
        switch self {
        case .string(let s): return s
        case .number(let n): return JSONText.whole(n).map { $0 as Any } ?? n
        case .bool(let b): return b
        case .null: return NSNull()
        }
    }
}

import Foundation

/// Python source fragments (literals, names, docstrings) for the Python targets (Flask, FastAPI).
///
/// Templates are logic-less, so every literal they print is rendered here, once, with the escaping
/// Python needs; keys are sorted so the same spec always gives the same bytes.
enum PythonCode {
    /// A double-quoted string literal; non-ASCII text stays readable (the files are UTF-8).
    static func string(_ s: String) -> String {
        CodeLiteral.json(s)
    }

    /// `0`, `2.5`: whole numbers without a fraction, like the JSON in openapi.json.
    static func number(_ d: Double) -> String { NumberText.format(d) }

    /// Any JSON-like value: strings, numbers, booleans, null, lists and dictionaries (keys sorted).
    static func value(_ v: Any) -> String {
        switch v {
        case let b as Bool: return b ? "True" : "False"
        case let i as Int: return String(i)
        case let d as Double: return number(d)
        case let s as String: return string(s)
        case is NSNull: return "None"
        case let j as JSONValue: return value(j.plain)
        case let a as [Any]: return "[" + a.map(value).joined(separator: ", ") + "]"
        case let d as [String: Any]:
            return "{" + d.keys.sorted().map { "\(string($0)): \(value(d[$0]!))" }.joined(separator: ", ") + "}"
        default: return string("\(v)")
        }
    }

    /// A tuple literal of strings: `("a",)`, `("a", "b")`.
    static func tuple(_ items: [String]) -> String {
        items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
    }

    /// A dict literal keeping the given order (field order of the spec).
    static func dict(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    static let keywords: Set<String> = [
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// A name usable as a Python identifier that shadows nothing in `taken` (keywords get a trailing `_`).
    static func safeName(_ name: String, avoiding taken: Set<String> = []) -> String {
        var n = name
        while keywords.contains(n) || taken.contains(n) { n += "_" }
        return n
    }

    /// A docstring at `indent` spaces: the summary, then one `Requirement:` line per clause it proves.
    static func docstring(_ summary: String, requirements: [String], indent: Int = 4) -> String {
        let pad = String(repeating: " ", count: indent)
        // One pass over the bytes: a backslash and a quote escaped, a line break made a space.
        func esc(_ s: String) -> String {
            guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return s }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(s.utf8.count + 8)
            for b in s.utf8 {
                switch b {
                case 0x5C, 0x22: bytes += [0x5C, b]
                case 0x0A: bytes.append(0x20)
                default: bytes.append(b)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        if requirements.isEmpty { return "\"\"\"\(esc(summary))\"\"\"" }
        var out = "\"\"\"\(esc(summary))\n\n"
        for r in requirements { out += "\(pad)Requirement: \(esc(r))\n" }
        return out + "\(pad)\"\"\""
    }
}

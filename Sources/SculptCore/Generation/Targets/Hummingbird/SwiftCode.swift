import Foundation

/// Swift source fragments (literals, identifiers) for the Hummingbird templates.
///
/// Templates are logic-less, so every literal they print is rendered here, once, with the escaping
/// Swift needs, and the same spec always gives the same bytes.
enum SwiftCode {
    /// A double-quoted string literal; non-ASCII text stays readable (the files are UTF-8).
    static func string(_ s: String) -> String {
        CodeLiteral.quoted(s) { "\\u{\(String($0, radix: 16))}" }
    }

    /// `0`, `2.5`: a Double literal without a needless fraction.
    static func number(_ d: Double) -> String { NumberText.format(d) }

    /// A `JSONValue` literal of the generated code (defaults of fields).
    static func jsonValue(_ v: Any) -> String {
        switch v {
        case let b as Bool: return ".bool(\(b))"
        case let i as Int: return ".integer(\(i))"
        case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? ".integer(\(Int64(d)))" : ".number(\(number(d)))"
        case let s as String: return ".string(\(string(s)))"
        case let j as JSONValue: return jsonValue(j.plain)
        default: return ".null"
        }
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do",
        "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "as", "Any", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "await", "async", "some", "any",
    ]

    /// `birth_date` → `birthDate`; keywords in backquotes; names in `taken` get a `Value` suffix.
    static func property(_ name: String, avoiding taken: Set<String> = []) -> String {
        let parts = name.split(separator: "_").map(String.init)
        guard let first = parts.first else { return "value" }
        var out = first + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if out.first?.isNumber == true { out = "field" + out }
        while taken.contains(out) { out += "Value" }
        return keywords.contains(out) ? "`\(out)`" : out
    }

    /// `post` → `Post`, `order_item` → `OrderItem`.
    static func typeName(_ name: String) -> String {
        name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

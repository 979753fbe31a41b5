import Foundation

/// String literals for generated source code. Python and Swift (and JSON) quote alike and differ
/// only in how they spell an escaped code point, so one writer serves every target.
/// `json` is the form JSON (and Python) read.
public enum CodeLiteral {
    /// A double-quoted literal; non-ASCII text stays readable (generated files are UTF-8), control
    /// characters and line separators are escaped with `unicodeEscape`.
    public static func quoted(_ s: String, unicodeEscape: (UInt32) -> String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    out += unicodeEscape(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON string literal.
    public static func json(_ s: String) -> String {
        quoted(s) { String(format: "\\u%04x", $0) }
    }
}

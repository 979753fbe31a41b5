import Foundation

/// Values the generated Python tests send: a valid sample per field (an expression over the suite's
/// helpers), and the Python literals of the target-neutral edge values (`EdgeCase`, `TestValue`).
enum PythonTestValues {
    /// A Python expression (using the fresh number `n`) for a valid value of the field.
    static func sample(_ f: PythonField, prefix: String? = nil) -> String {
        let text = prefix ?? f.name.replacingOccurrences(of: "_", with: " ")
        if !f.choices.isEmpty {
            let literals = f.choices.map(PythonCode.string)
            return f.unique ? "\(PythonCode.tuple(literals))[n % \(literals.count)]" : literals[0]
        }
        switch (f.type, f.format) {
        case ("string", "email"): return "email_value(n, \(f.maxLength ?? 254))"
        case ("string", "date"): return "date_value(n)"
        case ("string", "date-time"): return "datetime_value(n)"
        case ("string", _):
            return "text_value(n, \(PythonCode.string(text)), \(f.minLength ?? 0), \(f.maxLength ?? 200))"
        case ("integer", _):
            let (lo, hi) = integerRange(f)
            return "int_value(n, \(lo), \(hi))"
        case ("number", _):
            let lo = f.minimum ?? f.exclusiveMinimum ?? 0
            let hi = f.maximum ?? lo + 1000
            if hi - lo >= 2 { return "number_value(n, \(PythonCode.number(lo)), \(PythonCode.number(hi)))" }
            return PythonCode.number((lo + hi) / 2)
        case ("boolean", _): return "True"
        default: return "None"
        }
    }

    /// Whether `sample` depends on `n` (otherwise every sample has the same value).
    static func sampleVaries(_ f: PythonField) -> Bool {
        if !f.choices.isEmpty { return f.unique }
        switch f.type {
        case "string", "integer": return true
        case "number":
            let lo = f.minimum ?? f.exclusiveMinimum ?? 0
            return (f.maximum ?? lo + 1000) - lo >= 2
        default: return false
        }
    }

    static func integerRange(_ f: PythonField) -> (Int, Int) { EdgeCase.integerRange(f.schema) }

    /// The Python literal of a test value: exactly what the Python suites have always printed.
    static func literal(_ v: TestValue) -> String {
        switch v {
        case .missing: return "MISSING"
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .wholeFloat(let i): return "\(i).0"
        case .bigInt: return "2**64"
        case .number(let d): return PythonCode.number(d)
        case .string(let s): return PythonCode.string(s)
        case .repeated(let text, let count, let suffix):
            return "\(PythonCode.string(text)) * \(count)" + (suffix.isEmpty ? "" : " + \(PythonCode.string(suffix))")
        case .list(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case .object(let pairs): return "{" + pairs.map { "\(PythonCode.string($0.key)): \(literal($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// A Python list literal of test values.
    static func list(_ values: [TestValue]) -> String { "[" + values.map(literal).joined(separator: ", ") + "]" }
}

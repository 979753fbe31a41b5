import Foundation

/// Values the generated tests send: a valid sample per field, and for each constraint the values
/// just across its boundary (refused) and just inside it (accepted).
///
/// Everything is computed from the same PythonField the server validates with, so a test breaks each
/// constraint exactly once, at its edge.
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

    static func integerRange(_ f: PythonField) -> (Int, Int) {
        let lo: Int
        if let m = f.minimum { lo = Int(m.rounded(.up)) } else if let e = f.exclusiveMinimum { lo = Int(e.rounded(.down)) + 1 } else { lo = 1 }
        let hi = f.maximum.map { Int($0.rounded(.down)) } ?? lo + 1000
        return (lo, max(lo, hi))
    }

    /// One constraint test: the values refused (each must answer 400 naming the field) and accepted.
    /// Its refs include the names the requirement parser gives the same constraint (`positive`,
    /// `lengthRange`, `nonNegative`...), so a clause stating it is cited by this test.
    struct Case {
        let constraint: String
        /// The spec refs this case proves, relative to the field (`required`, `maxLength`, ...).
        let refs: [String]
        let summary: String
        let rejected: [String]
        let accepted: [String]
    }

    /// Every constraint test of one field, in a stable order.
    static func cases(_ f: PythonField, language: Language) -> [Case] {
        var out: [Case] = []
        let label = f.label
        let isString = f.type == "string"
        if f.required {
            out.append(Case(constraint: "required", refs: ["required"],
                            summary: "Refuses a body whose \(label) is missing, null\(isString ? " or empty" : "").",
                            rejected: ["MISSING", "None"] + (isString ? ["\"\""] : []), accepted: []))
        }
        var wrongTypes: [String]
        var acceptedTypes: [String] = []
        switch f.type {
        case "integer":
            wrongTypes = ["\"7\"", "True", "2.5", "2**64"]
            if !f.unique { acceptedTypes = ["\(integerRange(f).0).0"] }
        case "number": wrongTypes = ["\"12.5\"", "True", "[1]"]
        case "boolean": wrongTypes = ["\"yes\"", "1", "0"]
        default: wrongTypes = ["123", "True", "[\"x\"]", "{\"x\": 1}"]
        }
        if !f.required { wrongTypes.append("None") }
        out.append(Case(constraint: "type", refs: ["type", "integer", "number"], summary: "Refuses a \(label) of the wrong JSON type.",
                        rejected: wrongTypes, accepted: acceptedTypes))
        if isString && f.choices.isEmpty && (f.format == nil || f.format == "email" || f.format == "password") {
            let email = f.format == "email"
            func sized(_ n: Int) -> String? {
                if email { return n >= 14 ? "\"a\" * \(n - 12) + \"@example.com\"" : nil }
                return n == 0 ? "\"\"" : "\"x\" * \(n)"
            }
            if let lo = f.minLength, lo > 1 || !f.required, let below = sized(lo - 1), let at = sized(lo) {
                out.append(Case(constraint: "min_length", refs: ["minLength", "lengthRange"],
                                summary: "Refuses a \(label) shorter than \(lo) characters and accepts exactly \(lo).",
                                rejected: [below], accepted: [at]))
            }
            if let hi = f.maxLength, let above = sized(hi + 1), let at = sized(hi) {
                out.append(Case(constraint: "max_length", refs: ["maxLength", "lengthRange"],
                                summary: "Refuses a \(label) longer than \(hi) characters and accepts exactly \(hi).",
                                rejected: [above], accepted: [at]))
            }
        }
        let isInteger = f.type == "integer"
        func num(_ d: Double) -> String { isInteger ? String(Int(d)) : PythonCode.number(d) }
        if let m = f.minimum {
            let at = isInteger ? m.rounded(.up) : m
            out.append(Case(constraint: "minimum", refs: ["minimum", "nonNegative", "range"],
                            summary: "Refuses a \(label) below \(PythonCode.number(m)) and accepts \(num(at)).",
                            rejected: [num(isInteger ? at - 1 : m - 0.5)], accepted: f.unique ? [] : [num(at)]))
        }
        if let e = f.exclusiveMinimum {
            let above = isInteger ? e.rounded(.down) + 1 : e + 0.01
            var rejected = [num(e.rounded(.down)), num(e.rounded(.down) - 1)]
            if !isInteger && e != e.rounded(.down) { rejected = [num(e)] + rejected }
            out.append(Case(constraint: "exclusive_minimum", refs: ["exclusiveMinimum", "positive"],
                            summary: "Refuses a \(label) of \(PythonCode.number(e)) or less and accepts \(num(above)).",
                            rejected: rejected, accepted: f.unique ? [] : [num(above)]))
        }
        if let m = f.maximum {
            let at = isInteger ? m.rounded(.down) : m
            out.append(Case(constraint: "maximum", refs: ["maximum", "range"],
                            summary: "Refuses a \(label) above \(PythonCode.number(m)) and accepts \(num(at)).",
                            rejected: [num(isInteger ? at + 1 : m + 0.5)], accepted: f.unique ? [] : [num(at)]))
        }
        if !f.choices.isEmpty {
            var rejected = ["\"not-a-choice\""]
            let upper = f.choices[0].uppercased()
            if !f.choices.contains(upper) { rejected.append(PythonCode.string(upper)) }
            out.append(Case(constraint: "allowed_values", refs: ["allowedValues", "enum", "allowed"],
                            summary: "Refuses a \(label) outside its allowed values and accepts each of them.",
                            rejected: rejected, accepted: f.choices.map(PythonCode.string)))
        }
        switch f.format {
        case "email":
            out.append(Case(constraint: "format", refs: ["format", "email"],
                            summary: "Refuses a \(label) that is not an email address.",
                            rejected: ["\"not-an-email\"", "\"name@\"", "\"@example.com\"", "\"a b@example.com\"", "\"name@example\""],
                            accepted: ["\"someone.else@example.com\""]))
        case "date":
            out.append(Case(constraint: "format", refs: ["format", "date"],
                            summary: "Refuses a \(label) that is not a YYYY-MM-DD date, and returns a valid one as sent.",
                            rejected: ["\"2023-02-29\"", "\"2024-13-01\"", "\"17/05/2024\"", "\"20240517\"", "\"2024-05-17T10:00:00Z\""],
                            accepted: f.unique ? ["\"2024-02-29\""] : ["\"2024-02-29\"", "\"1999-12-31\""]))
        case "date-time":
            out.append(Case(constraint: "format", refs: ["format", "datetime"],
                            summary: "Refuses a \(label) that is not an ISO 8601 date and time, and returns a valid one as sent.",
                            rejected: ["\"2024-05-17\"", "\"yesterday\"", "\"2024-05-17T25:00:00Z\"", "\"2024-02-30T10:00:00Z\""],
                            accepted: ["\"2024-05-17T09:30:00Z\"", "\"2024-05-18T09:30:00.250000Z\""]))
        default: break
        }
        return out
    }

    /// A search test on one field: two records, a needle that finds only the first.
    struct Search {
        let alpha: String
        let bravo: String
        let needle: String
        /// Whether `alpha` holds `%` and `_` and nothing else searched does, so `q=%` proves escaping.
        let probeWildcards: Bool
    }

    static func search(_ f: PythonField, others: [PythonField]) -> Search? {
        if !f.choices.isEmpty {
            for a in f.choices {
                if let b = f.choices.first(where: { $0 != a && !$0.lowercased().contains(a.lowercased()) }) {
                    return Search(alpha: PythonCode.string(a), bravo: PythonCode.string(b), needle: PythonCode.string(a),
                                  probeWildcards: false)
                }
            }
            return nil
        }
        guard f.type == "string", f.format == nil || f.format == "email" else { return nil }
        if f.format == "email" {
            return Search(alpha: "\"alpha.one@example.com\"", bravo: "\"bravo.two@example.org\"", needle: "\"PHA.O\"",
                          probeWildcards: false)
        }
        let lo = f.minLength ?? 0, hi = f.maxLength ?? 200
        func fit(_ s: String) -> String {
            var v = String(s.prefix(hi))
            while v.count < lo { v += "x" }
            return v
        }
        guard hi >= 3 else { return nil }
        let alpha = fit("Alpha%_1"), bravo = fit("Bravo-22")
        let needle = String(alpha.dropFirst().prefix(3)).uppercased()
        let othersClean = others.allSatisfy { o in o.choices.allSatisfy { !$0.contains("%") && !$0.contains("_") } }
        return Search(alpha: PythonCode.string(alpha), bravo: PythonCode.string(bravo), needle: PythonCode.string(needle),
                      probeWildcards: alpha.contains("%") && alpha.contains("_") && othersClean)
    }
}

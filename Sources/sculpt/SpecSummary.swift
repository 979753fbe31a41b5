import SculptCore

/// A compact, readable view of an understood app, so a user sees in a few seconds whether the
/// requirement was understood (the JSON is for tools; this is for people, on stderr).
enum SpecSummary {
    static func render(_ spec: AppSpec) -> String {
        var lines = ["\(spec.title) (\(spec.name))"]
        if let a = spec.accounts {
            var parts = ["sign-up with \(a.identity.name) + password (\(a.password.minLength)-\(a.password.maxLength) chars)"]
            if a.login { parts.append("log in") }
            if !a.fields.isEmpty { parts.append("also " + a.fields.map(\.name).joined(separator: ", ")) }
            lines.append("  accounts: " + parts.joined(separator: "; "))
        } else {
            lines.append("  accounts: none")
        }
        for e in spec.entities {
            lines.append("  \(e.name): " + e.fields.map(describe).joined(separator: ", "))
            var who = "    \(e.operations.map(\.rawValue).joined(separator: "/")); read: \(e.access.read.rawValue), write: \(e.access.write.rawValue)"
            if !e.searchable.isEmpty { who += "; search: " + e.searchable.joined(separator: ", ") }
            lines.append(who)
        }
        return lines.joined(separator: "\n")
    }

    /// `price number >0 required`, `status enum(open|closed)=open`.
    static func describe(_ f: Field) -> String {
        var s = f.name + " " + (f.allowedValues.map { "enum(" + $0.joined(separator: "|") + ")" } ?? f.type.rawValue)
        var marks: [String] = []
        if f.required { marks.append("required") }
        if f.unique { marks.append("unique") }
        if let lo = f.minLength, let hi = f.maxLength { marks.append("\(lo)-\(hi) chars") } else if let lo = f.minLength {
            marks.append(">=\(lo) chars")
        } else if let hi = f.maxLength { marks.append("<=\(hi) chars") }
        if let m = f.exclusiveMinimum { marks.append(">" + NumberText.format(m)) }
        if let m = f.minimum { marks.append(">=" + NumberText.format(m)) }
        if let m = f.maximum { marks.append("<=" + NumberText.format(m)) }
        if let d = f.defaultValue { marks.append("default " + d.summary) }
        if !marks.isEmpty { s += " (" + marks.joined(separator: ", ") + ")" }
        return s
    }
}

extension JSONValue {
    fileprivate var summary: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return NumberText.format(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

/// A compact, readable view of an understood app, so a user sees in a few seconds whether the
/// requirement was understood (the JSON is for tools; this is for people, on stderr).
public enum SpecSummary {
    public static func render(_ spec: AppSpec) -> String {
        var lines = ["\(spec.title) (\(spec.name))"]
        if let a = spec.accounts {
            var parts = ["sign-up with \(a.identity.name) + password (\(a.password.minLength)-\(a.password.maxLength) chars)"]
            if a.login { parts.append("log in") }
            if !a.fields.isEmpty { parts.append("also " + a.fields.map(\.name).joined(separator: ", ")) }
            if !a.roles.isEmpty {
                parts.append("roles " + a.roles.map { "\($0.name) (\($0.label))" }.joined(separator: ", ") + ", never granted at sign-up")
            }
            lines.append("  accounts: " + parts.joined(separator: "; "))
        } else {
            lines.append("  accounts: none")
        }
        for e in spec.entities {
            lines.append("  \(e.name): " + e.fields.map(describe).joined(separator: ", "))
            var who = "    " + access(of: e)
            if !e.searchable.isEmpty { who += "; search: " + e.searchable.joined(separator: ", ") }
            lines.append(who)
            for action in e.actions { lines.append("    action " + describe(action)) }
        }
        return lines.joined(separator: "\n")
    }

    /// `create/update/delete: role:admin; list/get: anyone`: operations grouped by who may call them,
    /// in the order of the spec's operations.
    static func access(of e: Entity) -> String {
        var groups: [(grants: [Grant], ops: [String])] = []
        for op in e.operations {
            let grants = e.grants(for: op)
            if let i = groups.firstIndex(where: { $0.grants == grants }) { groups[i].ops.append(op.rawValue) } else {
                groups.append((grants, [op.rawValue]))
            }
        }
        if groups.isEmpty { return "no operations" }
        return groups.map { $0.ops.joined(separator: "/") + ": " + $0.grants.map(\.description).joined(separator: " or ") }
            .joined(separator: "; ")
    }

    /// `borrow (借书) by signed_in: if stock > 0; stock += -1, creates loan`.
    static func describe(_ action: DomainAction) -> String {
        var s = "\(action.name) (\(action.label)) by " + action.access.map(\.description).joined(separator: " or ")
        if action.oncePerUser { s += ", once per user" }
        let rules = action.preconditions.map { p -> String in
            let value: String
            switch p.value {
            case .constant(let v): value = v.summary
            case .field(let f): value = f
            }
            return "\(p.field) \(p.op.rawValue) \(value)"
        }
        if !rules.isEmpty { s += ": if " + rules.joined(separator: " and ") }
        let effects = action.effects.map { effect -> String in
            switch effect {
            case .set(let field, let value): return "\(field) = \(value.summary)"
            case .increment(let field, let by): return "\(field) += \(NumberText.format(by))"
            case .create(let entity): return "creates \(entity)"
            }
        }
        if !effects.isEmpty { s += "; " + effects.joined(separator: ", ") }
        return s
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
        if let r = f.relation { marks.append("belongs to \(r.entity), on delete \(r.onDelete.rawValue)") }
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

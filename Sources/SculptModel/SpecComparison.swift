import SculptCore

/// Where the model's spec differs from the offline parser's, in plain words.
///
/// Neither understander is the truth; showing the differences lets a user see what the model
/// added (perhaps a field the lexicon does not know) or dropped (perhaps a constraint it missed)
/// and choose, for example by editing `spec.json`.
public enum SpecComparison {
    public static func differences(offline: AppSpec, model: AppSpec) -> [String] {
        var out: [String] = []
        switch (offline.accounts, model.accounts) {
        case (nil, let m?): out.append("the model added user accounts (identity '\(m.identity.name)')")
        case (_?, nil): out.append("the model dropped user accounts")
        case (let o?, let m?):
            if o.identity.name != m.identity.name || o.identity.type != m.identity.type {
                out.append("accounts: the model signs people in by '\(m.identity.name)' (\(m.identity.type.rawValue)), the parser by '\(o.identity.name)' (\(o.identity.type.rawValue))")
            } else {
                out += fieldDifferences(o.identity, m.identity, at: "accounts.\(o.identity.name)")
            }
            if o.password.minLength != m.password.minLength {
                out.append("accounts: passwords of at least \(m.password.minLength) characters for the model, \(o.password.minLength) for the parser")
            }
            if o.login != m.login { out.append("accounts: the model \(m.login ? "adds" : "leaves out") login") }
            if o.profile != m.profile { out.append("accounts: the model \(m.profile ? "adds" : "leaves out") the profile") }
            out += fieldListDifferences(o.fields, m.fields, at: "accounts")
        default: break
        }
        let oNames = offline.entities.map(\.name), mNames = model.entities.map(\.name)
        for e in model.entities where !oNames.contains(e.name) {
            out.append("the model added entity '\(e.name)' (fields: \(e.fields.map(\.name).joined(separator: ", ")))")
        }
        for e in offline.entities where !mNames.contains(e.name) {
            out.append("the model dropped entity '\(e.name)' (fields: \(e.fields.map(\.name).joined(separator: ", ")))")
        }
        for o in offline.entities {
            guard let m = model.entity(named: o.name) else { continue }
            out += fieldListDifferences(o.fields, m.fields, at: o.name)
            let addedOps = m.operations.filter { !o.operations.contains($0) }.map(\.rawValue)
            let droppedOps = o.operations.filter { !m.operations.contains($0) }.map(\.rawValue)
            if !addedOps.isEmpty { out.append("\(o.name): the model added the operations \(addedOps.joined(separator: ", "))") }
            if !droppedOps.isEmpty { out.append("\(o.name): the model dropped the operations \(droppedOps.joined(separator: ", "))") }
            if Set(o.searchable) != Set(m.searchable) {
                out.append("\(o.name): the model searches \(list(m.searchable)), the parser \(list(o.searchable))")
            }
            if o.access != m.access {
                out.append("\(o.name): the model lets \(o.access.read == m.access.read ? "" : "\(m.access.read.rawValue) read and ")\(m.access.write.rawValue) write (the parser: \(o.access.read.rawValue) read, \(o.access.write.rawValue) write)")
            }
        }
        return out
    }

    static func fieldListDifferences(_ o: [Field], _ m: [Field], at: String) -> [String] {
        var out: [String] = []
        for f in m where !o.contains(where: { $0.name == f.name }) {
            out.append("\(at): the model added field '\(f.name)' (\(describe(f)))")
        }
        for f in o where !m.contains(where: { $0.name == f.name }) {
            out.append("\(at): the model dropped field '\(f.name)' (\(describe(f)))")
        }
        for f in o {
            if let g = m.first(where: { $0.name == f.name }) { out += fieldDifferences(f, g, at: "\(at).\(f.name)") }
        }
        return out
    }

    static func fieldDifferences(_ o: Field, _ m: Field, at: String) -> [String] {
        var out: [String] = []
        if o.type != m.type { out.append("\(at): the model's type is \(m.type.rawValue), the parser's \(o.type.rawValue)") }
        if o.required != m.required { out.append("\(at): the model made it \(m.required ? "required" : "optional")") }
        if o.unique != m.unique { out.append("\(at): the model made it \(m.unique ? "unique" : "not unique")") }
        func limit<T: Equatable>(_ name: String, _ a: T?, _ b: T?) {
            if a != b { out.append("\(at): \(name) \(b.map { "\($0)" } ?? "none") from the model, \(a.map { "\($0)" } ?? "none") from the parser") }
        }
        limit("minLength", o.minLength, m.minLength)
        limit("maxLength", o.maxLength, m.maxLength)
        limit("minimum", o.minimum.map(fmt), m.minimum.map(fmt))
        limit("exclusiveMinimum", o.exclusiveMinimum.map(fmt), m.exclusiveMinimum.map(fmt))
        limit("maximum", o.maximum.map(fmt), m.maximum.map(fmt))
        if o.allowedValues != m.allowedValues {
            out.append("\(at): allowed values \(list(m.allowedValues ?? [])) from the model, \(list(o.allowedValues ?? [])) from the parser")
        }
        if o.defaultValue != m.defaultValue { out.append("\(at): the default differs") }
        return out
    }

    static func describe(_ f: Field) -> String {
        var parts = [f.type.rawValue]
        if f.required { parts.append("required") }
        if f.unique { parts.append("unique") }
        return parts.joined(separator: ", ")
    }

    static func list(_ xs: [String]) -> String { xs.isEmpty ? "nothing" : xs.joined(separator: ", ") }
    static func fmt(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d) }
}

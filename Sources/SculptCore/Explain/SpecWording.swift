import Foundation

/// Says in words what a spec ref means for this spec (`accounts.identity.unique` → "用户名不能重复"),
/// so a learner sees how each clause was understood.
struct SpecWording {
    let spec: AppSpec
    let catalog: ExplainCatalog

    /// The values a sentence of the `understood.*` keys may use for a ref's bound entity and field.
    func values(_ bound: [String: String]) -> [String: String] {
        var v: [String: String] = ["title": spec.title]
        if let a = spec.accounts {
            v["identity"] = a.identity.label
            v["passwordMin"] = String(a.password.minLength)
            v["hours"] = String(a.tokenHours)
            v["password"] = a.password.label
        }
        guard let e = bound["e"].flatMap({ spec.entity(named: $0) }) else { return v }
        v["entity"] = e.label
        v["read"] = catalog.say("audience.\(e.access.read.rawValue)")
        v["write"] = catalog.say("audience.\(e.access.write.rawValue)")
        v["searchable"] = e.searchable.compactMap { e.field(named: $0)?.label }.joined(separator: catalog.say("list.separator"))
        if let f = bound["f"].flatMap({ e.field(named: $0) }) {
            v["field"] = f.label
            v["type"] = catalog.say("type.\(f.type.rawValue)")
            if let n = f.minLength { v["minLength"] = String(n) }
            if let n = f.maxLength { v["maxLength"] = String(n) }
            if let n = f.minimum { v["minimum"] = NumberText.format(n) }
            if let n = f.maximum { v["maximum"] = NumberText.format(n) }
            if let n = f.exclusiveMinimum { v["exclusiveMinimum"] = NumberText.format(n) }
            if let values = f.allowedValues { v["values"] = values.joined(separator: catalog.say("list.separator")) }
            if let d = f.defaultValue { v["default"] = d.text }
        }
        return v
    }
}

extension JSONValue {
    /// The value as a learner would write it.
    var text: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return NumberText.format(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

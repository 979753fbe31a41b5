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
        if !spec.roles.isEmpty { v["roles"] = spec.roles.map(\.label).joined(separator: catalog.say("list.separator")) }
        if let r = bound["r"] { v["role"] = spec.roles.first { $0.name == r }?.label ?? r }
        guard let e = bound["e"].flatMap({ spec.entity(named: $0) }) else { return v }
        v["entity"] = e.label
        v["read"] = catalog.say("audience.\(e.access.read.rawValue)")
        v["write"] = catalog.say("audience.\(e.access.write.rawValue)")
        v["searchable"] = e.searchable.compactMap { e.field(named: $0)?.label }.joined(separator: catalog.say("list.separator"))
        if let op = bound["op"].flatMap(EntityOperation.init(rawValue:)) {
            v["operation"] = catalog.say("op.\(op.rawValue)")
            v["who"] = who(e.grants(for: op))
        }
        if let a = bound["a"].flatMap({ e.action(named: $0) }) { v.merge(ContractV2Wording(spec: spec, catalog: catalog).values(a, of: e)) { _, new in new } }
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
            if let r = f.relation {
                v["parent"] = spec.entity(named: r.entity)?.label ?? r.entity
                v["deleteRule"] = catalog.say("v2.\(r.onDelete.rawValue)", ["entity": e.label])
            }
        }
        return v
    }

    func who(_ grants: [Grant]) -> String { ContractV2Wording(spec: spec, catalog: catalog).who(grants) }
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

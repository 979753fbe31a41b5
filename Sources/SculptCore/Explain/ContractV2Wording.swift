/// Words for roles, grants and domain actions in a walk-through: who may act, under which rule,
/// with which effect, in the walk-through's language.
struct ContractV2Wording {
    let spec: AppSpec
    let catalog: ExplainCatalog

    func who(_ grants: [Grant]) -> String {
        grants.map { g -> String in
            switch g {
            case .anyone: return catalog.say("audience.anyone")
            case .signedIn: return catalog.say("audience.signed_in")
            case .owner: return catalog.say("audience.owner")
            case .role(let name): return catalog.say("v2.role", ["role": spec.roles.first { $0.name == name }?.label ?? name])
            }
        }.joined(separator: catalog.say("v2.or"))
    }

    func values(_ a: DomainAction, of e: Entity) -> [String: String] {
        let rulesCatalog = try? MessageCatalog.shipped(catalog.language)
        let sep = catalog.say("list.separator")
        let rules = a.preconditions.map { p in rulesCatalog.map { RuleWording.message(p, of: e, catalog: $0) } ?? p.field }
        let effects = a.effects.map { effect -> String in
            switch effect {
            case .set(let f, let value): return catalog.say("v2.set", ["field": e.field(named: f)?.label ?? f, "value": value.text])
            case .increment(let f, let by):
                return catalog.say("v2.increment", ["field": e.field(named: f)?.label ?? f, "by": (by > 0 ? "+" : "") + NumberText.format(by)])
            case .create(let name): return catalog.say("v2.create", ["entity": spec.entity(named: name)?.label ?? name])
            }
        }
        return ["action": a.label, "who": who(a.access), "rules": rules.joined(separator: sep), "effects": effects.joined(separator: sep)]
    }
}

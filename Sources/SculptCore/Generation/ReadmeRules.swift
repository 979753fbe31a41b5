/// The README's sentences for contract v2: who may call each operation when it differs per
/// operation, what an entity belongs to, and each domain action with its rules.
struct ReadmeRules {
    let spec: AppSpec
    let plan: APIPlan
    let catalog: MessageCatalog

    /// "users with the admin role or only the user who created it".
    func who(_ grants: [Grant], create: Bool = false) -> String {
        grants.map { g -> String in
            switch g {
            case .anyone: return catalog.text("readme.who_anyone")
            case .signedIn: return catalog.text("readme.who_signed_in")
            case .owner: return catalog.text(create ? "readme.who_owner_create" : "readme.who_owner")
            case .role(let name): return catalog.text("readme.who_role", ["role": spec.roles.first { $0.name == name }?.label ?? name])
            }
        }.joined(separator: catalog.text("readme.who_or"))
    }

    /// One line per operation: used instead of the read/write lines when the entity sets permissions.
    func accessLines(_ e: Entity) -> [String] {
        e.operations.map { op in
            catalog.text("readme.access_op", ["operation": catalog.text("readme.op_name.\(op.rawValue)"),
                                              "who": who(e.grants(for: op), create: op == .create)])
        }
    }

    func relationLines(_ e: Entity) -> [String] {
        var lines: [String] = []
        for (f, relation) in e.relations {
            let parent = spec.entity(named: relation.entity)?.label ?? relation.entity
            lines.append(catalog.text("readme.relation", ["parent": parent, "field": f.name]))
        }
        for child in spec.children(of: e.name) {
            let key = child.relation.onDelete == .cascade ? "readme.relation_cascade" : "readme.relation_restrict"
            lines.append(catalog.text(key, ["parent": e.label, "child": child.entity.label]))
        }
        return lines
    }

    func actionLines(_ e: Entity) -> [String] {
        e.actions.flatMap { a -> [String] in
            let path = plan.operations.first { $0.entity == e.name && $0.verb == a.name }?.path ?? ""
            var lines = [catalog.text("readme.action", ["label": a.label, "path": path, "who": who(a.access)])]
            for rule in a.preconditions {
                lines.append(catalog.text("readme.action_rule", ["rule": RuleWording.message(rule, of: e, catalog: catalog)]))
            }
            for effect in a.effects {
                switch effect {
                case .set(let field, let value):
                    lines.append(catalog.text("readme.action_set", ["field": e.field(named: field)?.label ?? field, "value": RuleWording.text(value)]))
                case .increment(let field, let by):
                    lines.append(catalog.text("readme.action_increment", ["field": e.field(named: field)?.label ?? field,
                                                                          "by": (by > 0 ? "+" : "") + NumberText.format(by)]))
                case .create(let entity):
                    lines.append(catalog.text("readme.action_create", ["entity": spec.entity(named: entity)?.label ?? entity]))
                }
            }
            if a.oncePerUser { lines.append(catalog.text("readme.action_once", ["entity": e.label])) }
            return lines
        }
    }

    /// `ADMIN_USERNAME` and `ADMIN_PASSWORD`, when the app has roles.
    var envRows: [ReadmeRow] {
        guard !spec.roles.isEmpty else { return [] }
        let roles = spec.roles.map(\.label).joined(separator: ", ")
        return [ReadmeRow(name: "ADMIN_USERNAME", value: catalog.text("readme.env_secret_default"),
                          purpose: catalog.text("readme.env_admin_username", ["roles": roles])),
                ReadmeRow(name: "ADMIN_PASSWORD", value: catalog.text("readme.env_secret_default"),
                          purpose: catalog.text("readme.env_admin_password"))]
    }
}

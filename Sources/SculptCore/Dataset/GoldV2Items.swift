import Foundation

/// The contract v2 items of a benchmark case's gold (roles, relations, actions) added to its label,
/// each kept only when the spec stays valid with it.
struct V2Items {
    let expect: [String: Any]
    let language: Language

    func add(to spec: inout AppSpec, roles: [Role], dropped: inout Int) {
        let usedRoles = Set(spec.entities.flatMap { $0.permissions.values.flatMap(\.roleNames) })
        let allRoles = roles + usedRoles.subtracting(roles.map(\.name)).sorted().map { Role(name: $0, label: GoldCaseLabel.humanized($0)) }
        if !allRoles.isEmpty {
            if spec.accounts == nil { spec.accounts = Self.usualAccounts(language) }
            spec.accounts?.roles = allRoles
        }
        for case let r as [String: Any] in expect["relations"] as? [Any] ?? [] {
            guard let child = index(of: r["child"], in: spec), let parent = index(of: r["parent"], in: spec) else { dropped += 1; continue }
            let parentName = spec.entities[parent].name, key = Relation.fieldName(for: parentName)
            var candidate = spec
            candidate.entities[child].fields.removeAll { $0.name == key }
            candidate.entities[child].fields.insert(Field(name: key, label: GoldCaseLabel.humanized(parentName), type: .integer, required: true,
                                                          relation: Relation(entity: parentName)), at: 0)
            keep(candidate, into: &spec, dropped: &dropped)
        }
        for case let a as [String: Any] in expect["actions"] as? [Any] ?? [] {
            guard let at = index(of: a["entity"], in: spec), let name = GoldCaseLabel.first(a["names"]) else { dropped += 1; continue }
            var action = DomainAction(name: name, label: GoldCaseLabel.humanized(name), oncePerUser: a["oncePerUser"] as? Bool ?? false)
            for case let p as [String: Any] in a["preconditions"] as? [Any] ?? [] {
                guard let field = GoldCaseLabel.first(p["field"]), let op = (p["op"] as? String).flatMap(Comparison.init(rawValue:)) else { continue }
                let value: Operand
                if let other = p["value"] as? [String: Any], let f = GoldCaseLabel.first(other["field"]) {
                    value = .field(f)
                } else {
                    value = .constant(scalar(p["value"]))
                }
                action.preconditions.append(Precondition(field: field, op: op, value: value))
            }
            for case let e as [String: Any] in a["effects"] as? [Any] ?? [] {
                switch e["kind"] as? String {
                case "set": if let f = GoldCaseLabel.first(e["field"]) { action.effects.append(.set(field: f, value: scalar(e["value"]))) }
                case "increment": if let f = GoldCaseLabel.first(e["field"]) { action.effects.append(.increment(field: f, by: e["by"] as? Double ?? 1)) }
                case "create":
                    if let made = index(of: e["entity"], in: spec) { action.effects.append(.create(entity: spec.entities[made].name)) }
                default: break
                }
            }
            var candidate = spec
            if spec.accounts == nil { candidate.accounts = Self.usualAccounts(language) }
            if let made = action.createdEntity, let i = candidate.entities.firstIndex(where: { $0.name == made }), !candidate.entities[i].isOwned {
                candidate.entities[i].access = Access(read: .owner, write: .owner)
            }
            candidate.entities[at].actions.append(action)
            keep(candidate, into: &spec, dropped: &dropped)
        }
        spec.version = spec.neededVersion
    }

    /// Takes the candidate when it validates, else counts the item as dropped.
    func keep(_ candidate: AppSpec, into spec: inout AppSpec, dropped: inout Int) {
        var c = candidate
        c.version = c.neededVersion
        if SpecValidator.problems(in: c).isEmpty { spec = c } else { dropped += 1 }
    }

    func index(of names: Any?, in spec: AppSpec) -> Int? {
        let accepted = ((names as? [Any]) ?? [names as Any]).compactMap { $0 as? String }
        return spec.entities.firstIndex { accepted.contains($0.name) }
    }

    /// The first accepted value of a gold value (a list means alternatives), as a JSON scalar.
    func scalar(_ any: Any?) -> JSONValue {
        let v = (any as? [Any])?.first ?? any ?? NSNull()
        // Through JSONDecoder, which tells true from 1 (a bridged NSNumber does not).
        guard let data = try? JSONSerialization.data(withJSONObject: [v]),
              let decoded = try? JSONDecoder().decode([JSONValue].self, from: data) else { return .null }
        return decoded.first ?? .null
    }

    static func usualAccounts(_ language: Language) -> Accounts {
        Accounts(identity: Field(name: "username", label: language == .zh ? "用户名" : "Username", type: .string,
                                 required: true, unique: true, minLength: 3, maxLength: 32),
                 password: PasswordPolicy(label: language == .zh ? "密码" : "Password"))
    }
}

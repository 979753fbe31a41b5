/// The validator's rules for relations, roles, permissions and domain actions (contract v2): every
/// reference resolves, and no rule contradicts the fields it reads or writes.
enum ContractV2Rules {
    /// Names an action may not take: the standard operations and the account operations.
    static let reservedActionNames: Set<String> = ["create", "list", "get", "update", "delete", "register", "login", "me", "search"]

    static func problems(in spec: AppSpec) -> [SpecProblem] {
        var out: [SpecProblem] = []
        func add(_ path: String, _ message: String) { out.append(SpecProblem(path: path, message: message)) }
        let hasLogin = spec.accounts?.login ?? false
        var roleNames = Set<String>()
        for (i, r) in spec.roles.enumerated() {
            let at = "accounts.roles[\(i)]"
            if !SpecValidator.isIdentifier(r.name) { add(at, "'\(r.name)' is not a lower_snake_case identifier") }
            if !roleNames.insert(r.name).inserted { add(at, "role '\(r.name)' is defined twice") }
        }
        if !spec.roles.isEmpty && !hasLogin { add("accounts.roles", "roles need accounts that log in") }

        func checkGrants(_ grants: [Grant], at: String) {
            if grants.isEmpty { add(at, "nobody may call it: give at least one grant") }
            for g in grants {
                if let role = g.roleName, !roleNames.contains(role) {
                    add(at, "role '\(role)' is used but never defined in accounts.roles")
                }
            }
            if grants != [.anyone] && !grants.allowsAnyone && !hasLogin {
                add(at, "only some callers may call it, but the app has no accounts with login")
            }
        }

        for (i, e) in spec.entities.enumerated() {
            let at = "entities[\(i)] (\(e.name))"
            for (op, grants) in e.permissions.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let p = at + ".permissions.\(op.rawValue)"
                if !e.supports(op) { add(p, "a permission for '\(op.rawValue)', which is not an operation of \(e.name)") }
                checkGrants(grants, at: p)
            }
            for (f, relation) in e.relations {
                let p = at + ".fields.\(f.name).relation"
                guard let parent = spec.entity(named: relation.entity) else {
                    add(p, "relation to unknown entity '\(relation.entity)'"); continue
                }
                if parent.name == e.name { add(p, "an entity cannot belong to itself") }
                if f.type != .integer { add(p, "a relation field holds the parent's id, so its type must be integer") }
                if f.name != Relation.fieldName(for: parent.name) {
                    add(p, "the field pointing at \(parent.name) must be named '\(Relation.fieldName(for: parent.name))'")
                }
                if f.unique || f.defaultValue != nil || f.minimum != nil || f.maximum != nil || f.exclusiveMinimum != nil {
                    add(p, "a relation field takes no unique flag, default or numeric limits")
                }
                if e.relations.filter({ $0.relation.entity == relation.entity }).count > 1 {
                    add(p, "\(e.name) belongs to \(parent.name) twice")
                }
            }
            var actionNames = Set<String>()
            for (j, a) in e.actions.enumerated() {
                let p = at + ".actions[\(j)] (\(a.name))"
                if !SpecValidator.isIdentifier(a.name) { add(p, "'\(a.name)' is not a lower_snake_case identifier") }
                if reservedActionNames.contains(a.name) { add(p, "'\(a.name)' is a standard operation, not an action; choose another verb") }
                if !actionNames.insert(a.name).inserted { add(p, "action '\(a.name)' is defined twice") }
                checkGrants(a.access, at: p + ".access")
                if a.oncePerUser && (a.access.allowsAnyone || !hasLogin) {
                    add(p + ".oncePerUser", "once per user needs to know the user: the action must need a signed-in caller")
                }
                if a.preconditions.isEmpty && a.effects.isEmpty && !a.oncePerUser {
                    add(p, "an action needs a rule or an effect, else it does nothing")
                }
                checkPreconditions(a.preconditions, of: e, at: p + ".preconditions", add: add)
                checkEffects(a, of: e, in: spec, at: p + ".effects", add: add)
            }
        }
        return out
    }

    static func checkPreconditions(_ rules: [Precondition], of e: Entity, at: String, add: (String, String) -> Void) {
        for (k, rule) in rules.enumerated() {
            let p = "\(at)[\(k)]"
            guard let f = e.field(named: rule.field) else { add(p, "unknown field '\(rule.field)' of \(e.name)"); continue }
            let ordered = rule.op != .equal && rule.op != .notEqual
            if ordered && !(f.type.isNumeric || f.type == .date || f.type == .datetime) {
                add(p, "'\(rule.op.rawValue)' compares numbers or dates, but '\(f.name)' is \(f.type.rawValue)")
            }
            switch rule.value {
            case .field(let other):
                guard let g = e.field(named: other) else { add(p, "unknown field '\(other)' of \(e.name)"); continue }
                if other == f.name && [.notEqual, .greater, .less].contains(rule.op) { add(p, "'\(f.name) \(rule.op.rawValue) \(f.name)' can never hold") }
                if f.type.isNumeric != g.type.isNumeric || (!f.type.isNumeric && f.type != g.type) {
                    add(p, "'\(f.name)' (\(f.type.rawValue)) cannot be compared with '\(other)' (\(g.type.rawValue))")
                }
            case .constant(let v):
                checkConstant(v, for: f, at: p, add: add)
                if case .number(let n) = v, f.type.isNumeric, !canHold(rule.op, n, f) {
                    add(p, "'\(f.name) \(rule.op.rawValue) \(SpecValidator.fmt(n))' can never hold within the field's limits")
                }
            }
        }
    }

    /// Whether some value within the field's own limits satisfies `value op n`.
    static func canHold(_ op: Comparison, _ n: Double, _ f: Field) -> Bool {
        let lo = f.exclusiveMinimum ?? f.minimum ?? -.infinity, hi = f.maximum ?? .infinity
        switch op {
        case .equal: return n >= lo && n <= hi
        case .notEqual: return lo != hi || lo != n
        case .greater: return hi > n
        case .greaterOrEqual: return hi >= n
        case .less: return lo < n
        case .lessOrEqual: return lo <= n
        }
    }

    static func checkConstant(_ v: JSONValue, for f: Field, at p: String, add: (String, String) -> Void) {
        switch (f.type, v) {
        case (.integer, .number(let n)) where n != n.rounded(): add(p, "'\(f.name)' is an integer, \(SpecValidator.fmt(n)) is not whole")
        case (.integer, .number), (.number, .number), (.boolean, .bool): break
        case (.enumeration, .string(let s)):
            if !(f.allowedValues ?? []).contains(s) { add(p, "'\(s)' is not an allowed value of '\(f.name)'") }
        case (.string, .string), (.text, .string), (.email, .string), (.date, .string), (.datetime, .string): break
        case (_, .null): if f.required { add(p, "'\(f.name)' is required, so it is never null") }
        default: add(p, "the value does not match '\(f.name)' (\(f.type.rawValue))")
        }
    }

    static func checkEffects(_ a: DomainAction, of e: Entity, in spec: AppSpec, at: String, add: (String, String) -> Void) {
        for (k, effect) in a.effects.enumerated() {
            let p = "\(at)[\(k)]"
            switch effect {
            case .set(let field, let value):
                guard let f = e.field(named: field) else { add(p, "unknown field '\(field)' of \(e.name)"); continue }
                if f.relation != nil { add(p, "an action cannot move a record to another parent") }
                if f.unique { add(p, "setting a unique field to a constant breaks its uniqueness") }
                SpecValidator.checkDefault(value, of: f, at: p, add: { path, message in add(path.replacingOccurrences(of: ".default", with: ""), message.replacingOccurrences(of: "default", with: "value")) })
            case .increment(let field, let by):
                guard let f = e.field(named: field) else { add(p, "unknown field '\(field)' of \(e.name)"); continue }
                if !f.type.isNumeric { add(p, "increment needs a number, but '\(field)' is \(f.type.rawValue)") }
                if f.type == .integer && by != by.rounded() { add(p, "'\(field)' is an integer; add a whole number") }
                if by == 0 { add(p, "adding 0 changes nothing") }
            case .create(let name):
                guard let made = spec.entity(named: name) else { add(p, "creates unknown entity '\(name)'"); continue }
                if made.name == e.name { add(p, "an action cannot create a record of its own entity") }
                if !made.relations.contains(where: { $0.relation.entity == e.name }) {
                    add(p, "'\(name)' must belong to \(e.name) (a field '\(Relation.fieldName(for: e.name))' with a relation) to be created by '\(a.name)'")
                }
                if !made.isOwned { add(p, "'\(name)' belongs to the caller who created it, so its access must involve the owner") }
                if a.access.allowsAnyone { add(p, "creating a record that belongs to the caller needs a signed-in caller") }
                let unfilled = made.fields.filter { $0.required && $0.defaultValue == nil && $0.relation?.entity != e.name }
                if !unfilled.isEmpty {
                    add(p, "'\(name)' has required fields the action cannot fill: \(unfilled.map(\.name).joined(separator: ", "))")
                }
            }
        }
        if a.effects.filter({ if case .create = $0 { return true } else { return false } }).count > 1 {
            add(at, "an action creates at most one record")
        }
        let touched = a.effects.compactMap(\.field)
        if Set(touched).count != touched.count { add(at, "two effects change the same field") }
    }
}

/// What the generated tests print for contract v2: relations (unknown parent, list filter, cascade or
/// restrict), roles (401, 403, a role asked for at sign-up, the admin account) and domain actions
/// (success and effect, broken rule, once per user, unknown id, eight racing callers).
///
/// Tokens are Swift expressions: who may call an operation decides which account a test signs in.
enum HummingbirdTestTokens {
    /// The token expression of a caller `grants` let through on a record that caller created:
    /// `nil` for anyone, a fresh user where every signed-in user or an owner passes, else the admin.
    static func caller(_ grants: [Grant]) -> String {
        if grants.allowsAnyone { return "nil" }
        if grants.allowsEverySignedIn || grants.contains(.owner) { return "try await signIn(client)" }
        return "try await signInAdmin(client)"
    }

    /// Whether only holders of a role (or the record's owner) pass: plain users get 403.
    static func reservedToRoles(_ grants: [Grant]) -> Bool {
        !grants.allowsEverySignedIn && !grants.roleNames.isEmpty
    }
}

/// One value a test puts in a body, for the rule arithmetic of action tests.
enum HummingbirdTestScalar: Equatable {
    case number(Double)
    case text(String)
    case flag(Bool)

    /// The Swift literal in a `[String: Any]` body.
    func literal(integer: Bool) -> String {
        switch self {
        case .number(let d): return integer || d == d.rounded() ? String(Int(d)) : SwiftCode.number(d)
        case .text(let s): return SwiftCode.string(s)
        case .flag(let b): return b ? "true" : "false"
        }
    }

    init?(_ v: JSONValue) {
        switch v {
        case .number(let d): self = .number(d)
        case .string(let s): self = .text(s)
        case .bool(let b): self = .flag(b)
        case .null: return nil
        }
    }
}

/// Rule arithmetic of one entity's actions: field values that make every precondition hold exactly at
/// its edge, values that break the first one, and whether one action then breaks a rule.
struct HummingbirdRuleMath {
    let entity: Entity

    func bounds(_ f: Field) -> (lo: Double?, hi: Double?) {
        let lo = f.minimum ?? f.exclusiveMinimum.map { f.type == .integer ? $0.rounded(.down) + 1 : $0 + 0.5 }
        return (lo, f.maximum)
    }

    func fits(_ v: HummingbirdTestScalar, _ f: Field) -> Bool {
        guard case .number(let d) = v else {
            if case .text(let s) = v, let choices = f.allowedValues { return choices.contains(s) }
            return true
        }
        let (lo, hi) = bounds(f)
        return d >= (lo ?? -.infinity) && d <= (hi ?? .infinity)
    }

    /// The value a valid sample body holds (`HummingbirdTestValues.sample`), when the rules can read it.
    func sample(_ f: Field) -> HummingbirdTestScalar? {
        if f.type.isNumeric { return .number(bounds(f).lo.map { f.type == .integer ? $0.rounded(.up) : $0 } ?? 1) }
        if f.type == .boolean { return .flag(true) }
        if let first = f.allowedValues?.first { return .text(first) }
        return nil
    }

    /// Values for `p`'s fields that make it hold (`hold`) or fail, within the fields' limits.
    func values(_ p: Precondition, hold: Bool) -> [String: HummingbirdTestScalar]? {
        guard let f = entity.field(named: p.field) else { return nil }
        let op = hold ? p.op : p.op.negated
        var out: [String: HummingbirdTestScalar] = [:]
        switch p.value {
        case .field(let otherName):
            guard let g = entity.field(named: otherName), f.type.isNumeric, g.type.isNumeric else { return nil }
            let base = max(bounds(f).lo ?? 0, bounds(g).lo ?? 0, 0).rounded(.up)
            let (a, b): (Double, Double)
            switch op {
            case .equal, .lessOrEqual, .greaterOrEqual: (a, b) = (base, base)
            case .less: (a, b) = (base, base + 1)
            case .greater, .notEqual: (a, b) = (base + 1, base)
            }
            out[f.name] = .number(a)
            out[g.name] = .number(b)
        case .constant(let c):
            guard let v = HummingbirdTestScalar(c) else { return nil }
            switch (v, op) {
            case (.number(let d), _):
                let step: Double = f.type == .integer ? 1 : 0.5
                switch op {
                case .equal, .greaterOrEqual, .lessOrEqual: out[f.name] = .number(d)
                case .greater: out[f.name] = .number(d + step)
                case .less: out[f.name] = .number(d - step)
                case .notEqual: out[f.name] = .number(fits(.number(d + step), f) ? d + step : d - step)
                }
            case (.text(let s), .equal): out[f.name] = .text(s)
            case (.text(let s), .notEqual):
                out[f.name] = .text((f.allowedValues ?? []).first { $0 != s } ?? s + "x")
            case (.flag(let b), .equal): out[f.name] = .flag(b)
            case (.flag(let b), .notEqual): out[f.name] = .flag(!b)
            default: return nil
            }
        }
        for (name, v) in out {
            guard let field = entity.field(named: name), fits(v, field) else { return nil }
        }
        return out
    }

    /// Values that make every precondition hold (at its edge, so one action may use it up).
    func satisfying(_ a: DomainAction) -> [String: HummingbirdTestScalar]? {
        var out: [String: HummingbirdTestScalar] = [:]
        for p in a.preconditions {
            guard let v = values(p, hold: true) else { return nil }
            for (k, x) in v {
                if let old = out[k], old != x { return nil }
                out[k] = x
            }
        }
        return out
    }

    /// Values that break the first precondition and keep the others.
    func violating(_ a: DomainAction) -> [String: HummingbirdTestScalar]? {
        guard let first = a.preconditions.first, var out = values(first, hold: false) else { return nil }
        for p in a.preconditions.dropFirst() {
            guard let v = values(p, hold: true) else { return nil }
            for (k, x) in v {
                if out[k] != nil { return nil }
                out[k] = x
            }
        }
        return out
    }

    func holds(_ p: Precondition, _ values: [String: HummingbirdTestScalar]) -> Bool? {
        guard let left = values[p.field] ?? entity.field(named: p.field).flatMap(sample) else { return nil }
        let right: HummingbirdTestScalar?
        switch p.value {
        case .field(let name): right = values[name] ?? entity.field(named: name).flatMap(sample)
        case .constant(let c): right = HummingbirdTestScalar(c)
        }
        guard let right else { return nil }
        switch (left, right) {
        case (.number(let x), .number(let y)):
            switch p.op {
            case .equal: return x == y
            case .notEqual: return x != y
            case .greater: return x > y
            case .greaterOrEqual: return x >= y
            case .less: return x < y
            case .lessOrEqual: return x <= y
            }
        default:
            if p.op == .equal { return left == right }
            if p.op == .notEqual { return left != right }
            return nil
        }
    }

    /// Whether one successful action, from `values`, leaves a rule (or a field limit) broken: racing
    /// callers then get exactly one success.
    func usedUpAfterOne(_ a: DomainAction, from values: [String: HummingbirdTestScalar]) -> Bool {
        var after = values
        for effect in a.effects {
            switch effect {
            case .set(let field, let v): after[field] = HummingbirdTestScalar(v)
            case .increment(let field, let by):
                guard let f = entity.field(named: field), case .number(let d)? = after[field] ?? sample(f) else { continue }
                after[field] = .number(d + by)
            case .create: break
            }
        }
        for effect in a.effects {
            if case .increment(let field, let by) = effect, let f = entity.field(named: field),
               case .number(let d)? = after[field], !fits(.number(d + by), f) { return true }
        }
        return a.preconditions.contains { holds($0, after) == false }
    }

    /// A body override literal: `["stock": 1, "status": "open"]`, or `[:]`.
    func literal(_ values: [String: HummingbirdTestScalar]) -> String {
        guard !values.isEmpty else { return ":" }
        return values.keys.sorted().map { k in
            "\(SwiftCode.string(k)): \(values[k]!.literal(integer: entity.field(named: k)?.type == .integer))"
        }.joined(separator: ", ")
    }
}

/// The relation tests of one child field.
struct HummingbirdRelationTestModel {
    /// Whether the child is created by POST, so the unknown-parent and filter test runs.
    let hasRelationTest: Bool
    let doc: String
    let onDeleteDoc: String
    let field: String
    let function: String
    let parentType: String
    let parentUrl: String
    let childToken: String
    let hasList: Bool
    /// The cascade or restrict test, when the parent can be deleted and a child made.
    let hasOnDelete: Bool
    let cascade: Bool
    let restrict: Bool
    let parentValues: String
    let deleteToken: String
    /// The child comes from a POST of its own, or from an action on the parent (a loan from `borrow`).
    let viaCreate: Bool
    let viaAction: Bool
    let actionVerb: String
    let childHasGet: Bool
    let childHasList: Bool
    let parentHasGet: Bool
    let parentGetToken: String
    let childGetToken: String
}

/// The role test of one entity: every operation reserved to a role.
struct HummingbirdRoleTestModel {
    let doc: String
    let createReserved: Bool
    let updateReserved: Bool
    let deleteReserved: Bool
    let getReserved: Bool
    let listReserved: Bool
    /// Actions reserved to a role: 401, 403 for plain users and for one who asked for a role.
    let actions: [String]
}

/// The tests of one domain action.
struct HummingbirdActionTestModel {
    let verb: String
    let function: String
    let doc: String
    let preconditionDoc: String
    let onceDoc: String
    let raceDoc: String
    let satisfying: String
    let actorLine: String
    let needsToken: Bool
    let status: String
    let increments: [HummingbirdEffectCheck]
    let sets: [HummingbirdEffectCheck]
    let creates: [HummingbirdCreatedCheck]
    let hasPrecondition: Bool
    let violating: String
    let message: String
    let oncePerUser: Bool
    let hasRace: Bool
    /// One caller racing itself (only one account may act), or eight users.
    let raceActor: String
}

struct HummingbirdEffectCheck {
    let field: String
    let value: String
}

struct HummingbirdCreatedCheck {
    let createdUrl: String
    let relationField: String
    let answersCreated: Bool
    let listToken: String
}

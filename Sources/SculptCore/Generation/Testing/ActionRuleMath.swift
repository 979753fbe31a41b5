/// One value a test puts in a body, for the rule arithmetic of action tests.
enum RuleScalar: Equatable {
    case number(Double)
    case text(String)
    case flag(Bool)

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
struct ActionRuleMath {
    let entity: Entity

    func bounds(_ f: Field) -> (lo: Double?, hi: Double?) {
        let lo = f.minimum ?? f.exclusiveMinimum.map { f.type == .integer ? $0.rounded(.down) + 1 : $0 + 0.5 }
        return (lo, f.maximum)
    }

    func fits(_ v: RuleScalar, _ f: Field) -> Bool {
        guard case .number(let d) = v else {
            if case .text(let s) = v, let choices = f.allowedValues { return choices.contains(s) }
            return true
        }
        let (lo, hi) = bounds(f)
        return d >= (lo ?? -.infinity) && d <= (hi ?? .infinity)
    }

    /// The value a valid sample body holds (`HummingbirdTestValues.sample`), when the rules can read it.
    func sample(_ f: Field) -> RuleScalar? {
        if f.type.isNumeric { return .number(bounds(f).lo.map { f.type == .integer ? $0.rounded(.up) : $0 } ?? 1) }
        if f.type == .boolean { return .flag(true) }
        if let first = f.allowedValues?.first { return .text(first) }
        return nil
    }

    /// Values for `p`'s fields that make it hold (`hold`) or fail, within the fields' limits.
    func values(_ p: Precondition, hold: Bool) -> [String: RuleScalar]? {
        guard let f = entity.field(named: p.field) else { return nil }
        let op = hold ? p.op : p.op.negated
        var out: [String: RuleScalar] = [:]
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
            guard let v = RuleScalar(c) else { return nil }
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
    /// A counter one action moves past its own limit (`spots` at least 1, booking takes one) starts one
    /// step further in, since the server refuses an effect that would break the field's limits.
    func satisfying(_ a: DomainAction) -> [String: RuleScalar]? {
        var out: [String: RuleScalar] = [:]
        for p in a.preconditions {
            guard let v = values(p, hold: true) else { return nil }
            for (k, x) in v {
                if let old = out[k], old != x { return nil }
                out[k] = x
            }
        }
        for case .increment(let field, let by) in a.effects {
            guard by != 0, let f = entity.field(named: field), case .number(var d)? = out[field] ?? sample(f) else { continue }
            var steps = 0
            while !fits(.number(d + by), f), steps < 4 {
                d -= by
                steps += 1
            }
            guard fits(.number(d), f), fits(.number(d + by), f) else { return nil }
            if steps > 0 { out[field] = .number(d) }
        }
        guard a.preconditions.allSatisfy({ holds($0, out) != false }) else { return nil }
        return out
    }

    /// Values that break the first precondition and keep the others.
    func violating(_ a: DomainAction) -> [String: RuleScalar]? {
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

    func holds(_ p: Precondition, _ values: [String: RuleScalar]) -> Bool? {
        guard let left = values[p.field] ?? entity.field(named: p.field).flatMap(sample) else { return nil }
        let right: RuleScalar?
        switch p.value {
        case .field(let name): right = values[name] ?? entity.field(named: name).flatMap(sample)
        case .constant(let c): right = RuleScalar(c)
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
    func usedUpAfterOne(_ a: DomainAction, from values: [String: RuleScalar]) -> Bool {
        var after = values
        for effect in a.effects {
            switch effect {
            case .set(let field, let v): after[field] = RuleScalar(v)
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
}

/// A verb on one record beyond create/edit ("借书", "vote", "cancel"), with the rules that guard it
/// and what it changes. The generated server runs it as one transaction, so its rules hold when
/// requests race (eight borrows of the last copy: one succeeds).
public struct DomainAction: Codable, Equatable, Sendable {
    /// English lower snake case verb (`borrow`), the API's `x-sculpt-action` and the path's last part.
    public var name: String
    /// What end users call it, in the requirement's language (`借书`, `Borrow`).
    public var label: String
    /// Who may perform it.
    public var access: [Grant]
    /// Conditions on the record that must all hold, else 409 `precondition_failed`.
    public var preconditions: [Precondition]
    /// What the action changes, applied in order inside the transaction.
    public var effects: [Effect]
    /// Whether each account may perform it at most once per record (a second call answers 409).
    public var oncePerUser: Bool

    public init(name: String, label: String, access: [Grant] = [.signedIn], preconditions: [Precondition] = [],
                effects: [Effect] = [], oncePerUser: Bool = false) {
        self.name = name
        self.label = label
        self.access = access
        self.preconditions = preconditions
        self.effects = effects
        self.oncePerUser = oncePerUser
    }

    enum CodingKeys: String, CodingKey { case name, label, access, preconditions, effects, oncePerUser }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? name
        access = try c.decodeIfPresent([Grant].self, forKey: .access) ?? [.signedIn]
        preconditions = try c.decodeIfPresent([Precondition].self, forKey: .preconditions) ?? []
        effects = try c.decodeIfPresent([Effect].self, forKey: .effects) ?? []
        oncePerUser = try c.decodeIfPresent(Bool.self, forKey: .oncePerUser) ?? false
    }

    /// The entity a `create` effect makes, if any.
    public var createdEntity: String? {
        for e in effects { if case .create(let entity) = e { return entity } }
        return nil
    }

    /// Whether the action's only effect creates a record (it then answers 201 with that record).
    public var onlyCreates: Bool { !effects.isEmpty && effects.allSatisfy { if case .create = $0 { return true } else { return false } } }
}

/// A rule on the record acted on: `stock > 0`, `enrolled < capacity`, `status == "pending"`.
public struct Precondition: Codable, Equatable, Sendable {
    public var field: String
    public var op: Comparison
    public var value: Operand
    /// The message shown when it fails, in the requirement's language; generated from the rule when absent.
    public var message: String?

    public init(field: String, op: Comparison, value: Operand, message: String? = nil) {
        self.field = field
        self.op = op
        self.value = value
        self.message = message
    }
}

/// The comparison of a precondition, spelt as in `x-sculpt-preconditions`.
public enum Comparison: String, Codable, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="

    /// The comparison that holds exactly when this one fails.
    public var negated: Comparison {
        switch self {
        case .equal: return .notEqual
        case .notEqual: return .equal
        case .greater: return .lessOrEqual
        case .greaterOrEqual: return .less
        case .less: return .greaterOrEqual
        case .lessOrEqual: return .greater
        }
    }
}

/// The right-hand side of a precondition: a constant, or another field of the same record.
public enum Operand: Codable, Equatable, Sendable {
    case constant(JSONValue)
    case field(String)

    enum CodingKeys: String, CodingKey { case field }

    public init(from decoder: Decoder) throws {
        if let c = try? decoder.container(keyedBy: CodingKeys.self), let name = try? c.decode(String.self, forKey: .field) {
            self = .field(name)
        } else {
            self = .constant(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .constant(let v): try v.encode(to: encoder)
        case .field(let name):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .field)
        }
    }
}

/// One change an action makes, spelt as in `x-sculpt-effects`.
public enum Effect: Codable, Equatable, Sendable {
    /// Store a constant in a field of the record acted on (`status = "approved"`).
    case set(field: String, value: JSONValue)
    /// Add to a number of the record acted on (`stock += -1`).
    case increment(field: String, by: Double)
    /// Create a record of another entity that belongs to the record acted on and to the caller (a loan).
    case create(entity: String)

    enum CodingKeys: String, CodingKey { case kind, field, value, by, entity }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "set": self = .set(field: try c.decode(String.self, forKey: .field), value: try c.decode(JSONValue.self, forKey: .value))
        case "increment": self = .increment(field: try c.decode(String.self, forKey: .field), by: try c.decodeIfPresent(Double.self, forKey: .by) ?? 1)
        case "create": self = .create(entity: try c.decode(String.self, forKey: .entity))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "effect kind '\(kind)' is not one of set, increment, create")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .set(let field, let value):
            try c.encode("set", forKey: .kind); try c.encode(field, forKey: .field); try c.encode(value, forKey: .value)
        case .increment(let field, let by):
            try c.encode("increment", forKey: .kind); try c.encode(field, forKey: .field)
            if by == by.rounded() { try c.encode(Int(by), forKey: .by) } else { try c.encode(by, forKey: .by) }
        case .create(let entity):
            try c.encode("create", forKey: .kind); try c.encode(entity, forKey: .entity)
        }
    }

    /// The field of the record acted on that the effect changes, if any.
    public var field: String? {
        switch self {
        case .set(let f, _), .increment(let f, _): return f
        case .create: return nil
        }
    }
}

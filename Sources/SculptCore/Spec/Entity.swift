/// A kind of thing the application stores (a post, a product, a task) and what users may do with it.
public struct Entity: Codable, Equatable, Sendable {
    /// English singular identifier, lower snake case (`post`, `order_item`); also `x-sculpt-entity`.
    public var name: String
    /// English plural, used in paths (`/api/posts`) and table names.
    public var plural: String
    /// What end users call it, in the requirement's language (`文章`, `Product`).
    public var label: String
    public var fields: [Field]
    public var operations: [EntityOperation]
    /// Fields the list operation's `q` parameter searches (case-insensitive substring).
    public var searchable: [String]
    /// Who may read and who may write; `owner` means entities belong to the account that created them.
    public var access: Access
    /// Who may call each operation where it differs from `access` (contract v2: "only admins can
    /// delete", "the owner or an admin may edit").
    public var permissions: [EntityOperation: [Grant]]
    /// Verbs beyond create/edit (`borrow`, `like`), each with its rules.
    public var actions: [DomainAction]

    public init(
        name: String, plural: String, label: String, fields: [Field], operations: [EntityOperation] = EntityOperation.allCases,
        searchable: [String] = [], access: Access = .open, permissions: [EntityOperation: [Grant]] = [:],
        actions: [DomainAction] = []
    ) {
        self.name = name
        self.plural = plural
        self.label = label
        self.fields = fields
        self.operations = operations
        self.searchable = searchable
        self.access = access
        self.permissions = permissions
        self.actions = actions
    }

    enum CodingKeys: String, CodingKey { case name, plural, label, fields, operations, searchable, access, permissions, actions }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        plural = try c.decodeIfPresent(String.self, forKey: .plural) ?? name + "s"
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? name
        fields = try c.decodeIfPresent([Field].self, forKey: .fields) ?? []
        operations = try c.decodeIfPresent([EntityOperation].self, forKey: .operations) ?? EntityOperation.allCases
        searchable = try c.decodeIfPresent([String].self, forKey: .searchable) ?? []
        access = try c.decodeIfPresent(Access.self, forKey: .access) ?? .open
        var permissions: [EntityOperation: [Grant]] = [:]
        for (key, grants) in try c.decodeIfPresent([String: [Grant]].self, forKey: .permissions) ?? [:] {
            guard let op = EntityOperation(rawValue: key) else {
                throw DecodingError.dataCorruptedError(forKey: .permissions, in: c,
                    debugDescription: "'\(key)' is not an operation: use create, list, get, update or delete")
            }
            permissions[op] = grants
        }
        self.permissions = permissions
        actions = try c.decodeIfPresent([DomainAction].self, forKey: .actions) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(plural, forKey: .plural)
        try c.encode(label, forKey: .label)
        try c.encode(fields, forKey: .fields)
        try c.encode(operations, forKey: .operations)
        try c.encode(searchable, forKey: .searchable)
        try c.encode(access, forKey: .access)
        if !permissions.isEmpty {
            try c.encode(Dictionary(uniqueKeysWithValues: permissions.map { ($0.key.rawValue, $0.value) }), forKey: .permissions)
        }
        if !actions.isEmpty { try c.encode(actions, forKey: .actions) }
    }

    /// Who may call `op`: its own permission, else what `access` implies (creating an owned record
    /// needs only a signed-in caller, who becomes its owner).
    public func grants(for op: EntityOperation) -> [Grant] {
        if let own = permissions[op] { return own }
        switch op {
        case .list, .get: return [Grant(access.read)]
        case .create: return access.write == .owner || (isOwned && access.write == .anyone) ? [.signedIn] : [Grant(access.write)]
        case .update, .delete: return [Grant(access.write)]
        }
    }

    /// The relation fields: the parents this entity belongs to.
    public var relations: [(field: Field, relation: Relation)] {
        fields.compactMap { f in f.relation.map { (f, $0) } }
    }

    public func action(named name: String) -> DomainAction? { actions.first { $0.name == name } }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }
    public func supports(_ op: EntityOperation) -> Bool { operations.contains(op) }
    /// Whether each stored row records the account that created it: some operation or action is
    /// reserved to the owner.
    public var isOwned: Bool {
        access.read == .owner || access.write == .owner
            || permissions.values.contains { $0.contains(.owner) } || actions.contains { $0.access.contains(.owner) }
    }
}

/// The standard operations on an entity; the names are the API's `x-sculpt-action` values.
public enum EntityOperation: String, Codable, Sendable, CaseIterable {
    case create, list, get, update, delete
}

/// Who may read an entity and who may change it.
public struct Access: Codable, Equatable, Sendable {
    public var read: Audience
    public var write: Audience

    public init(read: Audience, write: Audience) {
        self.read = read
        self.write = write
    }

    /// No accounts involved: anyone reads and writes.
    public static let open = Access(read: .anyone, write: .anyone)
}

/// A group of callers. `owner` implies signed in, and that the row belongs to the caller.
public enum Audience: String, Codable, Sendable, CaseIterable {
    case anyone, signedIn = "signed_in", owner
}

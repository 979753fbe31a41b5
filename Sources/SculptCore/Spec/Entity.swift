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

    public init(
        name: String, plural: String, label: String, fields: [Field], operations: [EntityOperation] = EntityOperation.allCases,
        searchable: [String] = [], access: Access = .open
    ) {
        self.name = name
        self.plural = plural
        self.label = label
        self.fields = fields
        self.operations = operations
        self.searchable = searchable
        self.access = access
    }

    enum CodingKeys: String, CodingKey { case name, plural, label, fields, operations, searchable, access }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        plural = try c.decodeIfPresent(String.self, forKey: .plural) ?? name + "s"
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? name
        fields = try c.decodeIfPresent([Field].self, forKey: .fields) ?? []
        operations = try c.decodeIfPresent([EntityOperation].self, forKey: .operations) ?? EntityOperation.allCases
        searchable = try c.decodeIfPresent([String].self, forKey: .searchable) ?? []
        access = try c.decodeIfPresent(Access.self, forKey: .access) ?? .open
    }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }
    public func supports(_ op: EntityOperation) -> Bool { operations.contains(op) }
    /// Whether each stored row records the account that created it.
    public var isOwned: Bool { access.read == .owner || access.write == .owner }
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

/// The one intermediate representation between understanding and generation.
///
/// Every understander (the offline parser, a model, a hand-written file) produces an `AppSpec`;
/// every target generates from it alone, so the API contract, the code and the tests cannot drift.
/// It is versioned so `spec.json` files written today can be read, or refused clearly, tomorrow.
public struct AppSpec: Codable, Equatable, Sendable {
    /// The newest version of this format; this code reads every version from 1 to this one.
    /// Version 2 adds relations, roles, per-operation permissions and domain actions (contract v2).
    public static let currentVersion = 2

    public var version: Int
    /// An identifier for the application (`blog`, `product_catalog`), used for folder and package names.
    public var name: String
    /// A human title in the requirement's language, shown on the web page and in the README.
    public var title: String
    /// The language of the requirement; messages shown to end users follow it.
    public var language: Language
    /// The requirement as the user wrote it, when the spec came from prose.
    public var requirement: String?
    /// Sign-up, login and profile, when the application has user accounts.
    public var accounts: Accounts?
    public var entities: [Entity]
    /// The requirement's clauses and which parts of the spec each one produced, so tests can name
    /// the clause they prove.
    public var clauses: [Clause]

    public init(
        version: Int? = nil, name: String, title: String, language: Language,
        requirement: String? = nil, accounts: Accounts? = nil, entities: [Entity] = [], clauses: [Clause] = []
    ) {
        self.name = name
        self.title = title
        self.language = language
        self.requirement = requirement
        self.accounts = accounts
        self.entities = entities
        self.clauses = clauses
        self.version = 1
        self.version = version ?? neededVersion
    }

    /// The lowest version that can say everything this spec says: 1 unless it uses contract v2.
    public var neededVersion: Int { usesContractV2 ? 2 : 1 }

    /// Whether the spec uses relations, roles, per-operation permissions or domain actions.
    public var usesContractV2: Bool {
        !(accounts?.roles.isEmpty ?? true)
            || entities.contains { !$0.actions.isEmpty || !$0.permissions.isEmpty || !$0.relations.isEmpty }
    }

    /// The roles accounts may hold.
    public var roles: [Role] { accounts?.roles ?? [] }

    enum CodingKeys: String, CodingKey {
        case version, name, title, language, requirement, accounts, entities, clauses
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? name
        language = try c.decodeIfPresent(Language.self, forKey: .language) ?? .en
        requirement = try c.decodeIfPresent(String.self, forKey: .requirement)
        accounts = try c.decodeIfPresent(Accounts.self, forKey: .accounts)
        entities = try c.decodeIfPresent([Entity].self, forKey: .entities) ?? []
        clauses = try c.decodeIfPresent([Clause].self, forKey: .clauses) ?? []
    }

    public func entity(named name: String) -> Entity? {
        entities.first { $0.name == name }
    }

    /// The entities that belong to `parent`, with the field pointing at it and its delete rule.
    public func children(of parent: String) -> [(entity: Entity, field: Field, relation: Relation)] {
        entities.flatMap { e in e.relations.filter { $0.relation.entity == parent }.map { (e, $0.field, $0.relation) } }
    }
}

/// The language messages, labels and docs are written in.
public enum Language: String, Codable, Sendable, CaseIterable {
    case zh, en
}

/// A sentence or phrase of the requirement and the spec parts it produced (paths such as
/// `accounts.register`, `entities.post.fields.title.required`, `entities.post.search`).
public struct Clause: Codable, Equatable, Sendable {
    public var text: String
    public var refs: [String]

    public init(text: String, refs: [String]) {
        self.text = text
        self.refs = refs
    }
}

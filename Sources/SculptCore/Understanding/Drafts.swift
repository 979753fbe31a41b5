import Foundation

/// A field being assembled from the requirement, before defaults are settled.
struct FieldDraft {
    var name: String
    var label: String
    var type: FieldType
    /// Whether the type came from the lexicon or an explicit phrase (not a guess from the name).
    var typeKnown: Bool
    var required: Bool?
    var unique = false
    var minLength: Int?
    var maxLength: Int?
    var minimum: Double?
    var exclusiveMinimum: Double?
    var maximum: Double?
    var allowedValues: [String]?
    var defaultValue: JSONValue?
    /// The parent this field points at (contract v2), for `<parent>_id` fields.
    var relation: Relation?
    /// Paths of the constraints stated, for clause refs (`required`, `maxLength`, ...).
    var stated: [String] = []

    func field(required: Bool) -> Field {
        Field(name: name, label: label, type: type, required: required, unique: unique, minLength: minLength, maxLength: maxLength,
              minimum: minimum, exclusiveMinimum: exclusiveMinimum, maximum: maximum, allowedValues: allowedValues,
              defaultValue: defaultValue, relation: relation)
    }
}

/// An entity being assembled: everything the clauses said about it so far.
struct EntityDraft {
    var name: String
    var plural: String
    var label: String
    /// The lexicon word this entity was recognised by (its stock fields, whether it is authored).
    var lexiconName: String?
    var fields: [FieldDraft] = []
    /// Operations the requirement rules out ("不能删除", "never delete them").
    var forbidden: Set<EntityOperation> = []
    /// Operations named in plain clauses ("users can add and delete tasks").
    var operations: Set<EntityOperation> = []
    /// Operations named only while saying who may do them ("只有作者本人可以修改"), which restrict
    /// rather than enumerate.
    var accessOperations: Set<EntityOperation> = []
    /// Operations a clause gives to people who hold no role ("用户可以发布帖子"): a role's rights do not take them away.
    var openOperations: Set<EntityOperation> = []
    var searchable: [String] = []
    var searchWithoutField = false
    var read: Audience = .anyone
    var write: Audience = .anyone
    var authored = false
    var known: Bool
    /// Who may call each operation where a role was named (contract v2).
    var grants: [EntityOperation: [Grant]] = [:]
    var actions: [DomainAction] = []
    /// Made by an action on another record for the caller ("每次借书生成一条借阅记录"): its owner is the caller.
    var ownedByCreator = false

    mutating func upsert(_ f: FieldDraft) -> Int {
        if let i = fields.firstIndex(where: { $0.name == f.name }) { return i }
        fields.append(f)
        return fields.count - 1
    }
}

extension Audience {
    /// Stricter audiences win when clauses disagree: owner > signed in > anyone.
    var rank: Int { self == .anyone ? 0 : self == .signedIn ? 1 : 2 }
    func atLeast(_ other: Audience) -> Audience { other.rank > rank ? other : self }
}

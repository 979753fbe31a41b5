/// A field that points at another entity's record: "each issue belongs to a project".
///
/// The field holding it is an integer named `<parent>_id`; the relation says which entity it points
/// at and what deleting that parent does to the children, so no delete ever leaves orphans.
public struct Relation: Codable, Equatable, Sendable {
    /// The parent entity's name (`project`).
    public var entity: String
    public var onDelete: OnDelete

    public init(entity: String, onDelete: OnDelete = .restrict) {
        self.entity = entity
        self.onDelete = onDelete
    }

    enum CodingKeys: String, CodingKey { case entity, onDelete }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entity = try c.decode(String.self, forKey: .entity)
        onDelete = try c.decodeIfPresent(OnDelete.self, forKey: .onDelete) ?? .restrict
    }

    /// The name the contract gives the field that holds a relation to `entity`.
    public static func fieldName(for entity: String) -> String { entity + "_id" }
}

/// What deleting a parent does while children point at it (`x-sculpt-on-delete`).
public enum OnDelete: String, Codable, Sendable, CaseIterable {
    /// The children are deleted with it (comments of a post, items of an order).
    case cascade
    /// The delete is refused with 409 while children exist.
    case restrict
}

/// One relation field of a child entity as the routes print it: the parent must exist on create and
/// update, and the list filters by it (`?project_id=3`).
struct HummingbirdRelationModel {
    /// The field (`project_id`).
    let name: String
    /// Its Swift property (`projectID`... as `SwiftCode.property` names it).
    let property: String
    let parentTable: String
    let parentEntity: String
    let onDelete: String

    init?(_ f: Field, spec: AppSpec) {
        guard let relation = f.relation, let parent = spec.entities.first(where: { $0.name == relation.entity }) else { return nil }
        name = f.name
        property = SwiftCode.property(f.name, avoiding: HummingbirdField.reservedProperties)
        parentTable = parent.plural
        parentEntity = parent.name
        onDelete = relation.onDelete.rawValue
    }

    /// The column of `CREATE TABLE`: a real foreign key with the relation's ON DELETE.
    static func reference(parentTable: String, onDelete: OnDelete) -> String {
        ".references(\(SwiftCode.string(parentTable)), onDelete: .\(onDelete == .cascade ? "cascade" : "restrict"))"
    }
}

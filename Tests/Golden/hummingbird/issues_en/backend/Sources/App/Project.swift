import Foundation
import GRDB

// sculpt:part model-entity project
/// Project: as stored in the `projects` table and shown by the API (the Project schema).
struct Project: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "projects"

    var id: Int64?
    var name: String
    var description: String?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case description
    }

    /// A new record before the request's values are applied.
    static func blank() -> Project {
        Project(id: nil, name: "", description: nil)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json project
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
    }
}

// sculpt:part field-rules project
/// A project body (the ProjectInput schema; ProjectPatch is the same with every field optional).
struct ProjectInput: Sendable {
    static let name = Rule(name: "name", label: "Name", kind: .text, required: true, minLength: 1, maxLength: 200)
    static let description = Rule(name: "description", label: "Description", kind: .text, maxLength: 10000)
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = [ProjectInput.name]

    var name: String?
    var description: String?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        name = try reader.text(Self.name)
        description = try reader.text(Self.description)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Project) {
        if assigned.contains("name"), let name { record.name = name }
        if assigned.contains("description") { record.description = description }
    }
}

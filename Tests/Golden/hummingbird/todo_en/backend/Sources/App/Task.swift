import Foundation
import GRDB

// sculpt:part model-entity task
/// Task: as stored in the `tasks` table and shown by the API (the Task schema).
struct Task: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "tasks"

    var id: Int64?
    var title: String
    var description: String?
    var done: Bool

    enum CodingKeys: String, CodingKey {
        case id
        case title
        case description
        case done
    }

    /// A new record before the request's values are applied.
    static func blank() -> Task {
        Task(id: nil, title: "", description: nil, done: false)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json task
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(description, forKey: .description)
        try container.encode(done, forKey: .done)
    }
}

// sculpt:part field-rules task
/// A task body (the TaskInput schema; TaskPatch is the same with every field optional).
struct TaskInput: Sendable {
    static let title = Rule(name: "title", label: "Title", kind: .text, required: true, minLength: 1, maxLength: 100)
    static let description = Rule(name: "description", label: "Description", kind: .text, maxLength: 10000)
    static let done = Rule(name: "done", label: "Done", kind: .boolean, defaultValue: .bool(false))
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = []

    var title: String?
    var description: String?
    var done: Bool?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        title = try reader.text(Self.title)
        description = try reader.text(Self.description)
        done = try reader.boolean(Self.done)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Task) {
        if assigned.contains("title"), let title { record.title = title }
        if assigned.contains("description") { record.description = description }
        if assigned.contains("done"), let done { record.done = done }
    }
}

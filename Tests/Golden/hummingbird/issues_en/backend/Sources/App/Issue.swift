import Foundation
import GRDB

// sculpt:part model-entity issue
/// Issue: as stored in the `issues` table and shown by the API (the Issue schema).
struct Issue: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "issues"

    var id: Int64?
    var projectId: Int64
    var title: String
    var status: String
    var priority: Int64?
    var ownerID: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case projectId = "project_id"
        case title
        case status
        case priority
        case ownerID = "owner_id"
    }

    /// A new record before the request's values are applied.
    static func blank(ownerID: Int64) -> Issue {
        Issue(id: nil, projectId: 0, title: "", status: "", priority: nil, ownerID: ownerID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json issue
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(projectId, forKey: .projectId)
        try container.encode(title, forKey: .title)
        try container.encode(status, forKey: .status)
        try container.encode(priority, forKey: .priority)
        try container.encode(ownerID, forKey: .ownerID)
    }
}

// sculpt:part field-rules issue
/// A issue body (the IssueInput schema; IssuePatch is the same with every field optional).
struct IssueInput: Sendable {
    static let projectId = Rule(name: "project_id", label: "Project", kind: .integer, required: true, minimum: 1)
    static let title = Rule(name: "title", label: "Title", kind: .text, required: true, minLength: 1, maxLength: 100)
    static let status = Rule(name: "status", label: "Status", kind: .text, choices: ["open", "in progress", "closed"], defaultValue: .string("open"))
    static let priority = Rule(name: "priority", label: "Priority", kind: .integer, minimum: 1, maximum: 5)
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = []

    var projectId: Int64?
    var title: String?
    var status: String?
    var priority: Int64?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        projectId = try reader.integer(Self.projectId)
        title = try reader.text(Self.title)
        status = try reader.text(Self.status)
        priority = try reader.integer(Self.priority)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Issue) {
        if assigned.contains("project_id"), let projectId { record.projectId = projectId }
        if assigned.contains("title"), let title { record.title = title }
        if assigned.contains("status"), let status { record.status = status }
        if assigned.contains("priority") { record.priority = priority }
    }
}

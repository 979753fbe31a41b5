import Foundation
import GRDB

// sculpt:part model-entity repair_request
/// Repair request: as stored in the `repair_requests` table and shown by the API (the RepairRequest schema).
struct RepairRequest: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "repair_requests"

    var id: Int64?
    var room: String
    var description: String?
    var status: String

    enum CodingKeys: String, CodingKey {
        case id
        case room
        case description
        case status
    }

    /// A new record before the request's values are applied.
    static func blank() -> RepairRequest {
        RepairRequest(id: nil, room: "", description: nil, status: "")
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json repair_request
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(room, forKey: .room)
        try container.encode(description, forKey: .description)
        try container.encode(status, forKey: .status)
    }
}

// sculpt:part field-rules repair_request
/// A repair_request body (the RepairRequestInput schema; RepairRequestPatch is the same with every field optional).
struct RepairRequestInput: Sendable {
    static let room = Rule(name: "room", label: "Room", kind: .text, required: true, minLength: 1, maxLength: 40)
    static let description = Rule(name: "description", label: "Description", kind: .text, maxLength: 10000)
    static let status = Rule(name: "status", label: "Status", kind: .text, choices: ["open", "in progress", "done"], defaultValue: .string("open"))
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = []

    var room: String?
    var description: String?
    var status: String?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        room = try reader.text(Self.room)
        description = try reader.text(Self.description)
        status = try reader.text(Self.status)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout RepairRequest) {
        if assigned.contains("room"), let room { record.room = room }
        if assigned.contains("description") { record.description = description }
        if assigned.contains("status"), let status { record.status = status }
    }
}

import Foundation
import GRDB

// sculpt:part model-entity course
/// 课程: as stored in the `courses` table and shown by the API (the Course schema).
struct Course: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "courses"

    var id: Int64?
    var name: String
    var capacity: Int64
    var enrolled: Int64
    var ownerID: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case capacity
        case enrolled
        case ownerID = "owner_id"
    }

    /// A new record before the request's values are applied.
    static func blank(ownerID: Int64) -> Course {
        Course(id: nil, name: "", capacity: 0, enrolled: 0, ownerID: ownerID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json course
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(enrolled, forKey: .enrolled)
        try container.encode(ownerID, forKey: .ownerID)
    }
}

// sculpt:part field-rules course
/// A course body (the CourseInput schema; CoursePatch is the same with every field optional).
struct CourseInput: Sendable {
    static let name = Rule(name: "name", label: "名称", kind: .text, required: true, minLength: 1, maxLength: 200)
    static let capacity = Rule(name: "capacity", label: "容量", kind: .integer, required: true, minimum: 1)
    static let enrolled = Rule(name: "enrolled", label: "已报名人数", kind: .integer, minimum: 0, defaultValue: .integer(0))
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = []

    var name: String?
    var capacity: Int64?
    var enrolled: Int64?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        name = try reader.text(Self.name)
        capacity = try reader.integer(Self.capacity)
        enrolled = try reader.integer(Self.enrolled)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Course) {
        if assigned.contains("name"), let name { record.name = name }
        if assigned.contains("capacity"), let capacity { record.capacity = capacity }
        if assigned.contains("enrolled"), let enrolled { record.enrolled = enrolled }
    }
}

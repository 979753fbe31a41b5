import Foundation
import GRDB

// sculpt:part model-entity enrollment
/// 报名记录: as stored in the `enrollments` table and shown by the API (the Enrollment schema).
struct Enrollment: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "enrollments"

    var id: Int64?
    var courseId: Int64
    var ownerID: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case courseId = "course_id"
        case ownerID = "owner_id"
    }

    /// A new record before the request's values are applied.
    static func blank(ownerID: Int64) -> Enrollment {
        Enrollment(id: nil, courseId: 0, ownerID: ownerID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json enrollment
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(courseId, forKey: .courseId)
        try container.encode(ownerID, forKey: .ownerID)
    }
}

// sculpt:part field-rules enrollment
/// A enrollment body (the EnrollmentInput schema; EnrollmentPatch is the same with every field optional).
struct EnrollmentInput: Sendable {
    static let courseId = Rule(name: "course_id", label: "课程", kind: .integer, required: true, minimum: 1)
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = []

    var courseId: Int64?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        courseId = try reader.integer(Self.courseId)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Enrollment) {
        if assigned.contains("course_id"), let courseId { record.courseId = courseId }
    }
}

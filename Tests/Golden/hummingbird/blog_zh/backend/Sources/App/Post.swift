import Foundation
import GRDB

// sculpt:part model-entity post
/// 文章: as stored in the `posts` table and shown by the API (the Post schema).
struct Post: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "posts"

    var id: Int64?
    var title: String
    var content: String
    var ownerID: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case title
        case content
        case ownerID = "owner_id"
    }

    /// A new record before the request's values are applied.
    static func blank(ownerID: Int64) -> Post {
        Post(id: nil, title: "", content: "", ownerID: ownerID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json post
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(content, forKey: .content)
        try container.encode(ownerID, forKey: .ownerID)
    }
}

// sculpt:part field-rules post
/// A post body (the PostInput schema; PostPatch is the same with every field optional).
struct PostInput: Sendable {
    static let title = Rule(name: "title", label: "标题", kind: .text, required: true, minLength: 1, maxLength: 200)
    static let content = Rule(name: "content", label: "内容", kind: .text, required: true, minLength: 1, maxLength: 10000)
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = []

    var title: String?
    var content: String?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        title = try reader.text(Self.title)
        content = try reader.text(Self.content)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Post) {
        if assigned.contains("title"), let title { record.title = title }
        if assigned.contains("content"), let content { record.content = content }
    }
}

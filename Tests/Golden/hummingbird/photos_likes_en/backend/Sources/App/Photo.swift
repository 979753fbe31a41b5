import Foundation
import GRDB

// sculpt:part model-entity photo
/// Photo: as stored in the `photos` table and shown by the API (the Photo schema).
struct Photo: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "photos"

    var id: Int64?
    var caption: String
    var imageUrl: String?
    var likeCount: Int64
    var ownerID: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case caption
        case imageUrl = "image_url"
        case likeCount = "like_count"
        case ownerID = "owner_id"
    }

    /// A new record before the request's values are applied.
    static func blank(ownerID: Int64) -> Photo {
        Photo(id: nil, caption: "", imageUrl: nil, likeCount: 0, ownerID: ownerID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json photo
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(caption, forKey: .caption)
        try container.encode(imageUrl, forKey: .imageUrl)
        try container.encode(likeCount, forKey: .likeCount)
        try container.encode(ownerID, forKey: .ownerID)
    }
}

// sculpt:part field-rules photo
/// A photo body (the PhotoInput schema; PhotoPatch is the same with every field optional).
struct PhotoInput: Sendable {
    static let caption = Rule(name: "caption", label: "Caption", kind: .text, required: true, minLength: 1, maxLength: 140)
    static let imageUrl = Rule(name: "image_url", label: "Image URL", kind: .text, maxLength: 2000)
    static let likeCount = Rule(name: "like_count", label: "Like count", kind: .integer, minimum: 0, defaultValue: .integer(0))
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = []

    var caption: String?
    var imageUrl: String?
    var likeCount: Int64?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        caption = try reader.text(Self.caption)
        imageUrl = try reader.text(Self.imageUrl)
        likeCount = try reader.integer(Self.likeCount)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Photo) {
        if assigned.contains("caption"), let caption { record.caption = caption }
        if assigned.contains("image_url") { record.imageUrl = imageUrl }
        if assigned.contains("like_count"), let likeCount { record.likeCount = likeCount }
    }
}

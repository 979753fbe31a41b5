import Foundation
import GRDB

// sculpt:part model-entity book
/// 图书: as stored in the `books` table and shown by the API (the Book schema).
struct Book: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "books"

    var id: Int64?
    var title: String
    var author: String?
    var stock: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case title
        case author
        case stock
    }

    /// A new record before the request's values are applied.
    static func blank() -> Book {
        Book(id: nil, title: "", author: nil, stock: 0)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json book
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(author, forKey: .author)
        try container.encode(stock, forKey: .stock)
    }
}

// sculpt:part field-rules book
/// A book body (the BookInput schema; BookPatch is the same with every field optional).
struct BookInput: Sendable {
    static let title = Rule(name: "title", label: "书名", kind: .text, required: true, minLength: 1, maxLength: 200)
    static let author = Rule(name: "author", label: "作者", kind: .text, maxLength: 200)
    static let stock = Rule(name: "stock", label: "库存数量", kind: .integer, minimum: 0, defaultValue: .integer(0))
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = []

    var title: String?
    var author: String?
    var stock: Int64?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        title = try reader.text(Self.title)
        author = try reader.text(Self.author)
        stock = try reader.integer(Self.stock)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Book) {
        if assigned.contains("title"), let title { record.title = title }
        if assigned.contains("author") { record.author = author }
        if assigned.contains("stock"), let stock { record.stock = stock }
    }
}

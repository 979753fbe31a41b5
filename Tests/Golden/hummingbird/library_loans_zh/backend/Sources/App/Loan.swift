import Foundation
import GRDB

// sculpt:part model-entity loan
/// 借阅记录: as stored in the `loans` table and shown by the API (the Loan schema).
struct Loan: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "loans"

    var id: Int64?
    var bookId: Int64
    var ownerID: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case bookId = "book_id"
        case ownerID = "owner_id"
    }

    /// A new record before the request's values are applied.
    static func blank(ownerID: Int64) -> Loan {
        Loan(id: nil, bookId: 0, ownerID: ownerID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json loan
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(bookId, forKey: .bookId)
        try container.encode(ownerID, forKey: .ownerID)
    }
}

// sculpt:part field-rules loan
/// A loan body (the LoanInput schema; LoanPatch is the same with every field optional).
struct LoanInput: Sendable {
    static let bookId = Rule(name: "book_id", label: "图书", kind: .integer, required: true, minimum: 1)
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = []

    var bookId: Int64?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        bookId = try reader.integer(Self.bookId)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Loan) {
        if assigned.contains("book_id"), let bookId { record.bookId = bookId }
    }
}

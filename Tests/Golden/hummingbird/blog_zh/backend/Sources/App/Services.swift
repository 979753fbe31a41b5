import Foundation
import GRDB
import Hummingbird

// sculpt:part db-session
/// What the routes share: the database, password hashing and login tokens.
struct AppServices: Sendable {
    let database: any DatabaseWriter
    let passwords: Passwords
    let tokens: Tokens

    // sculpt:part unique-commit
    /// Inserts `record`; a UNIQUE constraint the database refuses becomes a 409 naming the field.
    func insert<Record: MutablePersistableRecord & Sendable>(_ record: Record, unique: [Rule]) async throws -> Record {
        do {
            return try await database.write { db in try record.inserted(db) }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw Self.conflict(error, unique)
        }
    }

    /// Saves the changes of an existing `record`, with the same 409 as `insert`.
    func update<Record: MutablePersistableRecord & Sendable>(_ record: Record, unique: [Rule]) async throws {
        do {
            try await database.write { db in try record.update(db) }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw Self.conflict(error, unique)
        }
    }

    /// SQLite says `UNIQUE constraint failed: table.column`: the 409 names that column's field.
    static func conflict(_ error: DatabaseError, _ unique: [Rule]) -> APIError {
        let columns = (error.message ?? "").split(separator: ":").last.map {
            $0.split(separator: ",").map { $0.split(separator: ".").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "" }
        } ?? []
        if let rule = unique.first(where: { columns.contains($0.name) }) {
            return APIError(.conflict, "conflict", Messages.text("conflict", ["label": rule.label]), field: rule.name)
        }
        return APIError(.conflict, "conflict", Messages.text("conflict_other"))
    }

    // sculpt:part page-of
    /// One page of `request`: `{"items": [...], "total": N, "page": P, "page_size": S}`.
    func page<Record: FetchableRecord & TableRecord & Encodable & Sendable>(
        _ request: QueryInterfaceRequest<Record>, _ query: ListQuery
    ) async throws -> Page<Record> {
        try await database.read { db in
            let total = try request.fetchCount(db)
            let items = try request.limit(query.pageSize, offset: query.offset).fetchAll(db)
            return Page(items: items, total: total, page: query.page, pageSize: query.pageSize)
        }
    }

    // sculpt:part current-user
    /// The signed-in user named by `Authorization: Bearer <token>`, or a 401.
    func currentUser(_ request: Request) async throws -> User {
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        guard let id = tokens.userID(from: parts[1].trimmingCharacters(in: .whitespaces)) else { throw APIError.badToken }
        guard let user = try await database.read({ db in try User.fetchOne(db, key: id) }) else { throw APIError.badToken }
        return user
    }
}

/// The answer of every list operation.
struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var total: Int
    var page: Int
    var pageSize: Int

    enum CodingKeys: String, CodingKey {
        case items, total, page
        case pageSize = "page_size"
    }
}

// sculpt:part get-or-404
/// The record id in the path; anything that is not one is an unknown record (404).
func recordID(_ context: some RequestContext, label: String) throws -> Int64 {
    guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw APIError.notFound(label) }
    return id
}

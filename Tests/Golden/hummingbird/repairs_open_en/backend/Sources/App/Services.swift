import Foundation
import GRDB
import Hummingbird

// sculpt:part db-session
/// What the routes share: the database.
struct AppServices: Sendable {
    let database: any DatabaseWriter

    // sculpt:part unique-commit
    /// Inserts `record`; a UNIQUE constraint the database refuses becomes a 409 naming the field.
    /// `check` runs first in the same transaction (parents that must exist), so nothing slips in between.
    func insert<Record: MutablePersistableRecord & Sendable>(
        _ record: Record, unique: [Rule], check: @escaping @Sendable (Database, Record) throws -> Void = { _, _ in }
    ) async throws -> Record {
        do {
            return try await database.write { db in
                try check(db, record)
                return try record.inserted(db)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw Self.conflict(error, unique)
        }
    }

    /// Saves the changes of an existing `record`, with the same checks and 409 as `insert`.
    func update<Record: MutablePersistableRecord & Sendable>(
        _ record: Record, unique: [Rule], check: @escaping @Sendable (Database, Record) throws -> Void = { _, _ in }
    ) async throws {
        do {
            try await database.write { db in
                try check(db, record)
                try record.update(db)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw Self.conflict(error, unique)
        }
    }

    /// Deletes `record` in one transaction. Children that restrict the delete answer 409 while any exist;
    /// cascading children go with it (the foreign keys' ON DELETE CASCADE, recursively).
    func delete<Record: MutablePersistableRecord & Sendable>(
        _ record: Record, id: Int64, label: String, restrictedBy children: [ChildTable]
    ) async throws {
        do {
            _ = try await database.write { db in
                for child in children {
                    if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \"\(child.table)\" WHERE \"\(child.column)\" = ?)", arguments: [id]) == true {
                        throw APIError(.conflict, "conflict", Messages.text("has_children", ["label": label, "children": child.label]))
                    }
                }
                return try record.delete(db)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            // A grandchild further down restricts the delete: nothing was deleted.
            throw APIError(.conflict, "conflict", Messages.text("conflict_other"))
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
}

/// A table whose rows point at a parent and keep it from being deleted (`ON DELETE RESTRICT`).
struct ChildTable: Sendable {
    var table: String
    var column: String
    var label: String
}

/// A parent id that does not exist is refused with 400 naming the field (the foreign key backs this up).
func requireParent(_ db: Database, table: String, id: Int64?, rule: Rule) throws {
    guard let id else { return }
    if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \"\(table)\" WHERE id = ?)", arguments: [id]) != true {
        throw APIError(.badRequest, "invalid", Messages.text("parent_missing", ["label": rule.label]), field: rule.name)
    }
}

/// One rule of a domain action as SQL on the record's row, with the message shown when it does not hold.
struct ActionRule: Sendable {
    var sql: String
    var arguments: StatementArguments
    var message: String
}

/// Records that `user` performed a once-per-user action on `record`; the UNIQUE pair turns a second time
/// (also a racing one) into 409 `conflict`.
func recordOnce(_ db: Database, table: String, user: Int64, record: Int64, action: String) throws {
    do {
        try db.execute(sql: "INSERT INTO \"\(table)\" (user_id, record_id) VALUES (?, ?)", arguments: [user, record])
    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
        throw APIError(.conflict, "conflict", Messages.text("already_done", ["action": action]))
    }
}

/// Applies an action's effects in ONE conditional UPDATE whose WHERE holds every rule, so racing requests
/// cannot both pass; when no row changed, the first rule that does not hold answers 409 `precondition_failed`.
func applyGuarded(_ db: Database, table: String, id: Int64, set: String, setArguments: StatementArguments, rules: [ActionRule]) throws {
    var sql = "UPDATE \"\(table)\" SET \(set) WHERE id = ?"
    var arguments = setArguments
    arguments += [id]
    for rule in rules {
        sql += " AND (\(rule.sql))"
        arguments += rule.arguments
    }
    try db.execute(sql: sql, arguments: arguments)
    if db.changesCount > 0 { return }
    for rule in rules {
        var check = [id] as StatementArguments
        check += rule.arguments
        if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \"\(table)\" WHERE id = ? AND (\(rule.sql)))", arguments: check) != true {
            throw APIError(.conflict, "precondition_failed", rule.message)
        }
    }
    throw APIError(.conflict, "precondition_failed", Messages.text("conflict_other"))
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

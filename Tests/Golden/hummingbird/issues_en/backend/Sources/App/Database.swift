import Foundation
import GRDB

// sculpt:part db-setup
/// The SQLite database: opened (WAL, so readers never wait for the writer) and given its tables.
enum AppDatabase {
    /// A database at `path`, or in memory when `path` is nil (tests). Missing tables are created.
    static func open(_ path: String?) throws -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Writers wait for each other instead of failing under concurrent requests.
        configuration.busyMode = .timeout(30)
        let writer: any DatabaseWriter
        if let path {
            writer = try DatabasePool(path: path, configuration: configuration)
        } else {
            writer = try DatabaseQueue(configuration: configuration)
        }
        try writer.write { db in try createTables(db) }
        return writer
    }

    // sculpt:part db-tables
    /// `CREATE TABLE IF NOT EXISTS` for every table. UNIQUE constraints live in the tables: they, not
    /// a check before the insert, are what keeps a unique field unique when requests race.
    static func createTables(_ db: Database) throws {
        try db.create(table: "users", options: .ifNotExists) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("username", .text).notNull().unique()
            t.column("password_hash", .text).notNull()
        }
        try db.create(table: "projects", options: .ifNotExists) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("description", .text)
        }
        try db.create(table: "issues", options: .ifNotExists) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("project_id", .integer).notNull().references("projects", onDelete: .cascade)
            t.column("title", .text).notNull()
            t.column("status", .text).notNull()
            t.column("priority", .integer)
            t.column("owner_id", .integer).notNull().references("users", onDelete: .cascade)
        }
        try db.create(index: "issues_on_project_id", on: "issues", columns: ["project_id"], ifNotExists: true)
        try db.create(index: "issues_on_owner_id", on: "issues", columns: ["owner_id"], ifNotExists: true)
    }
}

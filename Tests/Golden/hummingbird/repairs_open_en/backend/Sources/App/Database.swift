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
        try db.create(table: "repair_requests", options: .ifNotExists) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("room", .text).notNull()
            t.column("description", .text)
            t.column("status", .text).notNull()
        }
    }
}

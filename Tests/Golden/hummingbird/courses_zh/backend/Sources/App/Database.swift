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
            t.column("roles", .text).notNull().defaults(to: "")
        }
        try db.create(table: "courses", options: .ifNotExists) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull()
            t.column("capacity", .integer).notNull()
            t.column("enrolled", .integer).notNull()
            t.column("owner_id", .integer).notNull().references("users", onDelete: .cascade)
        }
        try db.create(index: "courses_on_owner_id", on: "courses", columns: ["owner_id"], ifNotExists: true)
        try db.create(table: "course_enroll_by", options: .ifNotExists) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("user_id", .integer).notNull().references("users", onDelete: .cascade)
            t.column("record_id", .integer).notNull().references("courses", onDelete: .cascade)
            t.uniqueKey(["user_id", "record_id"])
        }
        try db.create(table: "enrollments", options: .ifNotExists) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("course_id", .integer).notNull().references("courses", onDelete: .cascade)
            t.column("owner_id", .integer).notNull().references("users", onDelete: .cascade)
        }
        try db.create(index: "enrollments_on_course_id", on: "enrollments", columns: ["course_id"], ifNotExists: true)
        try db.create(index: "enrollments_on_owner_id", on: "enrollments", columns: ["owner_id"], ifNotExists: true)
    }
}

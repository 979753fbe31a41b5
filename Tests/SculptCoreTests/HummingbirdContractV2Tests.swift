import Foundation
import Testing
@testable import SculptCore

/// The Hummingbird backend's contract v2 decisions, read from the generated code: actions as ONE
/// conditional UPDATE holding every rule, once-per-user logs with a UNIQUE pair, relations as real
/// foreign keys, and the rule arithmetic the generated tests start from.
@Suite("Hummingbird contract v2")
struct HummingbirdContractV2Tests {
    static func file(_ files: [GeneratedFile], _ path: String) -> String {
        files.first { $0.path == "backend/" + path }?.contents ?? ""
    }

    @Test("an action's rules, effects and field limits are one conditional UPDATE with the rule's message")
    func conditionalUpdate() throws {
        let files = try ProjectGenerator(backend: "hummingbird").generate(try Fixtures.spec("library_loans_zh"))
        let routes = Self.file(files, "Sources/App/BookRoutes.swift")
        #expect(routes.contains(#"group.post(":id/borrow")"#))
        #expect(routes.contains(#"try applyGuarded(db, table: "books", id: id, set: "\"stock\" = \"stock\" + ?", setArguments: [-1], rules: ["#))
        #expect(routes.contains(#"ActionRule(sql: "\"stock\" > ?", arguments: [0], message: "库存为0时不能借")"#))
        // The field's own minimum joins the rules, so the effect never breaks it.
        #expect(routes.contains(#"ActionRule(sql: "\"stock\" + ? >= ?", arguments: [-1, 0], message: "库存数量不能小于 0")"#))
        #expect(routes.contains(#"let input = try LoanInput(["book_id": .integer(id)], partial: false)"#))
        #expect(routes.contains("static let createAccess = Grants(roles: [\"admin\"])"))
        let database = Self.file(files, "Sources/App/Database.swift")
        #expect(database.contains(#"t.column("book_id", .integer).notNull().references("books", onDelete: .restrict)"#))
        #expect(database.contains(#"t.column("roles", .text).notNull().defaults(to: "")"#))
    }

    @Test("a rule without a message gets one made from it, in the spec's language")
    func generatedMessage() throws {
        var spec = try Fixtures.spec("library_loans_zh")
        let i = spec.entities.firstIndex { $0.name == "book" }!
        spec.entities[i].actions[0].preconditions[0].message = nil
        let routes = Self.file(try ProjectGenerator(backend: "hummingbird").generate(spec), "Sources/App/BookRoutes.swift")
        #expect(routes.contains(#"message: "库存数量必须大于0""#))
    }

    @Test("once per user is a log table with a UNIQUE pair; a like answers the photo (200)")
    func oncePerUser() throws {
        let files = try ProjectGenerator(backend: "hummingbird").generate(try Fixtures.spec("photos_likes_en"))
        let database = Self.file(files, "Sources/App/Database.swift")
        #expect(database.contains(#"try db.create(table: "photo_like_by", options: .ifNotExists)"#))
        #expect(database.contains(#"t.uniqueKey(["user_id", "record_id"])"#))
        let routes = Self.file(files, "Sources/App/PhotoRoutes.swift")
        #expect(routes.contains(#"try recordOnce(db, table: "photo_like_by", user: caller.id, record: id, action: "Like")"#))
        #expect(routes.contains("return JSONResponse.make(.ok, answer)"))
        // No precondition: the field effect stands alone, with the count's minimum as its only rule.
        #expect(routes.contains(#"set: "\"like_count\" = \"like_count\" + ?", setArguments: [1]"#))
    }

    @Test("a field-against-field rule: values at its edge, values that break it, and one action uses it up")
    func ruleMath() throws {
        let spec = try Fixtures.spec("courses_zh")
        let course = spec.entities.first { $0.name == "course" }!
        let math = ActionRuleMath(entity: course)
        let enroll = course.actions[0]
        let start = try #require(math.satisfying(enroll))
        // Both at least the larger lower limit (capacity >= 1), one apart: one more enrolment fits.
        #expect(start == ["enrolled": .number(1), "capacity": .number(2)])
        #expect(math.usedUpAfterOne(enroll, from: start))
        #expect(math.violating(enroll) == ["enrolled": .number(1), "capacity": .number(1)])
        let routes = Self.file(try ProjectGenerator(backend: "hummingbird").generate(spec), "Sources/App/CourseRoutes.swift")
        #expect(routes.contains(#"ActionRule(sql: "\"enrolled\" < \"capacity\"", arguments: [], message: "人数达到容量就不能再报名")"#))
        #expect(routes.contains(#"static let deleteAccess = Grants(roles: ["teacher"], owner: true)"#))
    }

    @Test("a counter whose own minimum the action would cross starts one step in, and its rule cannot be broken by a valid record")
    func counterAtItsLimit() throws {
        // "seats (at least 1) … booking takes a seat; no booking when none are left"
        let trip = Entity(name: "trip", plural: "trips", label: "Trip",
                          fields: [Field(name: "seats", label: "Seats", type: .integer, required: true, minimum: 1)],
                          actions: [DomainAction(name: "book", label: "Book",
                                                 preconditions: [Precondition(field: "seats", op: .greater, value: .constant(.number(0)))],
                                                 effects: [.increment(field: "seats", by: -1)])])
        let math = ActionRuleMath(entity: trip)
        let book = trip.actions[0]
        // At 1 the server refuses (the seat count may not go under 1); at 2 one booking goes through.
        #expect(math.satisfying(book) == ["seats": .number(2)])
        #expect(math.usedUpAfterOne(book, from: ["seats": .number(2)]))
        // seats > 0 holds for every valid trip: no record breaks it, so no such test is written.
        #expect(math.violating(book) == nil)
        #expect(PythonContractTestModel.satisfying(book, trip).map { "\($0.0)=\($0.1)" } == ["seats=2"])
        #expect(PythonContractTestModel.breaking(book, trip).isEmpty)
    }

    @Test("a parent with restricting children lists them; a cascade parent does not")
    func deleteChildren() throws {
        let library = try ProjectGenerator(backend: "hummingbird").generate(try Fixtures.spec("library_loans_zh"))
        #expect(Self.file(library, "Sources/App/BookRoutes.swift")
            .contains(#"static let restrictingChildren = [ChildTable(table: "loans", column: "book_id", label: "借阅记录")]"#))
        let issues = try ProjectGenerator(backend: "hummingbird").generate(try Fixtures.spec("issues_en"))
        let projects = Self.file(issues, "Sources/App/ProjectRoutes.swift")
        #expect(!projects.contains("restrictingChildren"))
        #expect(projects.contains("restrictedBy: [])"))
        #expect(Self.file(issues, "Sources/App/IssueRoutes.swift")
            .contains(#"if let parent = try ListQuery.parent(parameters, "project_id") { records = records.filter(Column("project_id") == parent) }"#))
    }
}

import Foundation
import GRDB
import Hummingbird

/// 课程: create, list, get, update, delete, under /api/courses.
///
/// Access: anyone may read; signed-in users may write.
struct CourseRoutes: Sendable {
    let services: AppServices
    static let label = "课程"
    /// Who may create courses (`x-sculpt-access`: role:teacher).
    static let createAccess = Grants(roles: ["teacher"])
    /// Who may list courses (`x-sculpt-access`: anyone).
    static let listAccess = Grants(anyone: true)
    /// Who may get courses (`x-sculpt-access`: anyone).
    static let getAccess = Grants(anyone: true)
    /// Who may update courses (`x-sculpt-access`: role:teacher).
    static let updateAccess = Grants(roles: ["teacher"])
    /// Who may delete courses (`x-sculpt-access`: owner, role:teacher).
    static let deleteAccess = Grants(roles: ["teacher"], owner: true)
    /// Who may enroll a course (`x-sculpt-access`: signed_in).
    static let enrollActionAccess = Grants(signedIn: true)

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post { request, _ in try await create(request) }
        group.get { request, _ in try await list(request) }
        group.get(":id") { request, context in try await get(request, context) }
        group.put(":id") { request, context in try await update(request, context, partial: false) }
        group.patch(":id") { request, context in try await update(request, context, partial: true) }
        group.delete(":id") { request, context in try await delete(request, context) }
        group.post(":id/enroll") { request, context in try await enrollAction(request, context) }
    }

    // sculpt:part route-create course
    func create(_ request: Request) async throws -> Response {
        let caller = try await services.authorize(request, Self.createAccess)
        let input = try CourseInput(try await request.jsonObject(), partial: false)
        var record = Course.blank(ownerID: caller.id)
        input.apply(to: &record)
        return JSONResponse.make(.created, try await services.insert(record, unique: CourseInput.unique))
    }

    // sculpt:part route-list course
    func list(_ request: Request) async throws -> Response {
        let caller = try await services.authorize(request, Self.listAccess)
        let parameters = request.queryParameters
        let query = try ListQuery(parameters)
        var records = Course.all().order(Column("id"))
        // Callers who pass only as owners see their own courses.
        if caller.ownOnly { records = records.filter(Column("owner_id") == caller.id) }
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get course
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let caller = try await services.authorize(request, Self.getAccess)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Course.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        try caller.check(owner: record.ownerID, "not_permitted", label: Self.label)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-update course
    /// PUT replaces every field (those left out go back to their defaults); PATCH changes only the ones sent.
    func update(_ request: Request, _ context: some RequestContext, partial: Bool) async throws -> Response {
        var record = try await writable(request, context, Self.updateAccess)
        let input = try CourseInput(try await request.jsonObject(), partial: partial)
        input.apply(to: &record)
        try await services.update(record, unique: CourseInput.unique)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-delete course
    /// Deletes a course and, in the same transaction, what cascades from it.
    func delete(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let record = try await writable(request, context, Self.deleteAccess)
        try await services.delete(record, id: record.id ?? 0, label: Self.label, restrictedBy: [])
        return Response(status: .noContent)
    }

    // sculpt:part write-guard course
    /// The course to change or delete, once the caller passes `grants` (403 for a caller who is not let through).
    func writable(_ request: Request, _ context: some RequestContext, _ grants: Grants) async throws -> Course {
        let caller = try await services.authorize(request, grants)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Course.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        try caller.check(owner: record.ownerID, label: Self.label)
        return record
    }

    /// 报名 (`POST /api/courses/{id}/enroll`), in one transaction: access, 404 for an unknown id, once per user (409 `conflict` the second time), its rules (409 `precondition_failed`), then its effects.
    func enrollAction(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let caller = try await services.authorize(request, Self.enrollActionAccess)
        let id = try recordID(context, label: Self.label)
        let answer: Course = try await services.database.write { db in
            guard let record = try Course.fetchOne(db, key: id) else { throw APIError.notFound(Self.label) }
            try caller.check(owner: record.ownerID, label: Self.label)
            try recordOnce(db, table: "course_enroll_by", user: caller.id, record: id, action: "报名")
            try applyGuarded(db, table: "courses", id: id, set: "\"enrolled\" = \"enrolled\" + ?", setArguments: [1], rules: [
                ActionRule(sql: "\"enrolled\" < \"capacity\"", arguments: [], message: "人数达到容量就不能再报名"),
                ActionRule(sql: "\"enrolled\" + ? >= ?", arguments: [1, 0], message: "已报名人数不能小于 0"),
            ])
            // The enrollment it makes belongs to this course and to the caller; its other fields take their defaults.
            let input = try EnrollmentInput(["course_id": .integer(id)], partial: false)
            var created = Enrollment.blank(ownerID: caller.id)
            input.apply(to: &created)
            try created.insert(db)
            guard let after = try Course.fetchOne(db, key: id) else { throw APIError.notFound(Self.label) }
            return after
        }
        return JSONResponse.make(.ok, answer)
    }
}

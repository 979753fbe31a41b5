import Foundation
import GRDB
import Hummingbird

/// 报名记录: list, get, under /api/enrollments.
///
/// Access: only the owner may read; only the owner may write.
struct EnrollmentRoutes: Sendable {
    let services: AppServices
    static let label = "报名记录"
    /// Who may list enrollments (`x-sculpt-access`: owner).
    static let listAccess = Grants(owner: true)
    /// Who may get enrollments (`x-sculpt-access`: owner).
    static let getAccess = Grants(owner: true)

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.get { request, _ in try await list(request) }
        group.get(":id") { request, context in try await get(request, context) }
    }

    /// Every parent a enrollment points at must exist: else 400 naming the field, in the write's own transaction.
    @Sendable static func checkParents(_ db: Database, _ record: Enrollment) throws {
        try requireParent(db, table: "courses", id: record.courseId, rule: EnrollmentInput.courseId)
    }

    // sculpt:part route-list enrollment
    func list(_ request: Request) async throws -> Response {
        let caller = try await services.authorize(request, Self.listAccess)
        let parameters = request.queryParameters
        let query = try ListQuery(parameters)
        var records = Enrollment.all().order(Column("id"))
        // Callers who pass only as owners see their own enrollments.
        if caller.ownOnly { records = records.filter(Column("owner_id") == caller.id) }
        if let parent = try ListQuery.parent(parameters, "course_id") { records = records.filter(Column("course_id") == parent) }
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get enrollment
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let caller = try await services.authorize(request, Self.getAccess)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Enrollment.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        try caller.check(owner: record.ownerID, "not_permitted", label: Self.label)
        return JSONResponse.make(.ok, record)
    }
}

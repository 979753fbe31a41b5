import Foundation
import GRDB
import Hummingbird

/// Repair request: create, list, get, under /api/repair_requests.
///
/// Access: anyone may read; anyone may write.
struct RepairRequestRoutes: Sendable {
    let services: AppServices
    static let label = "Repair request"
    /// What `q` searches: a case-insensitive substring of any of these columns.
    static let searchable = ["room"]

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post { request, _ in try await create(request) }
        group.get { request, _ in try await list(request) }
        group.get(":id") { request, context in try await get(request, context) }
        group.post(":id/close") { request, context in try await closeAction(request, context) }
    }

    // sculpt:part route-create repair_request
    func create(_ request: Request) async throws -> Response {
        let input = try RepairRequestInput(try await request.jsonObject(), partial: false)
        var record = RepairRequest.blank()
        input.apply(to: &record)
        return JSONResponse.make(.created, try await services.insert(record, unique: RepairRequestInput.unique))
    }

    // sculpt:part route-list repair_request
    func list(_ request: Request) async throws -> Response {
        let parameters = request.queryParameters
        let query = try ListQuery(parameters)
        var records = RepairRequest.all().order(Column("id"))
        if !query.search.isEmpty {
            let pattern = query.likePattern
            records = records.filter(Self.searchable.map { Column($0).like(pattern, escape: "\\") }.joined(operator: .or))
        }
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get repair_request
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try RepairRequest.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return JSONResponse.make(.ok, record)
    }

    /// Close (`POST /api/repair_requests/{id}/close`), in one transaction: access, 404 for an unknown id, its rules (409 `precondition_failed`), then its effects.
    func closeAction(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let id = try recordID(context, label: Self.label)
        let answer: RepairRequest = try await services.database.write { db in
            guard try RepairRequest.exists(db, key: id) else { throw APIError.notFound(Self.label) }
            try applyGuarded(db, table: "repair_requests", id: id, set: "\"status\" = ?", setArguments: ["done"], rules: [
                ActionRule(sql: "\"status\" = ?", arguments: ["open"], message: "Only an open request can be closed."),
            ])
            guard let after = try RepairRequest.fetchOne(db, key: id) else { throw APIError.notFound(Self.label) }
            return after
        }
        return JSONResponse.make(.ok, answer)
    }
}

import Foundation
import GRDB
import Hummingbird

/// Task: create, list, get, update, delete, under /api/tasks.
///
/// Access: anyone may read; anyone may write.
struct TaskRoutes: Sendable {
    let services: AppServices
    static let label = "Task"

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post { request, _ in try await create(request) }
        group.get { request, _ in try await list(request) }
        group.get(":id") { request, context in try await get(request, context) }
        group.put(":id") { request, context in try await update(request, context, partial: false) }
        group.patch(":id") { request, context in try await update(request, context, partial: true) }
        group.delete(":id") { request, context in try await delete(request, context) }
    }

    // sculpt:part route-create task
    func create(_ request: Request) async throws -> Response {
        let input = try TaskInput(try await request.jsonObject(), partial: false)
        var record = Task.blank()
        input.apply(to: &record)
        return JSONResponse.make(.created, try await services.insert(record, unique: TaskInput.unique))
    }

    // sculpt:part route-list task
    func list(_ request: Request) async throws -> Response {
        let parameters = request.queryParameters
        let query = try ListQuery(parameters)
        var records = Task.all().order(Column("id"))
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get task
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Task.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-update task
    /// PUT replaces every field (those left out go back to their defaults); PATCH changes only the ones sent.
    func update(_ request: Request, _ context: some RequestContext, partial: Bool) async throws -> Response {
        var record = try await writable(request, context)
        let input = try TaskInput(try await request.jsonObject(), partial: partial)
        input.apply(to: &record)
        try await services.update(record, unique: TaskInput.unique)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-delete task
    /// Deletes a task.
    func delete(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let record = try await writable(request, context)
        try await services.delete(record, id: record.id ?? 0, label: Self.label, restrictedBy: [])
        return Response(status: .noContent)
    }

    // sculpt:part write-guard task
    /// The task to change or delete.
    func writable(_ request: Request, _ context: some RequestContext) async throws -> Task {
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Task.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return record
    }
}

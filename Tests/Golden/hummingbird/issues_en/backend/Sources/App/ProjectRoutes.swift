import Foundation
import GRDB
import Hummingbird

/// Project: create, list, get, update, delete, under /api/projects.
///
/// Access: anyone may read; signed-in users may write.
struct ProjectRoutes: Sendable {
    let services: AppServices
    static let label = "Project"
    /// Who may create projects (`x-sculpt-access`: signed_in).
    static let createAccess = Grants(signedIn: true)
    /// Who may list projects (`x-sculpt-access`: anyone).
    static let listAccess = Grants(anyone: true)
    /// Who may get projects (`x-sculpt-access`: anyone).
    static let getAccess = Grants(anyone: true)
    /// Who may update projects (`x-sculpt-access`: signed_in).
    static let updateAccess = Grants(signedIn: true)
    /// Who may delete projects (`x-sculpt-access`: signed_in).
    static let deleteAccess = Grants(signedIn: true)

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post { request, _ in try await create(request) }
        group.get { request, _ in try await list(request) }
        group.get(":id") { request, context in try await get(request, context) }
        group.put(":id") { request, context in try await update(request, context, partial: false) }
        group.patch(":id") { request, context in try await update(request, context, partial: true) }
        group.delete(":id") { request, context in try await delete(request, context) }
    }

    // sculpt:part route-create project
    func create(_ request: Request) async throws -> Response {
        _ = try await services.authorize(request, Self.createAccess)
        let input = try ProjectInput(try await request.jsonObject(), partial: false)
        var record = Project.blank()
        input.apply(to: &record)
        return JSONResponse.make(.created, try await services.insert(record, unique: ProjectInput.unique))
    }

    // sculpt:part route-list project
    func list(_ request: Request) async throws -> Response {
        _ = try await services.authorize(request, Self.listAccess)
        let parameters = request.queryParameters
        let query = try ListQuery(parameters)
        var records = Project.all().order(Column("id"))
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get project
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        _ = try await services.authorize(request, Self.getAccess)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Project.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-update project
    /// PUT replaces every field (those left out go back to their defaults); PATCH changes only the ones sent.
    func update(_ request: Request, _ context: some RequestContext, partial: Bool) async throws -> Response {
        var record = try await writable(request, context, Self.updateAccess)
        let input = try ProjectInput(try await request.jsonObject(), partial: partial)
        input.apply(to: &record)
        try await services.update(record, unique: ProjectInput.unique)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-delete project
    /// Deletes a project and, in the same transaction, what cascades from it.
    func delete(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let record = try await writable(request, context, Self.deleteAccess)
        try await services.delete(record, id: record.id ?? 0, label: Self.label, restrictedBy: [])
        return Response(status: .noContent)
    }

    // sculpt:part write-guard project
    /// The project to change or delete, once the caller passes `grants` (403 for a caller who is not let through).
    func writable(_ request: Request, _ context: some RequestContext, _ grants: Grants) async throws -> Project {
        _ = try await services.authorize(request, grants)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Project.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return record
    }
}

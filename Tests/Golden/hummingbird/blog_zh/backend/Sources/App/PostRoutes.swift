import Foundation
import GRDB
import Hummingbird

/// 文章: create, list, get, update, delete, under /api/posts.
///
/// Access: anyone may read; only the owner may write.
struct PostRoutes: Sendable {
    let services: AppServices
    static let label = "文章"
    /// What `q` searches: a case-insensitive substring of any of these columns.
    static let searchable = ["title"]
    /// Who may create posts (`x-sculpt-access`: signed_in).
    static let createAccess = Grants(signedIn: true)
    /// Who may list posts (`x-sculpt-access`: anyone).
    static let listAccess = Grants(anyone: true)
    /// Who may get posts (`x-sculpt-access`: anyone).
    static let getAccess = Grants(anyone: true)
    /// Who may update posts (`x-sculpt-access`: owner).
    static let updateAccess = Grants(owner: true)
    /// Who may delete posts (`x-sculpt-access`: owner).
    static let deleteAccess = Grants(owner: true)

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post { request, _ in try await create(request) }
        group.get { request, _ in try await list(request) }
        group.get(":id") { request, context in try await get(request, context) }
        group.put(":id") { request, context in try await update(request, context, partial: false) }
        group.patch(":id") { request, context in try await update(request, context, partial: true) }
        group.delete(":id") { request, context in try await delete(request, context) }
    }

    // sculpt:part route-create post
    func create(_ request: Request) async throws -> Response {
        let caller = try await services.authorize(request, Self.createAccess)
        let input = try PostInput(try await request.jsonObject(), partial: false)
        var record = Post.blank(ownerID: caller.id)
        input.apply(to: &record)
        return JSONResponse.make(.created, try await services.insert(record, unique: PostInput.unique))
    }

    // sculpt:part route-list post
    func list(_ request: Request) async throws -> Response {
        let caller = try await services.authorize(request, Self.listAccess)
        let parameters = request.queryParameters
        let query = try ListQuery(parameters)
        var records = Post.all().order(Column("id"))
        // Callers who pass only as owners see their own posts.
        if caller.ownOnly { records = records.filter(Column("owner_id") == caller.id) }
        if !query.search.isEmpty {
            let pattern = query.likePattern
            records = records.filter(Self.searchable.map { Column($0).like(pattern, escape: "\\") }.joined(operator: .or))
        }
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get post
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let caller = try await services.authorize(request, Self.getAccess)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Post.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        try caller.check(owner: record.ownerID, "not_permitted", label: Self.label)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-update post
    /// PUT replaces every field (those left out go back to their defaults); PATCH changes only the ones sent.
    func update(_ request: Request, _ context: some RequestContext, partial: Bool) async throws -> Response {
        var record = try await writable(request, context, Self.updateAccess)
        let input = try PostInput(try await request.jsonObject(), partial: partial)
        input.apply(to: &record)
        try await services.update(record, unique: PostInput.unique)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-delete post
    /// Deletes a post.
    func delete(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let record = try await writable(request, context, Self.deleteAccess)
        try await services.delete(record, id: record.id ?? 0, label: Self.label, restrictedBy: [])
        return Response(status: .noContent)
    }

    // sculpt:part write-guard post
    /// The post to change or delete, once the caller passes `grants` (403 for a caller who is not let through).
    func writable(_ request: Request, _ context: some RequestContext, _ grants: Grants) async throws -> Post {
        let caller = try await services.authorize(request, grants)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Post.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        try caller.check(owner: record.ownerID, label: Self.label)
        return record
    }
}

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
        let user = try await services.currentUser(request)
        let input = try PostInput(try await request.jsonObject(), partial: false)
        var record = Post.blank(ownerID: user.id ?? 0)
        input.apply(to: &record)
        return JSONResponse.make(.created, try await services.insert(record, unique: PostInput.unique))
    }

    // sculpt:part route-list post
    func list(_ request: Request) async throws -> Response {
        let query = try ListQuery(request.queryParameters)
        var records = Post.all().order(Column("id"))
        if !query.search.isEmpty {
            let pattern = query.likePattern
            records = records.filter(Self.searchable.map { Column($0).like(pattern, escape: "\\") }.joined(operator: .or))
        }
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get post
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Post.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-update post
    /// PUT replaces every field (those left out go back to their defaults); PATCH changes only the ones sent.
    func update(_ request: Request, _ context: some RequestContext, partial: Bool) async throws -> Response {
        var record = try await writable(request, context)
        let input = try PostInput(try await request.jsonObject(), partial: partial)
        input.apply(to: &record)
        try await services.update(record, unique: PostInput.unique)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-delete post
    func delete(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let record = try await writable(request, context)
        _ = try await services.database.write { db in try record.delete(db) }
        return Response(status: .noContent)
    }

    // sculpt:part write-guard post
    /// The post to change or delete; only its owner may (403 for anyone else).
    func writable(_ request: Request, _ context: some RequestContext) async throws -> Post {
        let user = try await services.currentUser(request)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Post.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        guard record.ownerID == user.id else {
            throw APIError(.forbidden, "forbidden", Messages.text("forbidden", ["label": Self.label]))
        }
        return record
    }
}

import Foundation
import GRDB
import Hummingbird

/// Photo: create, list, get, update, delete, under /api/photos.
///
/// Access: anyone may read; only the owner may write.
struct PhotoRoutes: Sendable {
    let services: AppServices
    static let label = "Photo"
    /// Who may create photos (`x-sculpt-access`: signed_in).
    static let createAccess = Grants(signedIn: true)
    /// Who may list photos (`x-sculpt-access`: anyone).
    static let listAccess = Grants(anyone: true)
    /// Who may get photos (`x-sculpt-access`: anyone).
    static let getAccess = Grants(anyone: true)
    /// Who may update photos (`x-sculpt-access`: owner).
    static let updateAccess = Grants(owner: true)
    /// Who may delete photos (`x-sculpt-access`: owner).
    static let deleteAccess = Grants(owner: true)
    /// Who may like a photo (`x-sculpt-access`: signed_in).
    static let likeActionAccess = Grants(signedIn: true)

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post { request, _ in try await create(request) }
        group.get { request, _ in try await list(request) }
        group.get(":id") { request, context in try await get(request, context) }
        group.put(":id") { request, context in try await update(request, context, partial: false) }
        group.patch(":id") { request, context in try await update(request, context, partial: true) }
        group.delete(":id") { request, context in try await delete(request, context) }
        group.post(":id/like") { request, context in try await likeAction(request, context) }
    }

    // sculpt:part route-create photo
    func create(_ request: Request) async throws -> Response {
        let caller = try await services.authorize(request, Self.createAccess)
        let input = try PhotoInput(try await request.jsonObject(), partial: false)
        var record = Photo.blank(ownerID: caller.id)
        input.apply(to: &record)
        return JSONResponse.make(.created, try await services.insert(record, unique: PhotoInput.unique))
    }

    // sculpt:part route-list photo
    func list(_ request: Request) async throws -> Response {
        let caller = try await services.authorize(request, Self.listAccess)
        let parameters = request.queryParameters
        let query = try ListQuery(parameters)
        var records = Photo.all().order(Column("id"))
        // Callers who pass only as owners see their own photos.
        if caller.ownOnly { records = records.filter(Column("owner_id") == caller.id) }
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get photo
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let caller = try await services.authorize(request, Self.getAccess)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Photo.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        try caller.check(owner: record.ownerID, "not_permitted", label: Self.label)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-update photo
    /// PUT replaces every field (those left out go back to their defaults); PATCH changes only the ones sent.
    func update(_ request: Request, _ context: some RequestContext, partial: Bool) async throws -> Response {
        var record = try await writable(request, context, Self.updateAccess)
        let input = try PhotoInput(try await request.jsonObject(), partial: partial)
        input.apply(to: &record)
        try await services.update(record, unique: PhotoInput.unique)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-delete photo
    /// Deletes a photo.
    func delete(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let record = try await writable(request, context, Self.deleteAccess)
        try await services.delete(record, id: record.id ?? 0, label: Self.label, restrictedBy: [])
        return Response(status: .noContent)
    }

    // sculpt:part write-guard photo
    /// The photo to change or delete, once the caller passes `grants` (403 for a caller who is not let through).
    func writable(_ request: Request, _ context: some RequestContext, _ grants: Grants) async throws -> Photo {
        let caller = try await services.authorize(request, grants)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Photo.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        try caller.check(owner: record.ownerID, label: Self.label)
        return record
    }

    /// Like (`POST /api/photos/{id}/like`), in one transaction: access, 404 for an unknown id, once per user (409 `conflict` the second time), then its effects.
    func likeAction(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let caller = try await services.authorize(request, Self.likeActionAccess)
        let id = try recordID(context, label: Self.label)
        let answer: Photo = try await services.database.write { db in
            guard let record = try Photo.fetchOne(db, key: id) else { throw APIError.notFound(Self.label) }
            try caller.check(owner: record.ownerID, label: Self.label)
            try recordOnce(db, table: "photo_like_by", user: caller.id, record: id, action: "Like")
            try applyGuarded(db, table: "photos", id: id, set: "\"like_count\" = \"like_count\" + ?", setArguments: [1], rules: [
                ActionRule(sql: "\"like_count\" + ? >= ?", arguments: [1, 0], message: "Like count must be at least 0."),
            ])
            guard let after = try Photo.fetchOne(db, key: id) else { throw APIError.notFound(Self.label) }
            return after
        }
        return JSONResponse.make(.ok, answer)
    }
}

import Foundation
import GRDB
import Hummingbird

/// Product: create, list, get, update, delete, under /api/products.
///
/// Access: anyone may read; anyone may write.
struct ProductRoutes: Sendable {
    let services: AppServices
    static let label = "Product"
    /// What `q` searches: a case-insensitive substring of any of these columns.
    static let searchable = ["name"]

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post { request, _ in try await create(request) }
        group.get { request, _ in try await list(request) }
        group.get(":id") { request, context in try await get(request, context) }
        group.put(":id") { request, context in try await update(request, context, partial: false) }
        group.patch(":id") { request, context in try await update(request, context, partial: true) }
        group.delete(":id") { request, context in try await delete(request, context) }
    }

    // sculpt:part route-create product
    func create(_ request: Request) async throws -> Response {
        let input = try ProductInput(try await request.jsonObject(), partial: false)
        var record = Product.blank()
        input.apply(to: &record)
        return JSONResponse.make(.created, try await services.insert(record, unique: ProductInput.unique))
    }

    // sculpt:part route-list product
    func list(_ request: Request) async throws -> Response {
        let parameters = request.queryParameters
        let query = try ListQuery(parameters)
        var records = Product.all().order(Column("id"))
        if !query.search.isEmpty {
            let pattern = query.likePattern
            records = records.filter(Self.searchable.map { Column($0).like(pattern, escape: "\\") }.joined(operator: .or))
        }
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get product
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Product.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-update product
    /// PUT replaces every field (those left out go back to their defaults); PATCH changes only the ones sent.
    func update(_ request: Request, _ context: some RequestContext, partial: Bool) async throws -> Response {
        var record = try await writable(request, context)
        let input = try ProductInput(try await request.jsonObject(), partial: partial)
        input.apply(to: &record)
        try await services.update(record, unique: ProductInput.unique)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-delete product
    /// Deletes a product.
    func delete(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let record = try await writable(request, context)
        try await services.delete(record, id: record.id ?? 0, label: Self.label, restrictedBy: [])
        return Response(status: .noContent)
    }

    // sculpt:part write-guard product
    /// The product to change or delete.
    func writable(_ request: Request, _ context: some RequestContext) async throws -> Product {
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Product.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return record
    }
}

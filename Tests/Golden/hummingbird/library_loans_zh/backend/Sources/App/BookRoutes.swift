import Foundation
import GRDB
import Hummingbird

/// 图书: create, list, get, update, delete, under /api/books.
///
/// Access: anyone may read; signed-in users may write.
struct BookRoutes: Sendable {
    let services: AppServices
    static let label = "图书"
    /// What `q` searches: a case-insensitive substring of any of these columns.
    static let searchable = ["title"]
    /// Who may create books (`x-sculpt-access`: role:admin).
    static let createAccess = Grants(roles: ["admin"])
    /// Who may list books (`x-sculpt-access`: anyone).
    static let listAccess = Grants(anyone: true)
    /// Who may get books (`x-sculpt-access`: anyone).
    static let getAccess = Grants(anyone: true)
    /// Who may update books (`x-sculpt-access`: role:admin).
    static let updateAccess = Grants(roles: ["admin"])
    /// Who may delete books (`x-sculpt-access`: role:admin).
    static let deleteAccess = Grants(roles: ["admin"])
    /// Who may borrow a book (`x-sculpt-access`: signed_in).
    static let borrowActionAccess = Grants(signedIn: true)
    /// Children that keep a book from being deleted while any exist (`ON DELETE RESTRICT`).
    static let restrictingChildren = [ChildTable(table: "loans", column: "book_id", label: "借阅记录")]

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post { request, _ in try await create(request) }
        group.get { request, _ in try await list(request) }
        group.get(":id") { request, context in try await get(request, context) }
        group.put(":id") { request, context in try await update(request, context, partial: false) }
        group.patch(":id") { request, context in try await update(request, context, partial: true) }
        group.delete(":id") { request, context in try await delete(request, context) }
        group.post(":id/borrow") { request, context in try await borrowAction(request, context) }
    }

    // sculpt:part route-create book
    func create(_ request: Request) async throws -> Response {
        _ = try await services.authorize(request, Self.createAccess)
        let input = try BookInput(try await request.jsonObject(), partial: false)
        var record = Book.blank()
        input.apply(to: &record)
        return JSONResponse.make(.created, try await services.insert(record, unique: BookInput.unique))
    }

    // sculpt:part route-list book
    func list(_ request: Request) async throws -> Response {
        _ = try await services.authorize(request, Self.listAccess)
        let parameters = request.queryParameters
        let query = try ListQuery(parameters)
        var records = Book.all().order(Column("id"))
        if !query.search.isEmpty {
            let pattern = query.likePattern
            records = records.filter(Self.searchable.map { Column($0).like(pattern, escape: "\\") }.joined(operator: .or))
        }
        return JSONResponse.make(.ok, try await services.page(records, query))
    }

    // sculpt:part route-get book
    func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
        _ = try await services.authorize(request, Self.getAccess)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Book.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-update book
    /// PUT replaces every field (those left out go back to their defaults); PATCH changes only the ones sent.
    func update(_ request: Request, _ context: some RequestContext, partial: Bool) async throws -> Response {
        var record = try await writable(request, context, Self.updateAccess)
        let input = try BookInput(try await request.jsonObject(), partial: partial)
        input.apply(to: &record)
        try await services.update(record, unique: BookInput.unique)
        return JSONResponse.make(.ok, record)
    }

    // sculpt:part route-delete book
    /// Deletes a book and, in the same transaction, what cascades from it.
    func delete(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let record = try await writable(request, context, Self.deleteAccess)
        try await services.delete(record, id: record.id ?? 0, label: Self.label, restrictedBy: Self.restrictingChildren)
        return Response(status: .noContent)
    }

    // sculpt:part write-guard book
    /// The book to change or delete, once the caller passes `grants` (403 for a caller who is not let through).
    func writable(_ request: Request, _ context: some RequestContext, _ grants: Grants) async throws -> Book {
        _ = try await services.authorize(request, grants)
        let id = try recordID(context, label: Self.label)
        guard let record = try await services.database.read({ db in try Book.fetchOne(db, key: id) }) else {
            throw APIError.notFound(Self.label)
        }
        return record
    }

    /// 借书 (`POST /api/books/{id}/borrow`), in one transaction: access, 404 for an unknown id, its rules (409 `precondition_failed`), then its effects.
    func borrowAction(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let caller = try await services.authorize(request, Self.borrowActionAccess)
        let id = try recordID(context, label: Self.label)
        let answer: Book = try await services.database.write { db in
            guard try Book.exists(db, key: id) else { throw APIError.notFound(Self.label) }
            try applyGuarded(db, table: "books", id: id, set: "\"stock\" = \"stock\" + ?", setArguments: [-1], rules: [
                ActionRule(sql: "\"stock\" > ?", arguments: [0], message: "库存为0时不能借"),
                ActionRule(sql: "\"stock\" + ? >= ?", arguments: [-1, 0], message: "库存数量不能小于 0"),
            ])
            // The loan it makes belongs to this book and to the caller; its other fields take their defaults.
            let input = try LoanInput(["book_id": .integer(id)], partial: false)
            var created = Loan.blank(ownerID: caller.id)
            input.apply(to: &created)
            try created.insert(db)
            guard let after = try Book.fetchOne(db, key: id) else { throw APIError.notFound(Self.label) }
            return after
        }
        return JSONResponse.make(.ok, answer)
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid book body with fresh values.
func sampleBook(_ n: Int = next()) -> [String: Any] {
    ["title": fit("title \(n)", min: 1, max: 200), "author": fit("author \(n)", min: 1, max: 200), "stock": 0]
}

/// Creates a book as someone who may, with `values` over a valid sample; returns it and that caller's token.
func createBook(_ client: some TestClientProtocol, _ values: [String: Any] = [:]) async throws -> Created {
    let token: String? = try await signInAdmin(client)
    var body = sampleBook()
    for (key, value) in values { body[key] = value }
    let answer = try await client.call(.post, "/api/books", body: body, token: token)
    precondition(answer.status == .created, "creating a book failed: \(answer.text)")
    return Created(id: answer.json["id"] as? Int ?? 0, token: token, json: answer.json)
}

/// 图书: create, list, get, update, delete. Access: anyone may read; signed-in users may write.
@Suite struct BookTests {
    // sculpt:part test-create book
    /// Creates a 图书: 201 with its id and every field, as sent; id and unknown fields are ignored.
    ///
    /// Requirement: 图书有书名（必填）、作者和库存数量（不能为负）
    @Test("Creates a book: 201 with its id and every field, as sent; id and unknown fields are ignored")
    func create() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            var body = sampleBook()
            body["id"] = 987654
            body["is_admin"] = true
            let answer = try await client.call(.post, "/api/books", body: body, token: token)
            #expect(answer.status == .created)
            let id = answer.json["id"] as? Int
            #expect(id != nil && id != 987654)
            #expect(answer.json["is_admin"] == nil)
            #expect(answer.json["title"] != nil)
            #expect(answer.json["author"] != nil)
            #expect(answer.json["stock"] != nil)
            let read = try await client.call(.get, "/api/books/\(id ?? 0)", token: token)
            #expect(read.status == .ok)
            #expect(read.json["id"] as? Int == id)
        }
    }

    // sculpt:part test-invalid book

    /// Refuses a body whose 书名 is missing, null or empty.
    ///
    /// Requirement: 图书有书名（必填）、作者和库存数量（不能为负）
    @Test("Refuses a body whose 书名 is missing, null or empty.")
    func edgeTitleRequired() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/books", field: "title", values: [nil, NSNull(), ""], token: token) { sampleBook() }
        }
    }

    /// Refuses a 书名 of the wrong JSON type.
    @Test("Refuses a 书名 of the wrong JSON type.")
    func edgeTitleType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/books", field: "title", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]], token: token) { sampleBook() }
        }
    }

    /// Refuses a 书名 longer than 200 characters and accepts exactly 200.
    @Test("Refuses a 书名 longer than 200 characters and accepts exactly 200.")
    func edgeTitleMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/books", field: "title", values: [String(repeating: "x", count: 201)], token: token) { sampleBook() }
            try await expectAccepted(client, "/api/books", field: "title", values: [String(repeating: "x", count: 200)], echoes: true, token: token) { sampleBook() }
        }
    }

    /// Refuses a 作者 of the wrong JSON type.
    @Test("Refuses a 作者 of the wrong JSON type.")
    func edgeAuthorType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/books", field: "author", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any], NSNull()], token: token) { sampleBook() }
        }
    }

    /// Refuses a 作者 longer than 200 characters and accepts exactly 200.
    @Test("Refuses a 作者 longer than 200 characters and accepts exactly 200.")
    func edgeAuthorMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/books", field: "author", values: [String(repeating: "x", count: 201)], token: token) { sampleBook() }
            try await expectAccepted(client, "/api/books", field: "author", values: [String(repeating: "x", count: 200)], echoes: true, token: token) { sampleBook() }
        }
    }

    /// Refuses a 库存数量 of the wrong JSON type.
    @Test("Refuses a 库存数量 of the wrong JSON type.")
    func edgeStockType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/books", field: "stock", values: ["7", true, 2.5, RawJSON(text: "18446744073709551616"), NSNull()], token: token) { sampleBook() }
            try await expectAccepted(client, "/api/books", field: "stock", values: [0.0], echoes: true, token: token) { sampleBook() }
        }
    }

    /// Refuses a 库存数量 below 0 and accepts 0.
    ///
    /// Requirement: 图书有书名（必填）、作者和库存数量（不能为负）
    @Test("Refuses a 库存数量 below 0 and accepts 0.")
    func edgeStockMinimum() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/books", field: "stock", values: [-1], token: token) { sampleBook() }
            try await expectAccepted(client, "/api/books", field: "stock", values: [0], echoes: true, token: token) { sampleBook() }
        }
    }

    // sculpt:part test-list book
    /// Lists 图书 page by page (page_size at most 100), and finds them by a case-insensitive substring.
    ///
    /// Requirement: 所有人都可以查看图书列表和详情，并按书名搜索
    @Test("Lists books page by page, and finds them by a case-insensitive substring")
    func list() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            for _ in 0..<3 {
                #expect(try await client.call(.post, "/api/books", body: sampleBook(), token: token).status == .created)
            }
            let page = try await client.call(.get, "/api/books?page=1&page_size=2", token: token)
            #expect(page.status == .ok)
            #expect(page.items.count == 2)
            #expect(page.json["total"] as? Int == 3)
            #expect(page.json["page_size"] as? Int == 2)
            #expect(try await client.call(.get, "/api/books?page_size=101", token: token).status == .badRequest)
            #expect(try await client.call(.get, "/api/books?page=0", token: token).status == .badRequest)
            var alpha = sampleBook()
            alpha["title"] = "AlphaQZX"
            var bravo = sampleBook()
            bravo["title"] = "Bravo"
            #expect(try await client.call(.post, "/api/books", body: alpha, token: token).status == .created)
            #expect(try await client.call(.post, "/api/books", body: bravo, token: token).status == .created)
            let found = try await client.call(.get, "/api/books?q=phaqzx", token: token)
            #expect(found.items.map { $0["title"] as? String } == [alpha["title"] as? String])
            let literal = try await client.call(.get, "/api/books?q=%25", token: token)
            #expect(literal.items.isEmpty)
        }
    }

    // sculpt:part test-not-found book
    /// Answers 404 for a 图书 that does not exist.
    ///
    /// Requirement: 所有人都可以查看图书列表和详情，并按书名搜索
    @Test("Answers 404 for a book that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            let answer = try await client.call(.get, "/api/books/987654321", token: token)
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/books/abc", token: token).status == .notFound)
        }
    }

    // sculpt:part test-update book
    /// PUT replaces a 图书, PATCH changes only the fields sent, an empty PATCH is refused.
    @Test("PUT replaces a book, PATCH changes only the fields sent, an empty PATCH is refused")
    func update() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            let created = try await client.call(.post, "/api/books", body: sampleBook(), token: token)
            let id = created.json["id"] as? Int ?? 0
            let replacement = sampleBook()
            let replaced = try await client.call(.put, "/api/books/\(id)", body: replacement, token: token)
            #expect(replaced.status == .ok)
            #expect(replaced.json["title"] as? String == replacement["title"] as? String)
            let patched = try await client.call(.patch, "/api/books/\(id)", body: ["title": "Patched"], token: token)
            #expect(patched.status == .ok)
            #expect(patched.json["title"] as? String == "Patched")
            let empty = try await client.call(.patch, "/api/books/\(id)", body: [:], token: token)
            #expect(empty.status == .badRequest)
            #expect(try await client.call(.put, "/api/books/987654321", body: sampleBook(), token: token).status == .notFound)
        }
    }

    // sculpt:part test-delete book
    /// Deletes a 图书 (204); it is gone afterwards.
    @Test("Deletes a book (204); it is gone afterwards")
    func delete() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            let created = try await client.call(.post, "/api/books", body: sampleBook(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.delete, "/api/books/\(id)", token: token).status == .noContent)
            #expect(try await client.call(.delete, "/api/books/\(id)", token: token).status == .notFound)
        }
    }

    /// Only holders of admin may create, update, delete books: 401 without a token, 403 for a plain user and for one who asked for a role at sign-up; the admin account may.
    ///
    /// Requirement: 管理员可以新增、修改和删除图书
    @Test("Operations reserved to a role: 401 without a token, 403 for others, the admin account may")
    func roles() async throws {
        try await makeApp().test(.router) { client in
            let admin = try await signInAdmin(client)
            let plain = try await signIn(client)
            let greedy = try await signInAskingForRoles(client)
            #expect(try await client.call(.post, "/api/books", body: sampleBook()).status == .unauthorized)
            #expect(try await client.call(.post, "/api/books", body: sampleBook(), token: plain).status == .forbidden)
            #expect(try await client.call(.post, "/api/books", body: sampleBook(), token: greedy).status == .forbidden)
            let made = try await client.call(.post, "/api/books", body: sampleBook(), token: admin)
            #expect(made.status == .created, "\(made.text)")
            let id = made.json["id"] as? Int ?? 0
            #expect(try await client.call(.put, "/api/books/\(id)", body: sampleBook()).status == .unauthorized)
            #expect(try await client.call(.put, "/api/books/\(id)", body: sampleBook(), token: plain).status == .forbidden)
            #expect(try await client.call(.put, "/api/books/\(id)", body: sampleBook(), token: greedy).status == .forbidden)
            #expect(try await client.call(.put, "/api/books/\(id)", body: sampleBook(), token: admin).status == .ok)
            #expect(try await client.call(.delete, "/api/books/\(id)").status == .unauthorized)
            #expect(try await client.call(.delete, "/api/books/\(id)", token: plain).status == .forbidden)
            #expect(try await client.call(.delete, "/api/books/\(id)", token: greedy).status == .forbidden)
            #expect(try await client.call(.delete, "/api/books/\(id)", token: admin).status == .noContent)
        }
    }

    /// 借书: 200 with the 图书 after its effects; 404 for an unknown 图书, 401 without a token.
    ///
    /// Requirement: 登录的用户可以借书，借书时库存减一，库存为0时不能借
    /// Requirement: 每次借书生成一条借阅记录
    @Test("The borrow action: success and its effects, 404 for an unknown record, 401 without a token")
    func borrowAction() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createBook(client, ["stock": 1])
            let actor: String? = try await signIn(client)
            #expect(try await client.call(.post, "/api/books/\(record.id)/borrow").status == .unauthorized)
            let unknown = try await client.call(.post, "/api/books/987654321/borrow", token: actor)
            #expect(unknown.status == .notFound)
            #expect(unknown.error["code"] as? String == "not_found")
            let done = try await client.call(.post, "/api/books/\(record.id)/borrow", body: [:], token: actor)
            #expect(done.status == .ok, "\(done.text)")
            #expect(numberValue(done.json["stock"] ?? NSNull()) == numberValue(record.json["stock"] ?? NSNull()).map { $0 + -1 })
            let lister: String? = actor
            let made = try await client.call(.get, "/api/loans?book_id=\(record.id)", token: lister)
            #expect(made.items.count == 1, "\(made.text)")
        }
    }

    /// 借书 is refused with 409 precondition_failed, in the requirement's words, when its rule does not hold.
    ///
    /// Requirement: 登录的用户可以借书，借书时库存减一，库存为0时不能借
    @Test("The borrow action is refused with 409 precondition_failed when its rule does not hold")
    func borrowActionPrecondition() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createBook(client, ["stock": 0])
            let actor: String? = try await signIn(client)
            let refused = try await client.call(.post, "/api/books/\(record.id)/borrow", token: actor)
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.error["code"] as? String == "precondition_failed")
            #expect(refused.error["message"] as? String == "库存为0时不能借")
        }
    }

    /// Eight racing borrow calls, released together, where the rules allow one: one success, seven 409.
    ///
    /// Requirement: 登录的用户可以借书，借书时库存减一，库存为0时不能借
    @Test("Eight racing borrow calls where the rules allow one: one success, seven 409")
    func borrowActionRace() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createBook(client, ["stock": 1])
            let actor: String? = try await signIn(client)
            var actors: [String?] = []
            for _ in 0..<8 { actors.append(try await signIn(client)) }
            let barrier = Barrier(count: 8)
            let id = record.id
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for caller in actors {
                    group.addTask {
                        await barrier.arrive()
                        return try await client.call(.post, "/api/books/\(id)/borrow", token: caller).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 7, "\(statuses)")
            _ = actor
        }
    }
}

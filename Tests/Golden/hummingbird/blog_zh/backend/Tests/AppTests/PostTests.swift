import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid post body with fresh values.
func samplePost(_ n: Int = next()) -> [String: Any] {
    ["title": fit("title \(n)", min: 1, max: 200), "content": fit("content \(n)", min: 1, max: 10000)]
}

/// Creates a post as someone who may, with `values` over a valid sample; returns it and that caller's token.
func createPost(_ client: some TestClientProtocol, _ values: [String: Any] = [:]) async throws -> Created {
    let token: String? = try await signIn(client)
    var body = samplePost()
    for (key, value) in values { body[key] = value }
    let answer = try await client.call(.post, "/api/posts", body: body, token: token)
    precondition(answer.status == .created, "creating a post failed: \(answer.text)")
    return Created(id: answer.json["id"] as? Int ?? 0, token: token, json: answer.json)
}

/// 文章: create, list, get, update, delete. Access: anyone may read; only the owner may write.
@Suite struct PostTests {
    // sculpt:part test-create post
    /// Creates a 文章: 201 with its id and every field, as sent; id and unknown fields are ignored.
    ///
    /// Requirement: 登录后的用户可以发表文章
    /// Requirement: 文章包括标题和内容
    @Test("Creates a post: 201 with its id and every field, as sent; id and unknown fields are ignored")
    func create() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            var body = samplePost()
            body["id"] = 987654
            body["is_admin"] = true
            let answer = try await client.call(.post, "/api/posts", body: body, token: token)
            #expect(answer.status == .created)
            let id = answer.json["id"] as? Int
            #expect(id != nil && id != 987654)
            #expect(answer.json["is_admin"] == nil)
            #expect(answer.json["title"] != nil)
            #expect(answer.json["content"] != nil)
            let read = try await client.call(.get, "/api/posts/\(id ?? 0)", token: token)
            #expect(read.status == .ok)
            #expect(read.json["id"] as? Int == id)
        }
    }

    // sculpt:part test-invalid post

    /// Refuses a body whose 标题 is missing, null or empty.
    @Test("Refuses a body whose 标题 is missing, null or empty.")
    func edgeTitleRequired() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/posts", field: "title", values: [nil, NSNull(), ""], token: token) { samplePost() }
        }
    }

    /// Refuses a 标题 of the wrong JSON type.
    @Test("Refuses a 标题 of the wrong JSON type.")
    func edgeTitleType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/posts", field: "title", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]], token: token) { samplePost() }
        }
    }

    /// Refuses a 标题 longer than 200 characters and accepts exactly 200.
    @Test("Refuses a 标题 longer than 200 characters and accepts exactly 200.")
    func edgeTitleMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/posts", field: "title", values: [String(repeating: "x", count: 201)], token: token) { samplePost() }
            try await expectAccepted(client, "/api/posts", field: "title", values: [String(repeating: "x", count: 200)], echoes: true, token: token) { samplePost() }
        }
    }

    /// Refuses a body whose 内容 is missing, null or empty.
    @Test("Refuses a body whose 内容 is missing, null or empty.")
    func edgeContentRequired() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/posts", field: "content", values: [nil, NSNull(), ""], token: token) { samplePost() }
        }
    }

    /// Refuses a 内容 of the wrong JSON type.
    @Test("Refuses a 内容 of the wrong JSON type.")
    func edgeContentType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/posts", field: "content", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]], token: token) { samplePost() }
        }
    }

    /// Refuses a 内容 longer than 10000 characters and accepts exactly 10000.
    @Test("Refuses a 内容 longer than 10000 characters and accepts exactly 10000.")
    func edgeContentMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/posts", field: "content", values: [String(repeating: "x", count: 10001)], token: token) { samplePost() }
            try await expectAccepted(client, "/api/posts", field: "content", values: [String(repeating: "x", count: 10000)], echoes: true, token: token) { samplePost() }
        }
    }

    // sculpt:part test-list post
    /// Lists 文章 page by page (page_size at most 100), and finds them by a case-insensitive substring.
    ///
    /// Requirement: 所有人都可以查看文章列表和文章详情
    /// Requirement: 文章可以按标题搜索
    @Test("Lists posts page by page, and finds them by a case-insensitive substring")
    func list() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            for _ in 0..<3 {
                #expect(try await client.call(.post, "/api/posts", body: samplePost(), token: token).status == .created)
            }
            let page = try await client.call(.get, "/api/posts?page=1&page_size=2", token: token)
            #expect(page.status == .ok)
            #expect(page.items.count == 2)
            #expect(page.json["total"] as? Int == 3)
            #expect(page.json["page_size"] as? Int == 2)
            #expect(try await client.call(.get, "/api/posts?page_size=101", token: token).status == .badRequest)
            #expect(try await client.call(.get, "/api/posts?page=0", token: token).status == .badRequest)
            var alpha = samplePost()
            alpha["title"] = "AlphaQZX"
            var bravo = samplePost()
            bravo["title"] = "Bravo"
            #expect(try await client.call(.post, "/api/posts", body: alpha, token: token).status == .created)
            #expect(try await client.call(.post, "/api/posts", body: bravo, token: token).status == .created)
            let found = try await client.call(.get, "/api/posts?q=phaqzx", token: token)
            #expect(found.items.map { $0["title"] as? String } == [alpha["title"] as? String])
            let literal = try await client.call(.get, "/api/posts?q=%25", token: token)
            #expect(literal.items.isEmpty)
        }
    }

    // sculpt:part test-not-found post
    /// Answers 404 for a 文章 that does not exist.
    ///
    /// Requirement: 所有人都可以查看文章列表和文章详情
    @Test("Answers 404 for a post that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let answer = try await client.call(.get, "/api/posts/987654321", token: token)
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/posts/abc", token: token).status == .notFound)
        }
    }

    // sculpt:part test-update post
    /// PUT replaces a 文章, PATCH changes only the fields sent, an empty PATCH is refused.
    ///
    /// Requirement: 只有作者本人可以修改或删除自己的文章
    @Test("PUT replaces a post, PATCH changes only the fields sent, an empty PATCH is refused")
    func update() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let created = try await client.call(.post, "/api/posts", body: samplePost(), token: token)
            let id = created.json["id"] as? Int ?? 0
            let replacement = samplePost()
            let replaced = try await client.call(.put, "/api/posts/\(id)", body: replacement, token: token)
            #expect(replaced.status == .ok)
            #expect(replaced.json["title"] as? String == replacement["title"] as? String)
            let patched = try await client.call(.patch, "/api/posts/\(id)", body: ["title": "Patched"], token: token)
            #expect(patched.status == .ok)
            #expect(patched.json["title"] as? String == "Patched")
            let empty = try await client.call(.patch, "/api/posts/\(id)", body: [:], token: token)
            #expect(empty.status == .badRequest)
            #expect(try await client.call(.put, "/api/posts/987654321", body: samplePost(), token: token).status == .notFound)
        }
    }

    // sculpt:part test-delete post
    /// Deletes a 文章 (204); it is gone afterwards.
    ///
    /// Requirement: 只有作者本人可以修改或删除自己的文章
    @Test("Deletes a post (204); it is gone afterwards")
    func delete() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let created = try await client.call(.post, "/api/posts", body: samplePost(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.delete, "/api/posts/\(id)", token: token).status == .noContent)
            #expect(try await client.call(.delete, "/api/posts/\(id)", token: token).status == .notFound)
        }
    }

    // sculpt:part test-owner-writes post
    /// Only the owner of a 文章 may change or delete it: 401 without a token, 403 for anyone else.
    ///
    /// Requirement: 登录后的用户可以发表文章
    /// Requirement: 只有作者本人可以修改或删除自己的文章
    @Test("Only the owner of a post may change or delete it: 401 without a token, 403 for anyone else")
    func owner() async throws {
        try await makeApp().test(.router) { client in
            #expect(try await client.call(.post, "/api/posts", body: samplePost()).status == .unauthorized)
            let alice = try await signIn(client)
            let bob = try await signIn(client)
            let created = try await client.call(.post, "/api/posts", body: samplePost(), token: alice)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.put, "/api/posts/\(id)", body: samplePost(), token: bob).status == .forbidden)
            #expect(try await client.call(.put, "/api/posts/\(id)", body: samplePost()).status == .unauthorized)
            #expect(try await client.call(.put, "/api/posts/\(id)", body: samplePost(), token: alice).status == .ok)
            #expect(try await client.call(.delete, "/api/posts/\(id)", token: bob).status == .forbidden)
            #expect(try await client.call(.delete, "/api/posts/\(id)", token: alice).status == .noContent)
        }
    }

    // sculpt:part test-public-read post
    /// Anyone reads 文章, without signing in.
    ///
    /// Requirement: 登录后的用户可以发表文章
    /// Requirement: 只有作者本人可以修改或删除自己的文章
    @Test("Anyone reads posts, without signing in")
    func publicRead() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let created = try await client.call(.post, "/api/posts", body: samplePost(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.get, "/api/posts/\(id)").status == .ok)
            #expect(try await client.call(.get, "/api/posts").status == .ok)
        }
    }
}

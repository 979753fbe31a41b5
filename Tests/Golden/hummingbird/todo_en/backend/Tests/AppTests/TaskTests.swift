import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid task body with fresh values.
func sampleTask(_ n: Int = next()) -> [String: Any] {
    ["title": fit("title \(n)", min: 1, max: 100), "description": fit("description \(n)", min: 1, max: 10000), "done": true]
}

/// Task: create, list, get, update, delete. Access: anyone may read; anyone may write.
@Suite struct TaskTests {
    @Test("Creates a task: 201 with its id and every field, as sent; id and unknown fields are ignored")
    func create() async throws {
        try await makeApp().test(.router) { client in
            var body = sampleTask()
            body["id"] = 987654
            body["is_admin"] = true
            let answer = try await client.call(.post, "/api/tasks", body: body)
            #expect(answer.status == .created)
            let id = answer.json["id"] as? Int
            #expect(id != nil && id != 987654)
            #expect(answer.json["is_admin"] == nil)
            #expect(answer.json["title"] != nil)
            #expect(answer.json["description"] != nil)
            #expect(answer.json["done"] != nil)
            let read = try await client.call(.get, "/api/tasks/\(id ?? 0)")
            #expect(read.status == .ok)
            #expect(read.json["id"] as? Int == id)
        }
    }

    @Test("Refuses missing required fields and values of the wrong type or out of bounds with 400 naming the field")
    func invalid() async throws {
        try await makeApp().test(.router) { client in
            let cases: [(field: String, value: Any?)] = [
                ("title", nil),
                ("title", 12345),
                ("title", false),
                ("title", ""),
                ("title", String(repeating: "x", count: 101)),
                ("description", 12345),
                ("description", false),
                ("description", String(repeating: "x", count: 10001)),
                ("done", "yes"),
                ("done", 1),
            ]
            for (field, value) in cases {
                var body = sampleTask()
                body[field] = value
                let answer = try await client.call(.post, "/api/tasks", body: body)
                #expect(answer.status == .badRequest, "\(field) = \(String(describing: value)): \(answer.text)")
                #expect(answer.errorField == field)
            }
        }
    }

    @Test("Lists tasks page by page")
    func list() async throws {
        try await makeApp().test(.router) { client in
            for _ in 0..<3 {
                #expect(try await client.call(.post, "/api/tasks", body: sampleTask()).status == .created)
            }
            let page = try await client.call(.get, "/api/tasks?page=1&page_size=2")
            #expect(page.status == .ok)
            #expect(page.items.count == 2)
            #expect(page.json["total"] as? Int == 3)
            #expect(page.json["page_size"] as? Int == 2)
            #expect(try await client.call(.get, "/api/tasks?page_size=101").status == .badRequest)
            #expect(try await client.call(.get, "/api/tasks?page=0").status == .badRequest)
        }
    }

    @Test("Answers 404 for a task that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let answer = try await client.call(.get, "/api/tasks/987654321")
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/tasks/abc").status == .notFound)
        }
    }

    @Test("PUT replaces a task, PATCH changes only the fields sent, an empty PATCH is refused")
    func update() async throws {
        try await makeApp().test(.router) { client in
            let created = try await client.call(.post, "/api/tasks", body: sampleTask())
            let id = created.json["id"] as? Int ?? 0
            let replacement = sampleTask()
            let replaced = try await client.call(.put, "/api/tasks/\(id)", body: replacement)
            #expect(replaced.status == .ok)
            #expect(replaced.json["title"] as? String == replacement["title"] as? String)
            let patched = try await client.call(.patch, "/api/tasks/\(id)", body: ["title": "Patched"])
            #expect(patched.status == .ok)
            #expect(patched.json["title"] as? String == "Patched")
            let empty = try await client.call(.patch, "/api/tasks/\(id)", body: [:])
            #expect(empty.status == .badRequest)
            #expect(try await client.call(.put, "/api/tasks/987654321", body: sampleTask()).status == .notFound)
        }
    }

    @Test("Deletes a task (204); it is gone afterwards")
    func delete() async throws {
        try await makeApp().test(.router) { client in
            let created = try await client.call(.post, "/api/tasks", body: sampleTask())
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.delete, "/api/tasks/\(id)").status == .noContent)
            #expect(try await client.call(.delete, "/api/tasks/\(id)").status == .notFound)
        }
    }
}

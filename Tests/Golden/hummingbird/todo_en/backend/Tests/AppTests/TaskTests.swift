import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid task body with fresh values.
func sampleTask(_ n: Int = next()) -> [String: Any] {
    ["title": fit("title \(n)", min: 1, max: 100), "description": fit("description \(n)", min: 1, max: 10000), "done": true]
}

/// Creates a task as someone who may, with `values` over a valid sample; returns it and that caller's token.
func createTask(_ client: some TestClientProtocol, _ values: [String: Any] = [:]) async throws -> Created {
    let token: String? = nil
    var body = sampleTask()
    for (key, value) in values { body[key] = value }
    let answer = try await client.call(.post, "/api/tasks", body: body, token: token)
    precondition(answer.status == .created, "creating a task failed: \(answer.text)")
    return Created(id: answer.json["id"] as? Int ?? 0, token: token, json: answer.json)
}

/// Task: create, list, get, update, delete. Access: anyone may read; anyone may write.
@Suite struct TaskTests {
    // sculpt:part test-create task
    /// Creates a Task: 201 with its id and every field, as sent; id and unknown fields are ignored.
    ///
    /// Requirement: an optional description
    /// Requirement: a done flag that defaults to false
    /// Requirement: Users can add, list, view, update and delete tasks
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

    // sculpt:part test-invalid task

    /// Refuses a body whose Title is missing, null or empty.
    ///
    /// Requirement: Each task has a title (required, at most 100 characters)
    @Test("Refuses a body whose Title is missing, null or empty.")
    func edgeTitleRequired() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/tasks", field: "title", values: [nil, NSNull(), ""]) { sampleTask() }
        }
    }

    /// Refuses a Title of the wrong JSON type.
    @Test("Refuses a Title of the wrong JSON type.")
    func edgeTitleType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/tasks", field: "title", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]]) { sampleTask() }
        }
    }

    /// Refuses a Title longer than 100 characters and accepts exactly 100.
    ///
    /// Requirement: Each task has a title (required, at most 100 characters)
    @Test("Refuses a Title longer than 100 characters and accepts exactly 100.")
    func edgeTitleMaxLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/tasks", field: "title", values: [String(repeating: "x", count: 101)]) { sampleTask() }
            try await expectAccepted(client, "/api/tasks", field: "title", values: [String(repeating: "x", count: 100)], echoes: true) { sampleTask() }
        }
    }

    /// Refuses a Description of the wrong JSON type.
    @Test("Refuses a Description of the wrong JSON type.")
    func edgeDescriptionType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/tasks", field: "description", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any], NSNull()]) { sampleTask() }
        }
    }

    /// Refuses a Description longer than 10000 characters and accepts exactly 10000.
    @Test("Refuses a Description longer than 10000 characters and accepts exactly 10000.")
    func edgeDescriptionMaxLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/tasks", field: "description", values: [String(repeating: "x", count: 10001)]) { sampleTask() }
            try await expectAccepted(client, "/api/tasks", field: "description", values: [String(repeating: "x", count: 10000)], echoes: true) { sampleTask() }
        }
    }

    /// Refuses a Done of the wrong JSON type.
    @Test("Refuses a Done of the wrong JSON type.")
    func edgeDoneType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/tasks", field: "done", values: ["yes", 1, 0, NSNull()]) { sampleTask() }
        }
    }

    // sculpt:part test-list task
    /// Lists Task page by page (page_size at most 100).
    ///
    /// Requirement: Users can add, list, view, update and delete tasks
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

    // sculpt:part test-not-found task
    /// Answers 404 for a Task that does not exist.
    ///
    /// Requirement: Users can add, list, view, update and delete tasks
    @Test("Answers 404 for a task that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let answer = try await client.call(.get, "/api/tasks/987654321")
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/tasks/abc").status == .notFound)
        }
    }

    // sculpt:part test-update task
    /// PUT replaces a Task, PATCH changes only the fields sent, an empty PATCH is refused.
    ///
    /// Requirement: Users can add, list, view, update and delete tasks
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

    // sculpt:part test-delete task
    /// Deletes a Task (204); it is gone afterwards.
    ///
    /// Requirement: Users can add, list, view, update and delete tasks
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

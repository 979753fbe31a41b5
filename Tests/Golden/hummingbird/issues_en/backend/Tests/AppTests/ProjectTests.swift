import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid project body with fresh values.
func sampleProject(_ n: Int = next()) -> [String: Any] {
    ["name": fit("name \(n)", min: 1, max: 200), "description": fit("description \(n)", min: 1, max: 10000)]
}

/// Creates a project as someone who may, with `values` over a valid sample; returns it and that caller's token.
func createProject(_ client: some TestClientProtocol, _ values: [String: Any] = [:]) async throws -> Created {
    let token: String? = try await signIn(client)
    var body = sampleProject()
    for (key, value) in values { body[key] = value }
    let answer = try await client.call(.post, "/api/projects", body: body, token: token)
    precondition(answer.status == .created, "creating a project failed: \(answer.text)")
    return Created(id: answer.json["id"] as? Int ?? 0, token: token, json: answer.json)
}

/// Project: create, list, get, update, delete. Access: anyone may read; signed-in users may write.
@Suite struct ProjectTests {
    // sculpt:part test-create project
    /// Creates a Project: 201 with its id and every field, as sent; id and unknown fields are ignored.
    ///
    /// Requirement: Projects have a name (required, unique) and a description
    @Test("Creates a project: 201 with its id and every field, as sent; id and unknown fields are ignored")
    func create() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            var body = sampleProject()
            body["id"] = 987654
            body["is_admin"] = true
            let answer = try await client.call(.post, "/api/projects", body: body, token: token)
            #expect(answer.status == .created)
            let id = answer.json["id"] as? Int
            #expect(id != nil && id != 987654)
            #expect(answer.json["is_admin"] == nil)
            #expect(answer.json["name"] != nil)
            #expect(answer.json["description"] != nil)
            let read = try await client.call(.get, "/api/projects/\(id ?? 0)", token: token)
            #expect(read.status == .ok)
            #expect(read.json["id"] as? Int == id)
        }
    }

    // sculpt:part test-invalid project

    /// Refuses a body whose Name is missing, null or empty.
    ///
    /// Requirement: Projects have a name (required, unique) and a description
    @Test("Refuses a body whose Name is missing, null or empty.")
    func edgeNameRequired() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/projects", field: "name", values: [nil, NSNull(), ""], token: token) { sampleProject() }
        }
    }

    /// Refuses a Name of the wrong JSON type.
    @Test("Refuses a Name of the wrong JSON type.")
    func edgeNameType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/projects", field: "name", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]], token: token) { sampleProject() }
        }
    }

    /// Refuses a Name longer than 200 characters and accepts exactly 200.
    @Test("Refuses a Name longer than 200 characters and accepts exactly 200.")
    func edgeNameMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/projects", field: "name", values: [String(repeating: "x", count: 201)], token: token) { sampleProject() }
            try await expectAccepted(client, "/api/projects", field: "name", values: [String(repeating: "x", count: 200)], echoes: true, token: token) { sampleProject() }
        }
    }

    /// Refuses a Description of the wrong JSON type.
    @Test("Refuses a Description of the wrong JSON type.")
    func edgeDescriptionType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/projects", field: "description", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any], NSNull()], token: token) { sampleProject() }
        }
    }

    /// Refuses a Description longer than 10000 characters and accepts exactly 10000.
    @Test("Refuses a Description longer than 10000 characters and accepts exactly 10000.")
    func edgeDescriptionMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/projects", field: "description", values: [String(repeating: "x", count: 10001)], token: token) { sampleProject() }
            try await expectAccepted(client, "/api/projects", field: "description", values: [String(repeating: "x", count: 10000)], echoes: true, token: token) { sampleProject() }
        }
    }

    // sculpt:part test-unique project name
    /// Refuses a second Project with the same Name (409 naming the field).
    ///
    /// Requirement: Projects have a name (required, unique) and a description
    @Test("Refuses a second project with the same name (409 naming the field)")
    func uniqueName() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let body = sampleProject()
            #expect(try await client.call(.post, "/api/projects", body: body, token: token).status == .created)
            var again = sampleProject()
            again["name"] = body["name"]
            let answer = try await client.call(.post, "/api/projects", body: again, token: token)
            #expect(answer.status == .conflict)
            #expect(answer.errorField == "name")
        }
    }

    // sculpt:part test-list project
    /// Lists Project page by page (page_size at most 100).
    @Test("Lists projects page by page")
    func list() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            for _ in 0..<3 {
                #expect(try await client.call(.post, "/api/projects", body: sampleProject(), token: token).status == .created)
            }
            let page = try await client.call(.get, "/api/projects?page=1&page_size=2", token: token)
            #expect(page.status == .ok)
            #expect(page.items.count == 2)
            #expect(page.json["total"] as? Int == 3)
            #expect(page.json["page_size"] as? Int == 2)
            #expect(try await client.call(.get, "/api/projects?page_size=101", token: token).status == .badRequest)
            #expect(try await client.call(.get, "/api/projects?page=0", token: token).status == .badRequest)
        }
    }

    // sculpt:part test-not-found project
    /// Answers 404 for a Project that does not exist.
    @Test("Answers 404 for a project that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let answer = try await client.call(.get, "/api/projects/987654321", token: token)
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/projects/abc", token: token).status == .notFound)
        }
    }

    // sculpt:part test-update project
    /// PUT replaces a Project, PATCH changes only the fields sent, an empty PATCH is refused.
    @Test("PUT replaces a project, PATCH changes only the fields sent, an empty PATCH is refused")
    func update() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let created = try await client.call(.post, "/api/projects", body: sampleProject(), token: token)
            let id = created.json["id"] as? Int ?? 0
            let replacement = sampleProject()
            let replaced = try await client.call(.put, "/api/projects/\(id)", body: replacement, token: token)
            #expect(replaced.status == .ok)
            #expect(replaced.json["name"] as? String == replacement["name"] as? String)
            let patched = try await client.call(.patch, "/api/projects/\(id)", body: ["name": "Patched"], token: token)
            #expect(patched.status == .ok)
            #expect(patched.json["name"] as? String == "Patched")
            let empty = try await client.call(.patch, "/api/projects/\(id)", body: [:], token: token)
            #expect(empty.status == .badRequest)
            #expect(try await client.call(.put, "/api/projects/987654321", body: sampleProject(), token: token).status == .notFound)
        }
    }

    // sculpt:part test-delete project
    /// Deletes a Project (204); it is gone afterwards.
    @Test("Deletes a project (204); it is gone afterwards")
    func delete() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let created = try await client.call(.post, "/api/projects", body: sampleProject(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.delete, "/api/projects/\(id)", token: token).status == .noContent)
            #expect(try await client.call(.delete, "/api/projects/\(id)", token: token).status == .notFound)
        }
    }
}

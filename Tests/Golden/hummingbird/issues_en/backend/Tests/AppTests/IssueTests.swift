import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid issue body with fresh values.
func sampleIssue(_ n: Int = next()) -> [String: Any] {
    ["project_id": 1, "title": fit("title \(n)", min: 1, max: 100), "status": "open", "priority": 1]
}

/// Makes record 1 of every entity a issue belongs to (the samples point at it).
func seedIssueParents(_ client: some TestClientProtocol) async throws {
    _ = try await createProject(client)
}

/// Creates a issue as someone who may, with `values` over a valid sample; returns it and that caller's token.
func createIssue(_ client: some TestClientProtocol, _ values: [String: Any] = [:]) async throws -> Created {
    try await seedIssueParents(client)
    let token: String? = try await signIn(client)
    var body = sampleIssue()
    for (key, value) in values { body[key] = value }
    let answer = try await client.call(.post, "/api/issues", body: body, token: token)
    precondition(answer.status == .created, "creating a issue failed: \(answer.text)")
    return Created(id: answer.json["id"] as? Int ?? 0, token: token, json: answer.json)
}

/// Issue: create, list, get, update, delete. Access: anyone may read; only the owner may write.
@Suite struct IssueTests {
    // sculpt:part test-create issue
    /// Creates a Issue: 201 with its id and every field, as sent; id and unknown fields are ignored.
    @Test("Creates a issue: 201 with its id and every field, as sent; id and unknown fields are ignored")
    func create() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            var body = sampleIssue()
            body["id"] = 987654
            body["is_admin"] = true
            let answer = try await client.call(.post, "/api/issues", body: body, token: token)
            #expect(answer.status == .created)
            let id = answer.json["id"] as? Int
            #expect(id != nil && id != 987654)
            #expect(answer.json["is_admin"] == nil)
            #expect(answer.json["project_id"] != nil)
            #expect(answer.json["title"] != nil)
            #expect(answer.json["status"] != nil)
            #expect(answer.json["priority"] != nil)
            let read = try await client.call(.get, "/api/issues/\(id ?? 0)", token: token)
            #expect(read.status == .ok)
            #expect(read.json["id"] as? Int == id)
        }
    }

    // sculpt:part test-invalid issue

    /// Refuses a body whose Project is missing, null.
    @Test("Refuses a body whose Project is missing, null.")
    func edgeProjectIdRequired() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "project_id", values: [nil, NSNull()], token: token) { sampleIssue() }
        }
    }

    /// Refuses a Project of the wrong JSON type.
    @Test("Refuses a Project of the wrong JSON type.")
    func edgeProjectIdType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "project_id", values: ["7", true, 2.5, RawJSON(text: "18446744073709551616")], token: token) { sampleIssue() }
            try await expectAccepted(client, "/api/issues", field: "project_id", values: [1.0], echoes: true, token: token) { sampleIssue() }
        }
    }

    /// Refuses a Project below 1 and accepts 1.
    @Test("Refuses a Project below 1 and accepts 1.")
    func edgeProjectIdMinimum() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "project_id", values: [0], token: token) { sampleIssue() }
            try await expectAccepted(client, "/api/issues", field: "project_id", values: [1], echoes: true, token: token) { sampleIssue() }
        }
    }

    /// Refuses a body whose Title is missing, null or empty.
    ///
    /// Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    @Test("Refuses a body whose Title is missing, null or empty.")
    func edgeTitleRequired() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "title", values: [nil, NSNull(), ""], token: token) { sampleIssue() }
        }
    }

    /// Refuses a Title of the wrong JSON type.
    @Test("Refuses a Title of the wrong JSON type.")
    func edgeTitleType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "title", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]], token: token) { sampleIssue() }
        }
    }

    /// Refuses a Title longer than 100 characters and accepts exactly 100.
    ///
    /// Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    @Test("Refuses a Title longer than 100 characters and accepts exactly 100.")
    func edgeTitleMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "title", values: [String(repeating: "x", count: 101)], token: token) { sampleIssue() }
            try await expectAccepted(client, "/api/issues", field: "title", values: [String(repeating: "x", count: 100)], echoes: true, token: token) { sampleIssue() }
        }
    }

    /// Refuses a Status of the wrong JSON type.
    @Test("Refuses a Status of the wrong JSON type.")
    func edgeStatusType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "status", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any], NSNull()], token: token) { sampleIssue() }
        }
    }

    /// Refuses a Status outside its allowed values and accepts each of them.
    ///
    /// Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    @Test("Refuses a Status outside its allowed values and accepts each of them.")
    func edgeStatusAllowedValues() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "status", values: ["not-a-choice", "OPEN"], token: token) { sampleIssue() }
            try await expectAccepted(client, "/api/issues", field: "status", values: ["open", "in progress", "closed"], echoes: true, token: token) { sampleIssue() }
        }
    }

    /// Refuses a Priority of the wrong JSON type.
    @Test("Refuses a Priority of the wrong JSON type.")
    func edgePriorityType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "priority", values: ["7", true, 2.5, RawJSON(text: "18446744073709551616"), NSNull()], token: token) { sampleIssue() }
            try await expectAccepted(client, "/api/issues", field: "priority", values: [1.0], echoes: true, token: token) { sampleIssue() }
        }
    }

    /// Refuses a Priority below 1 and accepts 1.
    ///
    /// Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    @Test("Refuses a Priority below 1 and accepts 1.")
    func edgePriorityMinimum() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "priority", values: [0], token: token) { sampleIssue() }
            try await expectAccepted(client, "/api/issues", field: "priority", values: [1], echoes: true, token: token) { sampleIssue() }
        }
    }

    /// Refuses a Priority above 5 and accepts 5.
    ///
    /// Requirement: has a title (required, at most 100 characters), a status that is one of open, in progress or closed, and a priority from 1 to 5
    @Test("Refuses a Priority above 5 and accepts 5.")
    func edgePriorityMaximum() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            try await expectRejected(client, "/api/issues", field: "priority", values: [6], token: token) { sampleIssue() }
            try await expectAccepted(client, "/api/issues", field: "priority", values: [5], echoes: true, token: token) { sampleIssue() }
        }
    }

    // sculpt:part test-list issue
    /// Lists Issue page by page (page_size at most 100), and finds them by a case-insensitive substring.
    ///
    /// Requirement: Issues can be listed by project and searched by title
    @Test("Lists issues page by page, and finds them by a case-insensitive substring")
    func list() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            for _ in 0..<3 {
                #expect(try await client.call(.post, "/api/issues", body: sampleIssue(), token: token).status == .created)
            }
            let page = try await client.call(.get, "/api/issues?page=1&page_size=2", token: token)
            #expect(page.status == .ok)
            #expect(page.items.count == 2)
            #expect(page.json["total"] as? Int == 3)
            #expect(page.json["page_size"] as? Int == 2)
            #expect(try await client.call(.get, "/api/issues?page_size=101", token: token).status == .badRequest)
            #expect(try await client.call(.get, "/api/issues?page=0", token: token).status == .badRequest)
            var alpha = sampleIssue()
            alpha["title"] = "AlphaQZX"
            var bravo = sampleIssue()
            bravo["title"] = "Bravo"
            #expect(try await client.call(.post, "/api/issues", body: alpha, token: token).status == .created)
            #expect(try await client.call(.post, "/api/issues", body: bravo, token: token).status == .created)
            let found = try await client.call(.get, "/api/issues?q=phaqzx", token: token)
            #expect(found.items.map { $0["title"] as? String } == [alpha["title"] as? String])
            let literal = try await client.call(.get, "/api/issues?q=%25", token: token)
            #expect(literal.items.isEmpty)
        }
    }

    // sculpt:part test-not-found issue
    /// Answers 404 for a Issue that does not exist.
    @Test("Answers 404 for a issue that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            let answer = try await client.call(.get, "/api/issues/987654321", token: token)
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/issues/abc", token: token).status == .notFound)
        }
    }

    // sculpt:part test-update issue
    /// PUT replaces a Issue, PATCH changes only the fields sent, an empty PATCH is refused.
    @Test("PUT replaces a issue, PATCH changes only the fields sent, an empty PATCH is refused")
    func update() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            let created = try await client.call(.post, "/api/issues", body: sampleIssue(), token: token)
            let id = created.json["id"] as? Int ?? 0
            let replacement = sampleIssue()
            let replaced = try await client.call(.put, "/api/issues/\(id)", body: replacement, token: token)
            #expect(replaced.status == .ok)
            #expect(replaced.json["title"] as? String == replacement["title"] as? String)
            let patched = try await client.call(.patch, "/api/issues/\(id)", body: ["title": "Patched"], token: token)
            #expect(patched.status == .ok)
            #expect(patched.json["title"] as? String == "Patched")
            let empty = try await client.call(.patch, "/api/issues/\(id)", body: [:], token: token)
            #expect(empty.status == .badRequest)
            #expect(try await client.call(.put, "/api/issues/987654321", body: sampleIssue(), token: token).status == .notFound)
        }
    }

    // sculpt:part test-delete issue
    /// Deletes a Issue (204); it is gone afterwards.
    @Test("Deletes a issue (204); it is gone afterwards")
    func delete() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            let created = try await client.call(.post, "/api/issues", body: sampleIssue(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.delete, "/api/issues/\(id)", token: token).status == .noContent)
            #expect(try await client.call(.delete, "/api/issues/\(id)", token: token).status == .notFound)
        }
    }

    // sculpt:part test-owner-writes issue
    /// Only the owner of a Issue may change or delete it: 401 without a token, 403 for anyone else.
    ///
    /// Requirement: only the reporter of an issue can edit or delete it
    @Test("Only the owner of a issue may change or delete it: 401 without a token, 403 for anyone else")
    func owner() async throws {
        try await makeApp().test(.router) { client in
            #expect(try await client.call(.post, "/api/issues", body: sampleIssue()).status == .unauthorized)
            let alice = try await signIn(client)
            let bob = try await signIn(client)
            try await seedIssueParents(client)
            let created = try await client.call(.post, "/api/issues", body: sampleIssue(), token: alice)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.put, "/api/issues/\(id)", body: sampleIssue(), token: bob).status == .forbidden)
            #expect(try await client.call(.put, "/api/issues/\(id)", body: sampleIssue()).status == .unauthorized)
            #expect(try await client.call(.put, "/api/issues/\(id)", body: sampleIssue(), token: alice).status == .ok)
            #expect(try await client.call(.delete, "/api/issues/\(id)", token: bob).status == .forbidden)
            #expect(try await client.call(.delete, "/api/issues/\(id)", token: alice).status == .noContent)
        }
    }

    // sculpt:part test-public-read issue
    /// Anyone reads Issue, without signing in.
    ///
    /// Requirement: only the reporter of an issue can edit or delete it
    @Test("Anyone reads issues, without signing in")
    func publicRead() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedIssueParents(client)
            let created = try await client.call(.post, "/api/issues", body: sampleIssue(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.get, "/api/issues/\(id)").status == .ok)
            #expect(try await client.call(.get, "/api/issues").status == .ok)
        }
    }

    /// Refuses a Issue whose Project names no Project (400 naming project_id), and lists them by project_id.
    ///
    /// Requirement: Each issue belongs to a project
    /// Requirement: Issues can be listed by project and searched by title
    @Test("Refuses a issue whose project_id names no record, and lists issues by project_id")
    func relationProjectId() async throws {
        try await makeApp().test(.router) { client in
            try await seedIssueParents(client)
            let token: String? = try await signIn(client)
            let first = try await createProject(client)
            let second = try await createProject(client)
            var orphan = sampleIssue()
            orphan["project_id"] = 987654321
            let refused = try await client.call(.post, "/api/issues", body: orphan, token: token)
            #expect(refused.status == .badRequest, "\(refused.text)")
            #expect(refused.errorField == "project_id")
            var mine = sampleIssue()
            mine["project_id"] = first.id
            var theirs = sampleIssue()
            theirs["project_id"] = second.id
            let a = try await client.call(.post, "/api/issues", body: mine, token: token)
            #expect(a.status == .created, "\(a.text)")
            #expect(a.json["project_id"] as? Int == first.id)
            #expect(try await client.call(.post, "/api/issues", body: theirs, token: token).status == .created)
            let listed = try await client.call(.get, "/api/issues?project_id=\(first.id)", token: token)
            #expect(listed.status == .ok)
            #expect(listed.items.map { $0["id"] as? Int } == [a.json["id"] as? Int])
            #expect(try await client.call(.get, "/api/issues?project_id=0", token: token).status == .badRequest)
            #expect(try await client.call(.get, "/api/issues?project_id=abc", token: token).status == .badRequest)
        }
    }

    /// Deleting a Project deletes its issues in the same transaction.
    ///
    /// Requirement: Deleting a project deletes its issues
    @Test("Deleting the record a issue belongs to deletes the issue too")
    func onDeleteProjectId() async throws {
        try await makeApp().test(.router) { client in
            try await seedIssueParents(client)
            let parent = try await createProject(client, [:])
            let childToken: String? = try await signIn(client)
            var body = sampleIssue()
            body["project_id"] = parent.id
            let made = try await client.call(.post, "/api/issues", body: body, token: childToken)
            #expect(made.status == .created, "\(made.text)")
            let childID = made.json["id"] as? Int ?? 0
            let deleter: String? = parent.token
            let deleted = try await client.call(.delete, "/api/projects/\(parent.id)", token: deleter)
            #expect(deleted.status == .noContent, "\(deleted.text)")
            let reader: String? = childToken
            #expect(try await client.call(.get, "/api/issues/\(childID)", token: reader).status == .notFound)
        }
    }
}

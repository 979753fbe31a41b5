import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid repair_request body with fresh values.
func sampleRepairRequest(_ n: Int = next()) -> [String: Any] {
    ["room": fit("room \(n)", min: 1, max: 40), "description": fit("description \(n)", min: 1, max: 10000), "status": "open"]
}

/// Creates a repair_request as someone who may, with `values` over a valid sample; returns it and that caller's token.
func createRepairRequest(_ client: some TestClientProtocol, _ values: [String: Any] = [:]) async throws -> Created {
    let token: String? = nil
    var body = sampleRepairRequest()
    for (key, value) in values { body[key] = value }
    let answer = try await client.call(.post, "/api/repair_requests", body: body, token: token)
    precondition(answer.status == .created, "creating a repair_request failed: \(answer.text)")
    return Created(id: answer.json["id"] as? Int ?? 0, token: token, json: answer.json)
}

/// Repair request: create, list, get. Access: anyone may read; anyone may write.
@Suite struct RepairRequestTests {
    // sculpt:part test-create repair_request
    /// Creates a Repair request: 201 with its id and every field, as sent; id and unknown fields are ignored.
    ///
    /// Requirement: Anyone can file a repair request with a room (required, at most 40 characters), a description and a status (open, in progress, done), open by default
    @Test("Creates a repair_request: 201 with its id and every field, as sent; id and unknown fields are ignored")
    func create() async throws {
        try await makeApp().test(.router) { client in
            var body = sampleRepairRequest()
            body["id"] = 987654
            body["is_admin"] = true
            let answer = try await client.call(.post, "/api/repair_requests", body: body)
            #expect(answer.status == .created)
            let id = answer.json["id"] as? Int
            #expect(id != nil && id != 987654)
            #expect(answer.json["is_admin"] == nil)
            #expect(answer.json["room"] != nil)
            #expect(answer.json["description"] != nil)
            #expect(answer.json["status"] != nil)
            let read = try await client.call(.get, "/api/repair_requests/\(id ?? 0)")
            #expect(read.status == .ok)
            #expect(read.json["id"] as? Int == id)
        }
    }

    // sculpt:part test-invalid repair_request

    /// Refuses a body whose Room is missing, null or empty.
    @Test("Refuses a body whose Room is missing, null or empty.")
    func edgeRoomRequired() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/repair_requests", field: "room", values: [nil, NSNull(), ""]) { sampleRepairRequest() }
        }
    }

    /// Refuses a Room of the wrong JSON type.
    @Test("Refuses a Room of the wrong JSON type.")
    func edgeRoomType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/repair_requests", field: "room", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]]) { sampleRepairRequest() }
        }
    }

    /// Refuses a Room longer than 40 characters and accepts exactly 40.
    @Test("Refuses a Room longer than 40 characters and accepts exactly 40.")
    func edgeRoomMaxLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/repair_requests", field: "room", values: [String(repeating: "x", count: 41)]) { sampleRepairRequest() }
            try await expectAccepted(client, "/api/repair_requests", field: "room", values: [String(repeating: "x", count: 40)], echoes: true) { sampleRepairRequest() }
        }
    }

    /// Refuses a Description of the wrong JSON type.
    @Test("Refuses a Description of the wrong JSON type.")
    func edgeDescriptionType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/repair_requests", field: "description", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any], NSNull()]) { sampleRepairRequest() }
        }
    }

    /// Refuses a Description longer than 10000 characters and accepts exactly 10000.
    @Test("Refuses a Description longer than 10000 characters and accepts exactly 10000.")
    func edgeDescriptionMaxLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/repair_requests", field: "description", values: [String(repeating: "x", count: 10001)]) { sampleRepairRequest() }
            try await expectAccepted(client, "/api/repair_requests", field: "description", values: [String(repeating: "x", count: 10000)], echoes: true) { sampleRepairRequest() }
        }
    }

    /// Refuses a Status of the wrong JSON type.
    @Test("Refuses a Status of the wrong JSON type.")
    func edgeStatusType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/repair_requests", field: "status", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any], NSNull()]) { sampleRepairRequest() }
        }
    }

    /// Refuses a Status outside its allowed values and accepts each of them.
    @Test("Refuses a Status outside its allowed values and accepts each of them.")
    func edgeStatusAllowedValues() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/repair_requests", field: "status", values: ["not-a-choice", "OPEN"]) { sampleRepairRequest() }
            try await expectAccepted(client, "/api/repair_requests", field: "status", values: ["open", "in progress", "done"], echoes: true) { sampleRepairRequest() }
        }
    }

    // sculpt:part test-list repair_request
    /// Lists Repair request page by page (page_size at most 100), and finds them by a case-insensitive substring.
    ///
    /// Requirement: Anyone can list and view requests and search them by room
    @Test("Lists repair_requests page by page, and finds them by a case-insensitive substring")
    func list() async throws {
        try await makeApp().test(.router) { client in
            for _ in 0..<3 {
                #expect(try await client.call(.post, "/api/repair_requests", body: sampleRepairRequest()).status == .created)
            }
            let page = try await client.call(.get, "/api/repair_requests?page=1&page_size=2")
            #expect(page.status == .ok)
            #expect(page.items.count == 2)
            #expect(page.json["total"] as? Int == 3)
            #expect(page.json["page_size"] as? Int == 2)
            #expect(try await client.call(.get, "/api/repair_requests?page_size=101").status == .badRequest)
            #expect(try await client.call(.get, "/api/repair_requests?page=0").status == .badRequest)
            var alpha = sampleRepairRequest()
            alpha["room"] = "AlphaQZX"
            var bravo = sampleRepairRequest()
            bravo["room"] = "Bravo"
            #expect(try await client.call(.post, "/api/repair_requests", body: alpha).status == .created)
            #expect(try await client.call(.post, "/api/repair_requests", body: bravo).status == .created)
            let found = try await client.call(.get, "/api/repair_requests?q=phaqzx")
            #expect(found.items.map { $0["room"] as? String } == [alpha["room"] as? String])
            let literal = try await client.call(.get, "/api/repair_requests?q=%25")
            #expect(literal.items.isEmpty)
        }
    }

    // sculpt:part test-not-found repair_request
    /// Answers 404 for a Repair request that does not exist.
    ///
    /// Requirement: Anyone can list and view requests and search them by room
    @Test("Answers 404 for a repair_request that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let answer = try await client.call(.get, "/api/repair_requests/987654321")
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/repair_requests/abc").status == .notFound)
        }
    }

    /// Close: 200 with the Repair request after its effects; 404 for an unknown Repair request.
    ///
    /// Requirement: A request can be closed only while it is open; closing it sets the status to done
    @Test("The close action: success and its effects, 404 for an unknown record")
    func closeAction() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createRepairRequest(client, ["status": "open"])
            let actor: String? = nil
            let unknown = try await client.call(.post, "/api/repair_requests/987654321/close", token: actor)
            #expect(unknown.status == .notFound)
            #expect(unknown.error["code"] as? String == "not_found")
            let done = try await client.call(.post, "/api/repair_requests/\(record.id)/close", body: [:], token: actor)
            #expect(done.status == .ok, "\(done.text)")
            #expect(sameJSON(done.json["status"] ?? NSNull(), "done"))
        }
    }

    /// Close is refused with 409 precondition_failed, in the requirement's words, when its rule does not hold.
    @Test("The close action is refused with 409 precondition_failed when its rule does not hold")
    func closeActionPrecondition() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createRepairRequest(client, ["status": "in progress"])
            let actor: String? = nil
            let refused = try await client.call(.post, "/api/repair_requests/\(record.id)/close", token: actor)
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.error["code"] as? String == "precondition_failed")
            #expect(refused.error["message"] as? String == "Only an open request can be closed.")
        }
    }

    /// Eight racing close calls, released together, where the rules allow one: one success, seven 409.
    @Test("Eight racing close calls where the rules allow one: one success, seven 409")
    func closeActionRace() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createRepairRequest(client, ["status": "open"])
            let actor: String? = nil
            var actors: [String?] = []
            for _ in 0..<8 { actors.append(actor) }
            let barrier = Barrier(count: 8)
            let id = record.id
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for caller in actors {
                    group.addTask {
                        await barrier.arrive()
                        return try await client.call(.post, "/api/repair_requests/\(id)/close", token: caller).status
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

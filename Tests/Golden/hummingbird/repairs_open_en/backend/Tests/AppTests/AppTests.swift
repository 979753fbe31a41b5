import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// What every backend promises, whatever the entities: health, the page, and errors as JSON.
@Suite struct AppTests {
    // sculpt:part test-health
    /// The server answers GET /health with {"status": "ok"}.
    @Test("GET /health answers 200 {\"status\": \"ok\"}")
    func health() async throws {
        try await makeApp().test(.router) { client in
            let answer = try await client.call(.get, "/health")
            #expect(answer.status == .ok)
            #expect(answer.json["status"] as? String == "ok")
        }
    }

    // sculpt:part test-page
    /// The web page is served at /.
    @Test("The web page is served at /")
    func page() async throws {
        try await makeApp().test(.router) { client in
            let answer = try await client.call(.get, "/")
            #expect(answer.status == .ok)
            #expect(answer.text.lowercased().contains("<html"))
        }
    }

    // sculpt:part test-unknown-address
    /// An unknown address answers 404 with the error body, not HTML.
    @Test("An unknown address answers 404 with the error body, not HTML")
    func unknownRoute() async throws {
        try await makeApp().test(.router) { client in
            let answer = try await client.call(.get, "/api/no-such-thing")
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect((answer.error["message"] as? String)?.isEmpty == false)
        }
    }

    // sculpt:part test-bad-bodies
    /// Bodies that are not a JSON object, or are too large, are refused with the error body.
    @Test("Bodies that are not a JSON object, or are too large, are refused with the error body")
    func badBodies() async throws {
        try await makeApp().test(.router) { client in
            let notJSON = try await client.call(.post, "/api/repair_requests", raw: "a=1", contentType: "application/x-www-form-urlencoded")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.error["code"] as? String == "invalid_body")
            let malformed = try await client.call(.post, "/api/repair_requests", raw: "{not json")
            #expect(malformed.status == .badRequest)
            #expect(malformed.error["code"] as? String == "invalid_json")
            let list = try await client.call(.post, "/api/repair_requests", raw: "[1, 2]")
            #expect(list.status == .badRequest)
            #expect(list.error["code"] as? String == "invalid_body")
            let big = try await client.call(.post, "/api/repair_requests", raw: "{\"x\": \"" + String(repeating: "x", count: 2 * 1024 * 1024) + "\"}")
            #expect(big.status == .contentTooLarge)
            #expect(big.error["code"] as? String == "too_large")
        }
    }

    // sculpt:part test-dates
    /// Dates and times are checked and kept in UTC.
    @Test("Dates and times are checked and kept in UTC")
    func dateTimes() {
        #expect(Formats.utcDateTime("2024-05-17T09:30:00Z") == "2024-05-17T09:30:00Z")
        #expect(Formats.utcDateTime("2024-05-17T09:30+08:00") == "2024-05-17T01:30:00Z")
        #expect(Formats.utcDateTime("2024-01-01T00:30:00.5-01:00") == "2024-01-01T01:30:00.5Z")
        #expect(Formats.utcDateTime("2024-02-30T09:30:00Z") == nil)
        #expect(Formats.isDate("2024-02-29"))
        #expect(!Formats.isDate("2023-02-29"))
        #expect(Formats.isEmail("a@b.io"))
        #expect(!Formats.isEmail("not-an-email"))
    }
}

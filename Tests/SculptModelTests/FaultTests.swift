import Foundation
import NIOConcurrencyHelpers
import SculptCore
import Testing
@testable import SculptModel

/// What a real server cannot be made to do on demand, against `ScriptedServer`.
@Suite("Faults: rate limits, server errors, cut streams, silence")
struct FaultTests {
    static let hello = ChatRequest(messages: [ChatMessage(.user, "Hello")])

    func client(_ server: ScriptedServer, timeout: Double = 30, retries: Int = 3, key: String? = "sk-fault-test-key-0123456789",
                log: @escaping @Sendable (String) -> Void = { _ in }) -> ChatClient {
        ChatClient(configuration: ModelConfiguration(model: "tiny", baseURL: server.baseURL, apiKey: APIKey(key), timeout: timeout, maxRetries: retries),
                   retry: RetryPolicy(maxRetries: retries, baseDelay: 0.05, maxDelay: 5), log: log)
    }

    @Test func a429WithRetryAfterIsWaitedOutThenSucceeds() async throws {
        let server = try await ScriptedServer { _, i in
            i == 0 ? .send([(Wire.error(429, "Too Many Requests", type: "rate_limit_error", message: "slow down", headers: [("Retry-After", "1")]), 0)], close: true)
                : .send([(Wire.completion("hi"), 0)], close: true)
        }
        defer { Task { await server.stop() } }
        let lines = NIOLockedValueBox<[String]>([])
        let start = Date()
        let answer = try await client(server, log: { l in lines.withLockedValue { $0.append(l) } }).complete(Self.hello)
        #expect(answer.content == "hi" && answer.usage == TokenUsage(prompt: 7, completion: 5))
        #expect(Date().timeIntervalSince(start) >= 1.0, "Retry-After: 1 was honoured")
        #expect(server.requests.count == 2)
        #expect(lines.withLockedValue { $0 }.contains { $0.contains("rate-limited") && $0.contains("retrying in 1.") })
    }

    @Test func rateLimitsPastTheBudgetNameTheSetting() async throws {
        let server = try await ScriptedServer { _, _ in
            .send([(Wire.error(429, "Too Many Requests", type: "rate_limit_error", message: "slow down"), 0)], close: true)
        }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: ModelError.self) { try await client(server, retries: 2).complete(Self.hello) }
        #expect(error?.kind == .rateLimited && error?.message.contains("after 3 attempts") == true)
        #expect(error?.message.contains("SCULPT_MODEL_RETRIES") == true)
        #expect(server.requests.count == 3)
    }

    @Test func aRetryAfterBeyondTheLimitFailsAtOnce() async throws {
        let server = try await ScriptedServer { _, _ in
            .send([(Wire.error(429, "Too Many Requests", type: "rate_limit_error", message: "later", headers: [("Retry-After", "3600")]), 0)], close: true)
        }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: ModelError.self) { try await client(server).complete(Self.hello) }
        #expect(error?.kind == .rateLimited && error?.message.contains("3600 s") == true)
        #expect(server.requests.count == 1)
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        let flaky = try await ScriptedServer { _, i in
            i < 2 ? .send([(Wire.error(500, "Internal Server Error", type: "server_error", message: "boom"), 0)], close: true)
                : .send([(Wire.completion("ok"), 0)], close: true)
        }
        defer { Task { await flaky.stop() } }
        #expect(try await client(flaky).complete(Self.hello).content == "ok")
        #expect(flaky.requests.count == 3)

        let broken = try await ScriptedServer { _, _ in
            .send([(Wire.error(503, "Service Unavailable", type: "unavailable_error", message: "Loading model"), 0)], close: true)
        }
        defer { Task { await broken.stop() } }
        let error = await #expect(throws: ModelError.self) { try await client(broken, retries: 1).complete(Self.hello) }
        #expect(error?.kind == .server && error?.status == 503 && error?.message.contains("Loading model") == true)
        #expect(broken.requests.count == 2)
    }

    @Test func aDroppedConnectionIsRetried() async throws {
        let server = try await ScriptedServer { _, i in
            i == 0 ? .send([], close: true) : .send([(Wire.completion("again"), 0)], close: true)
        }
        defer { Task { await server.stop() } }
        #expect(try await client(server).complete(Self.hello).content == "again")
        #expect(server.requests.count == 2)
    }

    @Test func aStreamArrivesWithEveryQuirk() async throws {
        let events = Wire.streamEvents(["Hel", "lo ✓"])
        // Split the bytes at awkward places (inside a line, inside a UTF-8 character).
        let bytes = Wire.streamHead + Wire.event(events[0], events[1]) + events.dropFirst(2).flatMap { Wire.event($0) } + Wire.endOfChunks
        let pieces = stride(from: 0, to: bytes.count, by: 37).map { (bytes: Array(bytes[$0..<min($0 + 37, bytes.count)]), delayMs: 2) }
        let server = try await ScriptedServer { _, _ in .send(pieces, close: true) }
        defer { Task { await server.stop() } }
        let c = client(server)
        var seen: [ChatStreamEvent] = []
        for try await e in c.stream(Self.hello) { seen.append(e) }
        #expect(seen.first == .role("assistant"))
        #expect(seen.compactMap { if case .delta(let s) = $0 { s } else { nil } }.joined() == "Hello ✓")
        #expect(seen.contains(.finished(reason: "stop")) && seen.last == .usage(TokenUsage(prompt: 3, completion: 2)))
        let body = try #require(JSON.parse(server.requests[0].body))
        #expect(body["stream"] == .bool(true) && body["stream_options"]?["include_usage"] == .bool(true))
        #expect(await c.meter.usage == TokenUsage(prompt: 3, completion: 2))
    }

    @Test func aStreamCutMidwayIsReportedAsSuch() async throws {
        let events = Wire.streamEvents(["one ", "two ", "three"])
        let server = try await ScriptedServer { _, _ in
            .send([(Wire.streamHead, 0), (Wire.event(events[0]), 5), (Wire.event(events[1]), 5), (Wire.event(events[2]), 5), ([], 300)], close: true)
        }
        defer { Task { await server.stop() } }
        var text = ""
        let error = await #expect(throws: ModelError.self) {
            for try await e in client(server).stream(Self.hello) { if case .delta(let s) = e { text += s } }
        }
        #expect(error?.kind == .brokenStream && error?.message.contains("cut off") == true)
        #expect(text == "one two ", "what arrived before the cut was delivered, nothing invented")
        #expect(server.requests.count == 1, "a stream that already yielded text is not retried")
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try await ScriptedServer { _, _ in .hang }
        defer { Task { await server.stop() } }
        let start = Date()
        let error = await #expect(throws: ModelError.self) { try await client(server, timeout: 1).complete(Self.hello) }
        #expect(error?.kind == .timeout && error?.message.contains("--model-timeout") == true)
        #expect(Date().timeIntervalSince(start) < 20, "the 1 s timeout ends the wait (generous bound for a loaded machine)")
        // A stream whose head arrived but then stalls is caught by the same watchdog.
        let stalled = try await ScriptedServer { _, _ in .send([(Wire.streamHead, 0), (Wire.event(Wire.streamEvents([])[0]), 0)], close: false) }
        defer { Task { await stalled.stop() } }
        let e2 = await #expect(throws: ModelError.self) { for try await _ in client(stalled, timeout: 1).stream(Self.hello) {} }
        #expect(e2?.kind == .timeout)
    }

    @Test func cancellationStopsAWaitingRequest() async throws {
        let server = try await ScriptedServer { _, _ in .hang }
        defer { Task { await server.stop() } }
        let c = client(server, timeout: 60)
        let task = Task { try await c.complete(Self.hello) }
        try await Task.sleep(nanoseconds: 300_000_000)
        let start = Date()
        task.cancel()
        let result = await task.result
        #expect(Date().timeIntervalSince(start) < 15, "cancelling ends a 60 s wait at once (generous bound for a loaded machine)")
        guard case .failure(let e as ModelError) = result else { Issue.record("not cancelled: \(result)"); return }
        #expect(e.kind == .cancelled)
    }

    @Test func anUnreachableEndpointNamesTheBaseURLSetting() async throws {
        let port = LlamaServers.freePort()
        let c = ChatClient(configuration: ModelConfiguration(model: "m", baseURL: "http://127.0.0.1:\(port)/v1", sources: ["baseURL": SettingSource("SCULPT_BASE_URL")]))
        let start = Date()
        let error = await #expect(throws: ModelError.self) { try await c.complete(Self.hello) }
        #expect(error?.kind == .unreachable && error?.message.contains("--base-url or SCULPT_BASE_URL") == true)
        #expect(error?.message.contains("connection refused") == true, "\(String(describing: error))")
        #expect(Date().timeIntervalSince(start) < 10, "a refused connection is not retried (with retries and backoff it takes longer)")
    }

    @Test func unknownModelsAndWrongPathsAreTold() async throws {
        let server = try await ScriptedServer { req, _ in
            req.path.hasPrefix("/v1/") ? .send([(Wire.response(404, "Not Found", body: #"{"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","code":"model_not_found"}}"#), 0)], close: true)
                : .send([(Wire.response(404, "Not Found", body: "File Not Found"), 0)], close: true)
        }
        defer { Task { await server.stop() } }
        let e1 = await #expect(throws: ModelError.self) { try await client(server).complete(Self.hello) }
        #expect(e1?.kind == .modelNotFound && e1?.message.contains("--model or SCULPT_MODEL") == true)
        let wrong = ChatClient(configuration: ModelConfiguration(model: "m", baseURL: "http://127.0.0.1:\(server.port)"))
        let e2 = await #expect(throws: ModelError.self) { try await wrong.complete(Self.hello) }
        #expect(e2?.kind == .endpointNotFound && e2?.message.contains("--base-url") == true)
    }

    @Test func aRefusedSchemaFallsBackToJSONObject() async throws {
        let server = try await ScriptedServer { req, _ in
            req.body.contains("\"json_schema\"")
                ? .send([(Wire.error(400, "Bad Request", type: "invalid_request_error", message: "response_format json_schema is not supported"), 0)], close: true)
                : .send([(Wire.completion(#"{"ok":true}"#), 0)], close: true)
        }
        defer { Task { await server.stop() } }
        let c = client(server)
        let schema = JSON.parse(#"{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"]}"#)!
        let answer = try await c.complete(ChatRequest(messages: [ChatMessage(.user, "Say ok in JSON")], responseFormat: .jsonSchema(name: "ok", schema: schema, strict: true)))
        #expect(answer.content == #"{"ok":true}"# && !c.schemaEnforced)
        let second = try #require(JSON.parse(server.requests[1].body))
        #expect(second["response_format"]?["type"] == .string("json_object"))
        #expect(second["messages"]?.array?.first?["content"]?.string?.contains(#""required":["ok"]"#) == true, "the schema moved into the prompt")
        _ = try await c.complete(ChatRequest(messages: [ChatMessage(.user, "again")], responseFormat: .jsonSchema(name: "ok", schema: schema, strict: true)))
        #expect(server.requests.count == 3, "the refusal is remembered")
    }

    @Test func contextTooLongIsToldAsSuch() async throws {
        let server = try await ScriptedServer { _, _ in
            .send([(Wire.response(400, "Bad Request", body: #"{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":9000,"n_ctx":4096}}"#), 0)], close: true)
        }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: ModelError.self) { try await client(server).complete(Self.hello) }
        #expect(error?.kind == .contextTooLong && error?.message.contains("--model or SCULPT_MODEL") == true)
        #expect(server.requests.count == 1)
    }

    @Test func invalidSpecsGoBackWithTheExactErrorsThenFallBack() async throws {
        let bad = #"{"version":1,"name":"Registration","entities":[{"name":"user","fields":[{"name":"id","type":"string"}]}]}"#
        let server = try await ScriptedServer { _, _ in .send([(Wire.completion(bad), 0)], close: true) }
        defer { Task { await server.stop() } }
        let u = try await ModelUnderstander(client: client(server), maxCorrections: 2)
            .understand("Create a user registration feature: the user enters a username and a password.")
        #expect(u.source == .offlineFallback && u.warnings.contains { $0.contains("used the offline parser") })
        #expect(SpecValidator.problems(in: u.spec).isEmpty)
        #expect(server.requests.count == 3)
        let third = try #require(JSON.parse(server.requests[2].body)?["messages"]?.array)
        let feedback = try #require(third.last?["content"]?.string)
        #expect(feedback.contains("name: 'Registration' is not a lower_snake_case identifier"))
        #expect(feedback.contains("'id' is reserved by the generated code"))
    }

    @Test func aCorrectedSpecIsAcceptedAndCompared() async throws {
        let bad = #"{"version":1,"name":"Registration","entities":[]}"#
        let good = WorkedExamples.all[0].spec.replacingOccurrences(of: #""minLength":3,"maxLength":32"#, with: #""minLength":4,"maxLength":32"#)
        let server = try await ScriptedServer { _, i in .send([(Wire.completion(i == 0 ? bad : good), 0)], close: true) }
        defer { Task { await server.stop() } }
        let u = try await ModelUnderstander(client: client(server)).understand(
            "Create a user registration feature: the user enters a username and a password. If the username already exists, return an error message; otherwise create the new user and return a success message.")
        #expect(u.source == .model(answers: 2))
        #expect(u.differences.contains("accounts.username: minLength 4 from the model, 3 from the parser"))
    }
}

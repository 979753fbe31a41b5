import Foundation
import SculptCore
import Testing
@testable import SculptModel

/// Against a real llama.cpp `llama-server` (see `LlamaServers`): the protocol, streaming, schema
/// enforcement and errors with the tiny random model; understanding with SmolLM2-135M-Instruct.
/// Random weights say nothing meaningful, so answers are judged by shape, never by text.
@Suite("Real llama-server", .serialized)
struct LlamaServerTests {
    @Test(.tinyServer) func aCompletionCarriesTextAndUsage() async throws {
        let server = try #require(LlamaServers.tiny)
        let c = ChatClient(configuration: server.configuration())
        let answer = try await c.complete(ChatRequest(messages: [ChatMessage(.user, "Say hello")], maxTokens: 16))
        #expect(!answer.content.isEmpty)
        #expect((answer.usage?.prompt ?? 0) > 0 && (answer.usage?.completion ?? 0) > 0)
        #expect(["stop", "length"].contains(answer.finishReason ?? ""))
        #expect(await c.meter.requests == 1)
    }

    @Test(.tinyServer) func aStreamStartsWithTheRoleAndEndsWithUsage() async throws {
        let server = try #require(LlamaServers.tiny)
        let c = ChatClient(configuration: server.configuration())
        var events: [ChatStreamEvent] = []
        for try await e in c.stream(ChatRequest(messages: [ChatMessage(.user, "Count")], maxTokens: 12)) { events.append(e) }
        #expect(events.first == .role("assistant"))
        let deltas = events.filter { if case .delta = $0 { true } else { false } }
        #expect(!deltas.isEmpty)
        #expect(events.contains { if case .finished = $0 { true } else { false } })
        guard case .usage(let u)? = events.last else { Issue.record("no usage at the end: \(events.suffix(2))"); return }
        #expect(u.completion == 12 || u.completion == deltas.count)
    }

    @Test(.tinyServer) func theServerEnforcesAJSONSchema() async throws {
        let server = try #require(LlamaServers.tiny)
        let c = ChatClient(configuration: server.configuration())
        let schema = JSON.parse(#"{"type":"object","additionalProperties":false,"required":["ok","color","size"],"properties":{"ok":{"type":"boolean"},"color":{"enum":["red","green","blue"]},"size":{"type":"integer","minimum":1,"maximum":9}}}"#)!
        for seed in 1...3 {
            let answer = try await c.complete(ChatRequest(messages: [ChatMessage(.user, "A color")], maxTokens: 200,
                                                          responseFormat: .jsonSchema(name: "pick", schema: schema, strict: true), seed: seed))
            let json = try #require(JSON.parse(answer.content), "answer \(seed) is JSON: \(answer.content)")
            #expect(["red", "green", "blue"].contains(json["color"]?.string ?? ""))
            if case .bool? = json["ok"] {} else { Issue.record("ok is not a boolean: \(answer.content)") }
        }
        #expect(c.schemaEnforced)
    }

    @Test(.tinyServer) func theAppSpecResponseSchemaIsAccepted() async throws {
        let server = try #require(LlamaServers.tiny)
        let c = ChatClient(configuration: server.configuration())
        let answer = try await c.complete(ChatRequest(messages: [ChatMessage(.user, "A blog")], maxTokens: 64,
                                                      responseFormat: .jsonSchema(name: "appspec", schema: try AppSpecSchema.response(), strict: true)))
        #expect(c.schemaEnforced, "llama-server compiled the derived schema into a grammar")
        #expect(answer.content.hasPrefix("{"))
    }

    /// Sampled (temperature 1) under the response schema, random weights write whatever the grammar
    /// allows; no field they write may carry a constraint the validator refuses on its type. Under
    /// the former one-size field schema, 9 of 59 such answers did (measured with this prompt and seeds).
    @Test(.tinyServer) func theGrammarWritesNoConstraintOffItsFieldType() async throws {
        let server = try #require(LlamaServers.tiny)
        let c = ChatClient(configuration: server.configuration())
        let schema = try AppSpecSchema.response()
        let typeRules = ["length limits apply", "numeric limits apply", "needs allowedValues", "allowedValues need",
                         "boolean cannot be unique", "does not match type", "not a whole number",
                         "give minimum or exclusiveMinimum", "unique field cannot have a default", "takes no unique flag"]
        var fields = 0, offType: [String] = []
        for seed in 1...60 {
            let answer = try await c.complete(ChatRequest(messages: [ChatMessage(.user, "A shop with products, orders and customers")],
                                                          temperature: 1, maxTokens: 1500,
                                                          responseFormat: .jsonSchema(name: "appspec", schema: schema, strict: true), seed: seed))
            guard answer.finishReason == "stop", var json = JSON.parse(answer.content), case .object(var pairs) = json else { continue }
            pairs.append(("requirement", .string("shop")))
            json = .object(pairs)
            guard let spec = try? JSONDecoder().decode(AppSpec.self, from: Data(json.text.utf8)) else { continue }
            fields += spec.entities.reduce(0) { $0 + $1.fields.count } + (spec.accounts.map { $0.fields.count + 1 } ?? 0)
            offType += SpecValidator.problems(in: spec).map(\.description).filter { p in typeRules.contains { p.contains($0) } }
        }
        #expect(fields >= 20, "enough fields written to say something: \(fields)")
        #expect(offType.isEmpty, "\(offType.prefix(5))")
    }

    @Test(.tinyServer) func aWrongKeyIsRefusedWithTheSettingNamed() async throws {
        let server = try #require(LlamaServers.tiny)
        var config = server.configuration(key: "sk-wrong-key-for-sculpt-tests")
        config.sources["apiKey"] = SettingSource("OPENAI_API_KEY")
        let error = await #expect(throws: ModelError.self) {
            try await ChatClient(configuration: config).complete(ChatRequest(messages: [ChatMessage(.user, "hi")], maxTokens: 4))
        }
        #expect(error?.kind == .unauthorized && error?.status == 401)
        #expect(error?.message.contains("SCULPT_API_KEY (now from OPENAI_API_KEY)") == true)
        #expect(error?.message.contains("sk-wrong-key") == false)
    }

    @Test(.tinyServer) func aPromptBeyondTheContextIsToldAsSuch() async throws {
        let server = try #require(LlamaServers.tiny)
        let long = String(repeating: "field ", count: 6000)
        let error = await #expect(throws: ModelError.self) {
            try await ChatClient(configuration: server.configuration()).complete(ChatRequest(messages: [ChatMessage(.user, long)], maxTokens: 4))
        }
        #expect(error?.kind == .contextTooLong, "\(String(describing: error))")
    }

    @Test(.tinyServer) func theTinyModelEndsInAValidSpecEitherWay() async throws {
        let server = try #require(LlamaServers.tiny)
        let c = ChatClient(configuration: server.configuration())
        let u = try await ModelUnderstander(client: c, maxCorrections: 1, maxTokens: 300).understand(
            "Product catalog: each product has a name, a unique SKU and a price (a positive number).")
        #expect(SpecValidator.problems(in: u.spec).isEmpty)
        if u.source == .offlineFallback { #expect(u.warnings.contains { $0.contains("used the offline parser") }) }
        #expect(await c.meter.requests >= 1)
    }

    @Test(.smolLM2Server) func smolLM2UnderstandsTheClassicRequirement() async throws {
        let server = try #require(LlamaServers.smollm2)
        let c = ChatClient(configuration: server.configuration(timeout: 900))
        let start = Date()
        let u = try await ModelUnderstander(client: c).understand(
            "Create a user registration feature: the user enters a username and a password. If the username already exists, return an error message; otherwise create the new user and return a success message.")
        #expect(SpecValidator.problems(in: u.spec).isEmpty)
        let usage = await c.meter.summary()
        print("SmolLM2: \(u.source), \(usage), \(String(format: "%.1f", Date().timeIntervalSince(start))) s; differences: \(u.differences)")
        switch u.source {
        case .model: #expect(u.spec.accounts != nil || !u.spec.entities.isEmpty)
        case .offlineFallback: #expect(u.spec.accounts?.identity.name == "username")
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when a tiny-model llama-server is available; otherwise skips, saying why.
    static var tinyServer: Self { .enabled(if: LlamaServers.tiny != nil, Comment(rawValue: LlamaServers.skipReason)) }
    /// Runs the test when a SmolLM2 llama-server is available; otherwise skips, saying why.
    static var smolLM2Server: Self { .enabled(if: LlamaServers.smollm2 != nil, Comment(rawValue: LlamaServers.skipReason)) }
}

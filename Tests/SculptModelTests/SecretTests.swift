import Foundation
import NIOConcurrencyHelpers
import SculptCore
import Testing
@testable import SculptModel

/// The API key never appears in a log line, an error or a report, even when a server echoes it.
@Suite("The API key stays secret")
struct SecretTests {
    static let key = "sk-proj-SECRETSECRET-0123456789-abcdefghij"

    /// A hostile server: every answer quotes the Authorization header it received.
    static func echoing() async throws -> ScriptedServer {
        try await ScriptedServer { req, i in
            let auth = req.header("Authorization") ?? ""
            switch i % 6 {
            case 0: return .send([(Wire.error(401, "Unauthorized", type: "authentication_error", message: "Invalid key: \(auth)"), 0)], close: true)
            case 1: return .send([(Wire.error(500, "Internal Server Error", type: "server_error", message: "failed for \(auth)"), 0)], close: true)
            case 2: return .send([(Wire.error(429, "Too Many Requests", type: "rate_limit_error", message: "\(auth) is rate-limited"), 0)], close: true)
            case 3: return .send([(Wire.error(400, "Bad Request", type: "invalid_request_error", message: "context length exceeded for \(auth)"), 0)], close: true)
            case 4: return .send([(Wire.streamHead, 0), (Wire.event(#"{"error":{"message":"mid-stream \#(auth)"}}"#), 0)], close: true)
            default: return .send([(Wire.completion(#"{"version":1,"name":"k\#(auth.suffix(10).lowercased())","entities":[]}"#), 0)], close: true)
            }
        }
    }

    @Test func noErrorLogOrReportContainsTheKey() async throws {
        let server = try await Self.echoing()
        defer { Task { await server.stop() } }
        let lines = NIOLockedValueBox<[String]>([])
        let config = ModelConfiguration(model: "m", baseURL: server.baseURL, apiKey: APIKey(Self.key), timeout: 10, maxRetries: 1)
        var texts: [String] = ["\(config)", String(reflecting: config)]
        for _ in 0..<6 {
            let c = ChatClient(configuration: config, retry: RetryPolicy(maxRetries: 1, baseDelay: 0.01, maxDelay: 1),
                               log: { l in lines.withLockedValue { $0.append(l) } })
            do {
                let u = try await ModelUnderstander(client: c, maxCorrections: 0).understand("Product catalog: each product has a name and a price.")
                texts += u.warnings + u.differences + u.report.notes + [SpecCoding.encode(u.spec)]
            } catch {
                texts.append("\(error)")
                texts.append(String(reflecting: error))
            }
            do { for try await _ in c.stream(ChatRequest(messages: [ChatMessage(.user, "x")])) {} } catch { texts.append("\(error)") }
        }
        texts += lines.withLockedValue { $0 }
        #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer " + Self.key }, "the key was sent")
        #expect(texts.count > 12)
        for t in texts { #expect(!t.contains("SECRETSECRET") && !t.contains("0123456789-abcdef"), "leaked: \(t)") }
    }

    @Test func theCommandLineNeverPrintsTheKey() async throws {
        // The sculpt built beside this test bundle, so the binary under test is the current one.
        let here = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [here.appendingPathComponent("sculpt").path, here.deletingLastPathComponent().appendingPathComponent("sculpt").path]
        guard let sculpt = candidates.first(where: FileManager.default.isExecutableFile) else {
            print("skipped: no built sculpt binary (swift build first)"); return
        }
        let server = try await Self.echoing()
        defer { Task { await server.stop() } }
        for i in 0..<4 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: sculpt)
            p.arguments = ["spec", "--model", "m", "--base-url", server.baseURL, "Product catalog: each product has a name and a price."]
            var env = ProcessInfo.processInfo.environment
            env["SCULPT_API_KEY"] = Self.key
            env["SCULPT_MODEL_RETRIES"] = "0"
            env["XDG_CONFIG_HOME"] = "/nonexistent"
            p.environment = env
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile() + err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(!output.contains("SECRETSECRET"), "run \(i) leaked: \(output)")
            #expect(!output.isEmpty)
        }
    }
}

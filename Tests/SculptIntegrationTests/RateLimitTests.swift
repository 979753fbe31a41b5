import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SculptCore
import SculptWorkspace
import Testing

/// The sign-up and login limiter of the generated Python backends (`ratelimit.py`), on the real server
/// each starts in production (`python app.py`): beyond AUTH_RATE_LIMIT attempts a minute from one
/// address the answer is 429 with the contract's JSON error and a Retry-After header; sign-up and
/// login count apart; 0 turns the limit off.
@Suite("Generated sign-up and login rate limit")
struct RateLimitTests {
    @Test("429 with the JSON error and Retry-After beyond the limit; login counted apart; 0 turns it off",
          .enabled(if: PythonEnvironment.available, "python3 is not installed"), arguments: ["flask", "fastapi"])
    func limit(_ backend: String) async throws {
        let spec = try SpecCoding.decode(Data(contentsOf: VerificationFixtures.specs.appendingPathComponent("accounts_en.json")))
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-ratelimit-\(backend)-\(UUID().uuidString.prefix(8))")
        try ProjectWriter(destination: project, force: false).write(try ProjectGenerator(backend: backend).generate(spec))
        defer { try? FileManager.default.removeItem(at: project) }
        let backendDir = project.appendingPathComponent("backend")
        let python = try PythonEnvironment.venv(requirementsIn: backendDir).appendingPathComponent("bin/python").path

        try await Self.withServer(python: python, backend: backendDir, limit: "3") { base in
            for _ in 0..<3 {
                let (status, _, _) = try await Self.post(base + "/api/auth/register", "{}")
                #expect(status == 400)
            }
            let (status, headers, body) = try await Self.post(base + "/api/auth/register", "{}")
            #expect(status == 429, "the 4th sign-up attempt answered \(status)")
            let error = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["error"] as? [String: Any]
            #expect(error?["code"] as? String == "too_many_attempts", "\(String(decoding: body, as: UTF8.self))")
            #expect((error?["message"] as? String)?.isEmpty == false)
            let retry = headers["retry-after"].flatMap { Int($0) }
            #expect(retry.map { (1...60).contains($0) } == true, "Retry-After: \(headers["retry-after"] ?? "missing")")
            // Login has a count of its own.
            let (login, _, _) = try await Self.post(base + "/api/auth/login", "{}")
            #expect(login == 400)
        }
        try await Self.withServer(python: python, backend: backendDir, limit: "0") { base in
            for _ in 0..<12 {
                let (status, _, _) = try await Self.post(base + "/api/auth/register", "{}")
                #expect(status == 400)
            }
        }
    }

    static func withServer(python: String, backend: URL, limit: String, _ body: (String) async throws -> Void) async throws {
        let port = 20_000 + Int.random(in: 0..<20_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = ["app.py"]
        server.currentDirectoryURL = backend
        server.environment = PythonEnvironment.cleanEnvironment([
            "HOST": "127.0.0.1", "PORT": String(port), "DATABASE_URL": "sqlite:///\(backend.path)/limit-\(port).db",
            "SECRET_KEY": UUID().uuidString + UUID().uuidString, "AUTH_RATE_LIMIT": limit,
        ])
        let log = backend.appendingPathComponent("server-\(port).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        server.standardOutput = handle
        server.standardError = handle
        try server.run()
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        var healthy = false
        for _ in 0..<150 where !healthy {
            if let (status, _, _) = try? await get(base + "/health"), status == 200 { healthy = true } else {
                try await Task.sleep(nanoseconds: 200_000_000)
            }
        }
        try #require(healthy, "the server did not start:\n\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        try await body(base)
    }

    static func get(_ url: String) async throws -> (Int, [String: String], Data) {
        try await send(URLRequest(url: URL(string: url)!, timeoutInterval: 5))
    }

    static func post(_ url: String, _ json: String) async throws -> (Int, [String: String], Data) {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.httpBody = Data(json.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        return try await send(request)
    }

    static func send(_ request: URLRequest) async throws -> (Int, [String: String], Data) {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                let http = response as? HTTPURLResponse
                var headers: [String: String] = [:]
                for (k, v) in http?.allHeaderFields ?? [:] { headers[String(describing: k).lowercased()] = String(describing: v) }
                continuation.resume(returning: (http?.statusCode ?? 0, headers, data ?? Data()))
            }.resume()
        }
    }
}

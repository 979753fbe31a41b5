import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SculptCore
import SculptWorkspace
import Testing

/// The Hummingbird target judged by running what it generates: the project builds with the shared
/// build cache (the manifest's own setup commands), its Swift Testing suite passes, and the release
/// server answers /health, a create, a duplicate and an oversized body over real HTTP.
///
/// Building takes minutes the first time on a machine (the dependencies), so the build-and-run test
/// can be skipped with `SCULPT_SKIP_SWIFT_BACKEND=1`; it runs by default.
@Suite("HummingbirdTarget")
struct HummingbirdTargetTests {
    static let fixtures: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/specs")

    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func spec(_ name: String) throws -> AppSpec {
        try SpecCoding.decode(Data(contentsOf: fixtures.appendingPathComponent("\(name).json")))
    }

    static func generate(_ name: String) throws -> URL {
        let files = try ProjectGenerator(backend: "hummingbird").generate(try spec(name))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-hb-\(name)-\(UUID().uuidString)")
        try ProjectWriter(destination: out, force: false).write(files)
        return out
    }

    static var swiftBuilds: Bool {
        ProcessInfo.processInfo.environment["SCULPT_SKIP_SWIFT_BACKEND"] != "1"
    }

    @Test("the same spec gives the same bytes; the package depends only on mirrored versions", arguments: fixtureNames)
    func deterministic(_ name: String) throws {
        let spec = try Self.spec(name)
        let first = try ProjectGenerator(backend: "hummingbird").generate(spec)
        #expect(first == (try ProjectGenerator(backend: "hummingbird").generate(spec)))
        let paths = Set(first.map(\.path))
        for expected in ["backend/Package.swift", "backend/Sources/Server/main.swift", "backend/Sources/App/Application.swift",
                         "backend/Sources/App/Validation.swift", "backend/Tests/AppTests/AppTests.swift", "sculpt.json"] {
            #expect(paths.contains(expected), "\(name): missing \(expected)")
        }
        for e in spec.entities {
            let type = e.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            #expect(paths.contains { $0.hasPrefix("backend/Tests/AppTests/\(type)") }, "\(name): no tests for \(e.name)")
        }
        let package = first.first { $0.path == "backend/Package.swift" }!.contents
        // Every generated project shares one build folder only while these stay the same.
        #expect(package.contains(#"name: "backend""#))
        let mirrored = ["hummingbird\", from: \"2.28.1\"", "hummingbird-auth\", from: \"2.5.0\"", "GRDB.swift\", from: \"7.10.0\"",
                        "swift-crypto\", from: \"4.5.2\"", "swift-log\", from: \"1.16.2\"", "swift-nio\", from: \"2.101.2\""]
        let lines = package.split(separator: "\n").filter { $0.contains(".package(url:") }
        #expect(lines.count == mirrored.count)
        for line in lines { #expect(mirrored.contains { line.contains($0) }, "unexpected dependency: \(line)") }
    }

    @Test("no hard-coded secret, no 0.0.0.0 default, bcrypt and a signed token", arguments: fixtureNames)
    func safeDefaults(_ name: String) throws {
        let files = try ProjectGenerator(backend: "hummingbird").generate(try Self.spec(name))
        for file in files where file.path.hasPrefix("backend/Sources/") {
            #expect(!file.contents.contains("0.0.0.0"), "\(file.path) mentions 0.0.0.0")
            #expect(!file.contents.contains("SECRET_KEY\"] ?? \""), "\(file.path) hard-codes a secret")
            #expect(!file.contents.contains("try!"), "\(file.path) may crash on bad input")
        }
        if try Self.spec(name).accounts != nil {
            #expect(files.contains { $0.path == "backend/Sources/App/Passwords.swift" && $0.contents.contains("Bcrypt.hash") })
        }
    }

    @Test("a generated project builds with the shared cache, passes its own tests, and its release server answers over HTTP",
          .enabled(if: swiftBuilds, "SCULPT_SKIP_SWIFT_BACKEND=1"), .timeLimit(.minutes(40)))
    func buildsTestsAndServes() async throws {
        let project = try Self.generate("products_en")
        defer { try? FileManager.default.removeItem(at: project) }
        let backend = project.appendingPathComponent("backend")
        let manifest = try Manifest.load(from: project)
        let runner = ProcessRunner()
        for step in manifest.setup {
            let r = try runner.run(["sh", "-c", step], in: backend, timeout: 1800)
            try #require(r.status == 0 && !r.timedOut, "setup step failed: \(step)\n\(r.output.suffix(4000))")
        }
        let tests = try runner.run(manifest.test, in: backend, timeout: 600)
        #expect(tests.status == 0 && !tests.timedOut, "the generated tests failed:\n\(tests.output.suffix(6000))")
        #expect(tests.output.contains("passed"), "no test ran:\n\(tests.output.suffix(2000))")

        let port = 20_000 + Int.random(in: 0..<20_000)
        let server = Process()
        server.executableURL = backend.appendingPathComponent(manifest.start[0])
        server.arguments = Array(manifest.start.dropFirst())
        server.currentDirectoryURL = backend
        server.environment = ["HOST": "127.0.0.1", "PORT": String(port), "DATABASE_URL": "sqlite:///\(project.path)/server.db",
                              "SECRET_KEY": "integration-test-key", "PATH": "/usr/bin:/bin"]
        let log = project.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        server.standardOutput = logHandle
        server.standardError = logHandle
        try server.run()
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        var healthy = false
        for _ in 0..<100 where !healthy {
            if let (status, body) = try? await Self.request("GET", base + "/health"), status == 200 {
                #expect(String(decoding: body, as: UTF8.self).contains("\"ok\""))
                healthy = true
            } else {
                try await Task.sleep(nanoseconds: 200_000_000)
            }
        }
        let serverLog = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try #require(healthy, "the server did not become healthy on port \(port):\n\(serverLog)")

        let product = #"{"name": "Lamp", "sku": "LMP-1", "price": 19.5, "stock": 3}"#
        let (created, body) = try await Self.request("POST", base + "/api/products", body: Data(product.utf8))
        #expect(created == 201, "create answered \(created): \(String(decoding: body, as: UTF8.self))")
        let json = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        #expect(json?["sku"] as? String == "LMP-1")
        #expect(json?["id"] is Int)
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("server.db").path))

        let (duplicate, _) = try await Self.request("POST", base + "/api/products", body: Data(product.utf8))
        #expect(duplicate == 409)
        let (wrongType, _) = try await Self.request("POST", base + "/api/products",
                                                    body: Data(#"{"name": "Lamp", "sku": "LMP-2", "price": "cheap", "stock": 3}"#.utf8))
        #expect(wrongType == 400)
        let big = Data(#"{"name": ""#.utf8) + Data(repeating: UInt8(ascii: "x"), count: 3 * 1024 * 1024) + Data(#""}"#.utf8)
        let (tooLarge, errorBody) = try await Self.request("POST", base + "/api/products", body: big)
        #expect(tooLarge == 413)
        #expect(String(decoding: errorBody, as: UTF8.self).contains("\"error\""))
        let (page, html) = try await Self.request("GET", base + "/")
        #expect(page == 200 && String(decoding: html, as: UTF8.self).lowercased().contains("<html"))
    }

    /// One HTTP request; returns the status and the body.
    static func request(_ method: String, _ url: String, body: Data? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: 10)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                continuation.resume(returning: ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
            }.resume()
        }
    }
}

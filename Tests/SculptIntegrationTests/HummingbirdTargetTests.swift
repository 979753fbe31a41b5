import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SculptCore
import SculptWorkspace
import Testing

/// The Hummingbird target's generated package: deterministic, mirrored dependencies only, safe defaults.
/// Building it, running its own tests and serving it over HTTP are in `ReadmePromiseTests` (the
/// README's `swift build`, `swift test`, `swift run server`), skipped with `SCULPT_SKIP_SWIFT_BACKEND=1`.
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
        // Verification shares one build folder between projects only while these stay the same.
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

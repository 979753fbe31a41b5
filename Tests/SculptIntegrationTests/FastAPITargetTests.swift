import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SculptCore
import SculptWorkspace
import Testing

/// The FastAPI target judged by running what it generates: for every fixture spec (and the awkward-names
/// spec of the Flask tests), the generated backend's own pytest suite passes, `ruff check --select F,B,S`
/// is clean, and every clause of the requirement is cited by a test docstring; and the real server
/// (app.py under uvicorn) answers over HTTP with the contract's bodies.
@Suite("FastAPITarget")
struct FastAPITargetTests {
    static var fixtureNames: [String] { FlaskTargetTests.fixtureNames }

    /// Generates the fixture's project into a fresh temporary folder; returns the project folder.
    static func generate(_ name: String) throws -> URL {
        let files = try ProjectGenerator(backend: "fastapi").generate(try FlaskTargetTests.spec(name))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-fastapi-\(name)-\(UUID().uuidString)")
        try ProjectWriter(destination: out, force: false).write(files)
        return out
    }

    @Test("the same spec gives the same bytes; the manifest starts uvicorn through app.py", arguments: fixtureNames)
    func deterministic(_ name: String) throws {
        let spec = try FlaskTargetTests.spec(name)
        let first = try ProjectGenerator(backend: "fastapi").generate(spec)
        let second = try ProjectGenerator(backend: "fastapi").generate(spec)
        #expect(first == second)
        let backend = first.filter { $0.path.hasPrefix("backend/") }.map(\.path)
        for expected in ["backend/app.py", "backend/models.py", "backend/schemas.py", "backend/errors.py",
                         "backend/requirements.txt", "backend/requirements-dev.txt", "backend/pyproject.toml",
                         "backend/tests/conftest.py", "backend/tests/test_app.py"] {
            #expect(backend.contains(expected), "\(name): missing \(expected)")
        }
        let manifest = try #require(first.first { $0.path == "sculpt.json" }).contents
        #expect(manifest.contains("\"framework\" : \"fastapi\""))
        let app = try #require(first.first { $0.path == "backend/app.py" }).contents
        #expect(app.contains("uvicorn.run(\"app:create_app\", factory=True"))
    }

    @Test("no debug mode or reloader, no hard-coded secret, no 0.0.0.0 default, every dependency pinned",
          arguments: fixtureNames)
    func safeDefaults(_ name: String) throws {
        let files = try ProjectGenerator(backend: "fastapi").generate(try FlaskTargetTests.spec(name))
        for file in files where file.path.hasPrefix("backend/") && file.path.hasSuffix(".py") && !file.path.contains("/tests/") {
            #expect(!file.contents.contains("debug=True"), "\(file.path) turns on debug mode")
            #expect(!file.contents.contains("reload=True"), "\(file.path) turns on the reloader")
            #expect(!file.contents.contains("0.0.0.0"), "\(file.path) mentions 0.0.0.0")
            #expect(!file.contents.contains("secret_key=\""), "\(file.path) hard-codes a secret")
        }
        for file in files where file.path.hasPrefix("backend/requirements") {
            for line in file.contents.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("-r ") {
                #expect(line.contains("=="), "\(file.path): \(line) is not pinned")
            }
        }
    }

    @Test("generated backend: its pytest suite passes, ruff is clean, every clause is cited",
          .enabled(if: PythonEnvironment.available, "python3 is not installed"), arguments: fixtureNames)
    func generatedSuitePasses(_ name: String) throws {
        let project = try Self.generate(name)
        defer { try? FileManager.default.removeItem(at: project) }
        let backend = project.appendingPathComponent("backend")
        let python = try PythonEnvironment.venv(requirementsIn: backend).appendingPathComponent("bin/python").path
        let runner = ProcessRunner()
        let env = PythonEnvironment.cleanEnvironment()

        let ruff = try runner.run([python, "-m", "ruff", "check", "--no-cache", "--select", "F,B,S", "."],
                                  in: backend, environment: env, timeout: 120)
        #expect(ruff.status == 0, "\(name): ruff check --select F,B,S found problems:\n\(ruff.output)")

        let pytest = try runner.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error::DeprecationWarning"],
                                    in: backend, environment: env, timeout: 600)
        #expect(pytest.status == 0 && !pytest.timedOut, "\(name): the generated tests failed:\n\(pytest.output.suffix(6000))")
        #expect(pytest.output.contains(" passed"), "\(name): pytest ran no tests:\n\(pytest.output.suffix(2000))")

        let docs = try FlaskTargetTests().testDocstrings(python: python, backend: backend)
        #expect(!docs.isEmpty)
        #expect(docs.allSatisfy { !$0.isEmpty }, "\(name): a generated test has no docstring")
        for clause in try FlaskTargetTests.spec(name).clauses {
            #expect(docs.contains { $0.contains("Requirement: \(clause.text)") },
                    "\(name): no test docstring cites the clause \"\(clause.text)\"")
        }
    }

    @Test("the real server (app.py, uvicorn) answers /health, a create, a conflict, bad input and an oversized body",
          .enabled(if: PythonEnvironment.available, "python3 is not installed"))
    func realServer() async throws {
        let project = try Self.generate("products_en")
        defer { try? FileManager.default.removeItem(at: project) }
        let backend = project.appendingPathComponent("backend")
        let python = try PythonEnvironment.venv(requirementsIn: backend).appendingPathComponent("bin/python").path
        let port = 20_000 + Int.random(in: 0..<20_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = ["app.py"]
        server.currentDirectoryURL = backend
        server.environment = PythonEnvironment.cleanEnvironment([
            "HOST": "127.0.0.1", "PORT": String(port), "DATABASE_URL": "sqlite:///\(project.path)/server.db",
        ])
        let log = project.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        server.standardOutput = logHandle
        server.standardError = logHandle
        try server.run()
        defer {
            // SIGKILL: a child of the test process inherits its blocked signal mask, so SIGTERM stays pending.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        var healthy = false
        for _ in 0..<100 where !healthy {
            if let (status, body) = try? await FlaskTargetTests.request("GET", base + "/health"), status == 200 {
                #expect(String(decoding: body, as: UTF8.self).contains("\"ok\""))
                healthy = true
            } else {
                try await Task.sleep(nanoseconds: 200_000_000)
            }
        }
        let serverLog = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try #require(healthy, "the server did not become healthy on port \(port):\n\(serverLog)")
        #expect((try? String(contentsOf: log, encoding: .utf8))?.contains("Uvicorn running") == true,
                "the server is not uvicorn:\n\(serverLog)")

        let product = #"{"name": "Lamp", "sku": "LMP-1", "price": 19.5, "stock": 3}"#
        let (created, body) = try await FlaskTargetTests.request("POST", base + "/api/products", body: Data(product.utf8))
        #expect(created == 201, "create answered \(created): \(String(decoding: body, as: UTF8.self))")
        let json = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        #expect(json?["sku"] as? String == "LMP-1")
        #expect(json?["id"] is Int)

        let (duplicate, conflict) = try await FlaskTargetTests.request("POST", base + "/api/products", body: Data(product.utf8))
        #expect(duplicate == 409)
        let error = (try JSONSerialization.jsonObject(with: conflict) as? [String: Any])?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "conflict")
        #expect(error?["field"] as? String == "sku")

        // FastAPI's own answer would be a 422 with {"detail": [...]}: the contract's body instead.
        let wrong = #"{"name": "Lamp", "sku": "LMP-2", "price": "cheap", "stock": 3}"#
        let (invalid, invalidBody) = try await FlaskTargetTests.request("POST", base + "/api/products", body: Data(wrong.utf8))
        #expect(invalid == 400)
        let invalidError = (try JSONSerialization.jsonObject(with: invalidBody) as? [String: Any])?["error"] as? [String: Any]
        #expect(invalidError?["field"] as? String == "price")
        #expect(!String(decoding: invalidBody, as: UTF8.self).contains("detail"))

        let big = Data(#"{"name": ""#.utf8) + Data(repeating: UInt8(ascii: "x"), count: 3 * 1024 * 1024) + Data(#""}"#.utf8)
        let (tooLarge, errorBody) = try await FlaskTargetTests.request("POST", base + "/api/products", body: big)
        #expect(tooLarge == 413)
        #expect(String(decoding: errorBody, as: UTF8.self).contains("\"error\""))
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SculptCore
import SculptWorkspace
import Testing

/// The Flask target judged by running what it generates: for every fixture spec, the generated backend's
/// own pytest suite passes, `ruff check --select F,B,S` is clean, and every clause of the requirement is
/// cited by a test docstring; and the real server answers over HTTP.
@Suite("FlaskTarget")
struct FlaskTargetTests {
    static let fixtures: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/specs")

    /// Every fixture spec, plus `awkward_names` (below).
    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted() + ["awkward_names"]
            + requirements.keys.sorted()
    }

    /// Requirements in prose, understood by the offline parser: the whole pipeline, in both languages.
    static let requirements: [String: String] = [
        "requirement_pets_zh": "创建一个宠物领养平台：宠物有名字、品种、年龄（整数，不能为负）、性别（只能是公或母）和是否已领养（默认否）。游客可以浏览宠物列表和详情，登录用户可以发布和编辑宠物信息。",
        "requirement_events_en": "Event management: each event has a name (at most 80 characters), a start time, an end time, a capacity (a whole number greater than 0) and a status that can be draft, published or cancelled (default draft). Anyone can browse events; only signed-in users can create events, and only their own events can be edited or deleted. Events can be searched by name.",
        "requirement_expenses_en": "I need a simple expense tracker. Users register and log in with their email. Each expense has an amount (positive), a category (food, transport or rent), a date and an optional note. Each user sees only their own expenses.",
    ]

    static func spec(_ name: String) throws -> AppSpec {
        if name == "awkward_names" { return try SpecCoding.decode(Data(awkwardNames.utf8)) }
        if let text = requirements[name] { return try RequirementParser().understand(text).spec }
        return try SpecCoding.decode(Data(contentsOf: fixtures.appendingPathComponent("\(name).json")))
    }

    /// Names that break naive code generation: Python keywords and names the generated modules import
    /// (`class`, `date`, `metadata`, `type`, `select`, entities `message`, `response`, `session`), quotes and
    /// backslashes in labels and clauses, enum values holding `%` and `_`, login without a profile, and
    /// clauses with refs the suite has no exact test for (they fall back to a parent's test).
    static let awkwardNames = #"""
    {
      "version": 1, "name": "school", "title": "School \"records\" \\ test", "language": "en",
      "requirement": "Edge cases: keyword and shadowing names.",
      "accounts": {
        "identity": {"name": "email", "label": "E-mail", "type": "email", "required": true, "unique": true},
        "password": {"minLength": 10, "maxLength": 64, "label": "Pass phrase"},
        "fields": [{"name": "phone", "label": "Phone", "type": "string", "unique": true, "minLength": 5, "maxLength": 15},
                   {"name": "age", "label": "Age", "type": "integer", "minimum": 13}],
        "login": true, "profile": false, "tokenHours": 2
      },
      "entities": [
        {"name": "message", "plural": "messages", "label": "Message",
         "fields": [
           {"name": "class", "label": "Class", "type": "string", "required": true, "maxLength": 5},
           {"name": "date", "label": "Date", "type": "date", "required": true, "unique": true},
           {"name": "type", "label": "Type", "type": "enum", "allowedValues": ["a_b", "c%d", "plain"], "default": "plain"},
           {"name": "metadata", "label": "Metadata", "type": "text", "minLength": 2},
           {"name": "score", "label": "Score", "type": "number", "exclusiveMinimum": 0.5, "maximum": 1},
           {"name": "at", "label": "At", "type": "datetime", "unique": true},
           {"name": "count", "label": "Count", "type": "integer", "required": true, "unique": true, "minimum": -3, "maximum": 100000}
         ],
         "operations": ["create", "list", "get", "update", "delete"],
         "searchable": ["class", "type", "metadata"],
         "access": {"read": "signed_in", "write": "owner"}},
        {"name": "response", "plural": "responses", "label": "Response",
         "fields": [{"name": "ok", "label": "OK", "type": "boolean", "required": true}],
         "operations": ["create", "list"],
         "access": {"read": "owner", "write": "owner"}},
        {"name": "session", "plural": "sessions", "label": "Session",
         "fields": [{"name": "select", "label": "Select", "type": "string", "required": true}],
         "operations": ["create", "get", "delete"],
         "access": {"read": "signed_in", "write": "signed_in"}}
      ],
      "clauses": [
        {"text": "a \"quoted\" clause with \\ backslash", "refs": ["entities.message.fields.count.range"]},
        {"text": "positive score", "refs": ["entities.message.fields.score.positive"]},
        {"text": "optional metadata", "refs": ["entities.message.fields.metadata.optional"]},
        {"text": "title clause", "refs": ["title"]},
        {"text": "no refs", "refs": []}
      ]
    }
    """#

    /// Generates the fixture's project into a fresh temporary folder; returns the project folder.
    static func generate(_ name: String) throws -> URL {
        let files = try ProjectGenerator(backend: "flask").generate(try spec(name))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-flask-\(name)-\(UUID().uuidString)")
        try ProjectWriter(destination: out, force: false).write(files)
        return out
    }

    @Test("the same spec gives the same bytes", arguments: fixtureNames)
    func deterministic(_ name: String) throws {
        let spec = try Self.spec(name)
        let first = try ProjectGenerator(backend: "flask").generate(spec)
        let second = try ProjectGenerator(backend: "flask").generate(spec)
        #expect(first == second)
        let backend = first.filter { $0.path.hasPrefix("backend/") }.map(\.path)
        for expected in ["backend/app.py", "backend/models.py", "backend/rules.py", "backend/requirements.txt",
                         "backend/requirements-dev.txt", "backend/pyproject.toml", "backend/tests/conftest.py"] {
            #expect(backend.contains(expected), "\(name): missing \(expected)")
        }
    }

    @Test("no debug mode, no hard-coded secret, no 0.0.0.0 default", arguments: fixtureNames)
    func safeDefaults(_ name: String) throws {
        let files = try ProjectGenerator(backend: "flask").generate(try Self.spec(name))
        for file in files where file.path.hasPrefix("backend/") && file.path.hasSuffix(".py") && !file.path.contains("/tests/") {
            #expect(!file.contents.contains("debug=True"), "\(file.path) turns on debug mode")
            #expect(!file.contents.contains("0.0.0.0"), "\(file.path) mentions 0.0.0.0")
            #expect(!file.contents.contains("SECRET_KEY\"] = \""), "\(file.path) hard-codes a secret")
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

        let pytest = try runner.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], in: backend,
                                    environment: env, timeout: 600)
        #expect(pytest.status == 0 && !pytest.timedOut, "\(name): the generated tests failed:\n\(pytest.output.suffix(6000))")
        #expect(pytest.output.contains(" passed"), "\(name): pytest ran no tests:\n\(pytest.output.suffix(2000))")

        let docs = try testDocstrings(python: python, backend: backend)
        #expect(!docs.isEmpty)
        #expect(docs.allSatisfy { !$0.isEmpty }, "\(name): a generated test has no docstring")
        for clause in try Self.spec(name).clauses {
            #expect(docs.contains { $0.contains("Requirement: \(clause.text)") },
                    "\(name): no test docstring cites the clause \"\(clause.text)\"")
        }
    }

    /// The docstrings of every `test_*` function of the generated suite, read with Python's own parser.
    func testDocstrings(python: String, backend: URL) throws -> [String] {
        let script = """
        import ast, json, pathlib
        docs = []
        for path in sorted(pathlib.Path("tests").glob("test_*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                    docs.append(ast.get_docstring(node) or "")
        print(json.dumps(docs))
        """
        let r = try ProcessRunner().run([python, "-c", script], in: backend, environment: PythonEnvironment.cleanEnvironment(),
                                        timeout: 60)
        guard r.status == 0, let line = r.output.split(separator: "\n").last,
              let docs = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String] else {
            throw PythonEnvironment.Failure(description: "reading docstrings failed:\n\(r.output)")
        }
        return docs
    }

    @Test("the real server (app.py, waitress) answers /health, a create and an oversized body over HTTP",
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

        let (duplicate, _) = try await Self.request("POST", base + "/api/products", body: Data(product.utf8))
        #expect(duplicate == 409)

        let big = Data(#"{"name": ""#.utf8) + Data(repeating: UInt8(ascii: "x"), count: 3 * 1024 * 1024) + Data(#""}"#.utf8)
        let (tooLarge, errorBody) = try await Self.request("POST", base + "/api/products", body: big)
        #expect(tooLarge == 413)
        #expect(String(decoding: errorBody, as: UTF8.self).contains("\"error\""))
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

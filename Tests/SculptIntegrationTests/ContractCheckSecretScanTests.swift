import Foundation
import SculptCore
@testable import SculptWorkspace
import Testing

/// The static scan for secrets and for configuration that must come from the environment: silent
/// on what Sculpt generates, loud on the usual ways a key ends up in code.
@Suite("Secret scan")
struct ContractCheckSecretScanTests {
    @Test("generated projects hold no secret and no hard-wired configuration", arguments: ["flask", "fastapi", "hummingbird"])
    func generatedIsClean(_ backend: String) throws {
        for name in ["library_zh", "shop_en", "register_en"] {
            let spec = try SpecCoding.decode(Data(contentsOf: VerificationFixtures.specs.appendingPathComponent("\(name).json")))
            let ws = try VerificationFixtures.workspace("scan-\(backend)")
            defer { try? FileManager.default.removeItem(at: ws) }
            let project = ws.appendingPathComponent("project")
            try ProjectWriter(destination: project, force: true).write(try ProjectGenerator(backend: backend).generate(spec))
            let found = SecretScan(root: project).scan(project.appendingPathComponent("backend"))
            #expect(found.isEmpty, "\(backend) \(name): \(found)")
            let checks = SecretScan(root: project).checks(backend: project.appendingPathComponent("backend"))
            #expect(checks.map(\.status) == [.passed, .passed])
        }
    }

    @Test("secrets written in code are found, whatever the language", arguments: [
        #"SECRET_KEY = "dev-6f1c2d9a8b7e""#,
        #"    "SECRET_KEY": "flask-insecure-6f1c2d9a8b7e","#,
        #"app.config["SECRET_KEY"] = "s3cr3t-key-value""#,
        #"secret_key=os.environ.get("SECRET_KEY", "dev-key"),"#,
        #"JWT_SECRET: str = "abcdef123456""#,
        #"api_key = 'Zx81kQ0pLm3n'"#,
        #"let secretKey = Array("hb-insecure-6f1c2d9a8b7e".utf8)"#,
        #"key = env["SECRET_KEY"] ?? "fallback-key""#,
        #"SECRET_KEY = os.getenv("SECRET_KEY") or "dev-fallback""#,
        #"ADMIN_PASSWORD = "hunter2hunter2""#,
        "aws = 'AKIAIOSFODNN7EXAMPLE'",
        "-----BEGIN RSA PRIVATE KEY-----",
    ])
    func secretsFound(_ line: String) {
        let found = SecretScan.findings(in: "x = 1\n" + line + "\n", file: "backend/app.py")
        #expect(found.contains { $0.rule == .secretLiteral || $0.rule == .keyMaterial }, "missed: \(line)")
        #expect(found.first?.line == 2)
        // The report never repeats the secret itself.
        #expect(!found.contains { $0.detail.contains("6f1c2d9a8b7e") })
    }

    @Test("configuration that must come from the environment is found", arguments: [
        #"DATABASE_URL = "postgresql://app:hunter2@db.internal:5432/app""#,
        "app.run(host=host, port=port, debug=True)",
        #"app.config["DEBUG"] = True"#,
    ])
    func configurationFound(_ line: String) {
        #expect(SecretScan.findings(in: line, file: "backend/app.py").contains { $0.rule == .configuration }, "missed: \(line)")
    }

    @Test("settings about secrets, environment names and labels are not secrets", arguments: [
        #""SECRET_KEY": os.environ.get("SECRET_KEY", ""),"#,
        #"PASSWORD = Rule("password", "Password", "string", format="password", required=True)"#,
        #""PASSWORD_HASH_METHOD": "scrypt","#,
        #"LOW_COST_HASH_METHOD = "scrypt:1024:8:1""#,
        #"password: str = Field(title="Password", min_length=8)"#,
        #"SIGNING_SALT = "access-token""#,
        #"PASSWORD = Rule("password", "密码", "string", format="password", required=True, min_length=8)"#,
        #"secret_key = os.environ["SECRET_KEY"]"#,
        #"DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{HERE / 'app.db'}""#,
        #"url = "postgresql://{user}:{password}@{host}/db""#,
        #"    # SECRET_KEY = "written-in-a-comment-only""#,
    ])
    func notSecrets(_ line: String) {
        #expect(SecretScan.findings(in: line, file: "backend/config.py").isEmpty, "flagged: \(line)")
    }

    @Test("the project's tests, environments and build folders are not scanned; a .env file is")
    func scannedFiles() throws {
        let ws = try VerificationFixtures.workspace("scan-files")
        defer { try? FileManager.default.removeItem(at: ws) }
        let backend = ws.appendingPathComponent("backend")
        for (path, text) in [("tests/conftest.py", #"SECRET_KEY = "test-key-not-secret""#),
                             (".venv/lib/site.py", #"password = "library-default-pw""#),
                             (".env", "SECRET_KEY=6f1c2d9a8b7e6f1c\n")] {
            let url = backend.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let found = SecretScan(root: ws).scan(backend)
        #expect(found.map(\.file) == ["backend/.env"])
    }
}

import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// Verification catches real faults: copies of generated projects broken on purpose, each reported
/// as the right failed step or check, within its time limit, with no process left behind.
@Suite("Verification catches faults", .serialized)
struct VerificationFaultTests {
    /// Generates `spec`, applies `mutation`, verifies, and checks the time limit and the cleanup.
    func verifyBroken(_ spec: String, health: Double = 20, _ mutation: (URL) throws -> Void) throws -> VerificationReport {
        let ws = try VerificationFixtures.workspace("fault-\(spec)")
        defer { try? FileManager.default.removeItem(at: ws) }
        let project = try VerificationFixtures.project(spec, in: ws)
        try mutation(project)
        let started = Date()
        let report = Verifier(project: project, options: VerificationFixtures.options(health: health, tests: 120)).verify()
        #expect(!report.passed)
        #expect(Date().timeIntervalSince(started) < 150, "verification took \(Date().timeIntervalSince(started)) s")
        #expect(VerificationFixtures.processes(mentioning: project.path).isEmpty, "processes left behind")
        #expect(report.steps.last?.name == "cleanup")
        return report
    }

    func failed(_ r: VerificationReport) -> Set<String> { Set(r.failedChecks.map(\.id)) }

    @Test("a server that answers 200 to a duplicate registration fails the uniqueness checks")
    func duplicateAnswers200() throws {
        let r = try verifyBroken("register_zh") { p in
            try VerificationFixtures.mutate(p, "backend/routes/auth.py",
                replacing: "    ensure_unique(db, User, ACCOUNT_FIELDS, values)\n",
                with: "    try:\n        ensure_unique(db, User, ACCOUNT_FIELDS, values)\n    except Exception:\n        return {\"message\": \"ok\"}, 200\n")
        }
        #expect(failed(r).contains("accounts.identity.unique"), "\(VerificationFixtures.describe(r))")
        let check = try #require(r.checks.first { $0.id == "accounts.identity.unique" })
        #expect(check.response?.status == 200)
        #expect(check.request?.method == "POST")
        #expect(r.clauses.first { $0.text.contains("已经存在") }?.status == "failed")
    }

    @Test("a server that stores the plain password fails the hashing check")
    func plainPassword() throws {
        let r = try verifyBroken("register_zh") { p in
            try VerificationFixtures.mutate(p, "backend/auth.py", replacing: "return generate_password_hash(password, method=current_app.config[\"PASSWORD_HASH_METHOD\"])",
                                            with: "return password")
        }
        #expect(failed(r).contains("accounts.password.hashed"), "\(VerificationFixtures.describe(r))")
        #expect(r.checks.first { $0.id == "accounts.password.hashed" }?.message?.contains("plain text") == true)
    }

    @Test("a server that skips the owner check fails the ownership check")
    func ownerCheckSkipped() throws {
        let r = try verifyBroken("blog_zh") { p in
            try VerificationFixtures.mutate(p, "backend/routes/posts.py", replacing: "if post.owner_id != user.id:", with: "if False:")
        }
        #expect(failed(r).contains("entities.post.access.owner_writes"), "\(VerificationFixtures.describe(r))")
        #expect(r.clauses.first { $0.text.contains("只有作者本人") }?.status == "failed")
    }

    @Test("a project that crashes at import fails to start, with the error in the log tail")
    func crashAtImport() throws {
        let r = try verifyBroken("register_en") { p in
            try VerificationFixtures.mutate(p, "backend/app.py", replacing: "import database\n",
                                            with: "import database\nimport flask_sqlalchemy_that_does_not_exist\n")
        }
        let health = try #require(r.steps.first { $0.name == "health" })
        #expect(health.status == .failed)
        #expect(health.detail.contains("exited"), "\(health.detail)")
        #expect(r.steps.first { $0.name == "tests" }?.status == .failed)
        #expect(r.failure?.step == "tests")
        #expect(r.failure?.logTail?.contains("flask_sqlalchemy_that_does_not_exist") == true)
    }

    @Test("a server that hangs at start fails the health step within the health timeout")
    func hangAtStart() throws {
        let started = Date()
        let r = try verifyBroken("register_en", health: 6) { p in
            try VerificationFixtures.mutate(p, "backend/app.py", replacing: "def main():\n",
                                            with: "def main():\n    import time\n    time.sleep(100000)\n")
        }
        let health = try #require(r.steps.first { $0.name == "health" })
        #expect(health.status == .failed)
        #expect(health.detail.contains("within 6 s"), "\(health.detail)")
        #expect(r.steps.first { $0.name == "tests" }?.status == .passed)
        #expect(Date().timeIntervalSince(started) < 60)
    }
}

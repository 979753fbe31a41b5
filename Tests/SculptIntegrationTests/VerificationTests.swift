import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// Generated projects pass their own verification: tests, contract checks, clean shutdown.
@Suite("Verification of generated projects", .serialized)
struct VerificationTests {
    @Test("a fixture project verifies: every step and every contract check passes", arguments: ["register_zh", "blog_zh", "notes_private_zh", "shop_en"])
    func fixtureProjectPasses(_ name: String) throws {
        let ws = try VerificationFixtures.workspace(name)
        defer { try? FileManager.default.removeItem(at: ws) }
        let project = try VerificationFixtures.project(name, in: ws)
        let report = Verifier(project: project, options: VerificationFixtures.options()).verify()
        #expect(report.passed, "\(VerificationFixtures.describe(report))")
        #expect(report.steps.map(\.name) == ["setup", "compile", "tests", "start", "health", "contract", "stop", "cleanup"])
        #expect(report.checks.count >= 15)
        #expect(report.failedChecks.isEmpty)
        // Every clause of the requirement is proven by at least one check.
        for clause in report.clauses { #expect(!clause.checks.isEmpty, "no check proves: \(clause.text)") }
        #expect(VerificationFixtures.processes(mentioning: project.path).isEmpty)
    }

    @Test("the report names the clause each check proves")
    func clausesMapToChecks() throws {
        let ws = try VerificationFixtures.workspace("clauses")
        defer { try? FileManager.default.removeItem(at: ws) }
        let project = try VerificationFixtures.project("register_zh", in: ws)
        let report = Verifier(project: project, options: VerificationFixtures.options()).verify()
        let unique = try #require(report.clauses.first { $0.text.contains("用户名已经存在") })
        #expect(unique.checks.contains("accounts.identity.unique"))
        #expect(unique.checks.contains("accounts.identity.unique.race"))
        #expect(unique.status == "passed")
        // The JSON report round-trips, as `verification.json` and `--json` give it.
        let decoded = try JSONDecoder().decode(VerificationReport.self, from: report.json())
        #expect(decoded.checks.count == report.checks.count)
    }

    @Test("without bubblewrap it falls back to limits only, says so, and still leaves nothing behind")
    func limitsOnlyFallback() throws {
        let ws = try VerificationFixtures.workspace("fallback")
        defer { try? FileManager.default.removeItem(at: ws) }
        let project = try VerificationFixtures.project("register_en", in: ws)
        var options = VerificationFixtures.options()
        options.sandbox = .limitsOnly(note: "bubblewrap turned off for this test")
        let report = Verifier(project: project, options: options).verify()
        #expect(report.passed, "\(VerificationFixtures.describe(report))")
        #expect(report.sandbox.kind == .limitsOnly)
        #expect(VerificationSummary.text(report, detailed: false).contains("not isolated"))
        #expect(VerificationFixtures.processes(mentioning: project.path).isEmpty)
    }

    @Test("a second verification with the same dependencies reuses the cached environment")
    func environmentIsCached() throws {
        let ws = try VerificationFixtures.workspace("cache")
        defer { try? FileManager.default.removeItem(at: ws) }
        let project = try VerificationFixtures.project("register_zh", in: ws)
        _ = Verifier(project: project, options: VerificationFixtures.options()).verify()
        let again = Verifier(project: project, options: VerificationFixtures.options()).verify()
        let setup = try #require(again.steps.first { $0.name == "setup" })
        #expect(setup.detail.contains("reused"))
        #expect(setup.seconds < 3)
        // The cached environment is run by path: nothing of it lands in the project.
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("backend/.venv").path))
        #expect(ProjectScan.links(in: project).isEmpty)
    }
}

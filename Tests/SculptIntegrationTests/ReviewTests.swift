import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// `sculpt review` judged on real apps: each fixture under `Tests/Fixtures/review/<app>/` is read,
/// set up, started and probed in the sandbox, and its findings compared with its `expected.json`
/// (rules that must be found, rules that must not, rules a probe must have proven with evidence;
/// `clean`: nothing at warning or above).
@Suite("Review of flawed and clean apps")
struct ReviewTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/review")

    struct Expected: Decodable {
        var present: [String]
        var absent: [String]
        var probed: [String]?
        var clean: Bool?
    }

    static func review(_ path: String, run: Bool = true) throws -> (ReviewReport, ReviewRuleCatalog, ReviewTarget) {
        var options = ReviewRunner.Options()
        options.run = run
        return try ReviewRunner(options: options).review(path)
    }

    /// "a|b" is found when either rule is.
    static func found(_ alternatives: String, in report: ReviewReport) -> ReviewFinding? {
        let ids = alternatives.split(separator: "|").map(String.init)
        return report.findings.first { ids.contains($0.rule) }
    }

    @Test("each fixture app gets the findings it should and none it should not",
          arguments: ["classic_register", "flask_notes_sqli", "fastapi_users_flawed", "flask_files_danger", "flask_forms_plain", "flask_good", "fastapi_good"])
    func fixture(_ name: String) throws {
        try #require(PythonEnvironment.available, "python3 is needed")
        let dir = Self.fixtures.appendingPathComponent(name)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: dir.appendingPathComponent("expected.json")))
        let (report, catalog, _) = try Self.review(dir.path)
        let text = ReviewTextRenderer.render(report, catalog: catalog)
        #expect(report.ran, "the app did not run: \(report.notes)")
        for rule in expected.present {
            #expect(Self.found(rule, in: report) != nil, "\(name): \(rule) was not reported\n\(text)")
        }
        for rule in expected.absent {
            #expect(Self.found(rule, in: report) == nil, "\(name): \(rule) was reported\n\(text)")
        }
        for rule in expected.probed ?? [] {
            let f = Self.found(rule, in: report)
            #expect(f.map { [.probe, .both].contains($0.source) && !$0.evidence.isEmpty } == true,
                    "\(name): \(rule) carries no probe evidence\n\(text)")
        }
        if expected.clean == true {
            #expect(report.findings(atLeast: .warning).isEmpty, "\(name) should review clean\n\(text)")
        }
    }

    @Test("the classic registration app: at least 10 of its 11 flaws, with evidence from the probes, and neither trap")
    func classicApp() throws {
        try #require(PythonEnvironment.available, "python3 is needed")
        let (report, catalog, _) = try Self.review(Self.fixtures.appendingPathComponent("classic_register").path)
        let text = ReviewTextRenderer.render(report, catalog: catalog)
        // The issue's eleven flaws, each by the rules that name it.
        let flaws = ["debug-mode", "bind-all-interfaces", "invalid-body-crash|unvalidated-json-body", "missing-field",
                     "duplicate-not-409", "race-duplicate|check-then-insert", "hash-longer-than-column",
                     "missing-body-size-limit|weak-password-accepted", "no-rate-limit", "tables-created-under-main",
                     "hardcoded-database-url"]
        let found = flaws.filter { Self.found($0, in: report) != nil }
        #expect(found.count >= 10, "only \(found.count) of 11: \(found)\n\(text)")
        // The traps: a correct password hash, and CSRF on a cookie-less JSON API.
        #expect(!report.findings.contains { $0.rule == "weak-password-hash" || $0.rule.contains("csrf") || $0.rule == "plaintext-password" })
        // The PostgreSQL run shows the hash that does not fit its column.
        let hash = report.findings.first { $0.rule == "hash-longer-than-column" }
        #expect(hash?.evidence.contains { $0.note?.contains("PostgreSQL") == true } == true, "no PostgreSQL evidence\n\(text)")
        // SARIF of a real review validates.
        try SARIFSchema.validate(SARIFRenderer.render(report, catalog: catalog))
    }

    @Test("SARIF validates against the official 2.1.0 schema, in both languages, with and without evidence",
          arguments: [("flask_notes_sqli", "zh"), ("fastapi_users_flawed", "en")])
    func sarifValidates(_ name: String, _ lang: String) throws {
        var options = ReviewRunner.Options()
        options.run = false
        options.language = ReviewLanguage(rawValue: lang)
        let (report, catalog, target) = try ReviewRunner(options: options).review(Self.fixtures.appendingPathComponent(name).path)
        #expect(!report.findings.isEmpty)
        let sarif = SARIFRenderer.render(report, catalog: catalog, uriPrefix: target.repositoryPrefix())
        try SARIFSchema.validate(sarif)
        // Inside this repository, URIs start at its root.
        #expect(String(decoding: sarif, as: UTF8.self).contains("\"uri\" : \"Tests/Fixtures/review/\(name)/"))
    }

    @Test("--no-run reads the code only and still finds what the code shows")
    func staticOnly() throws {
        let (report, _, _) = try Self.review(Self.fixtures.appendingPathComponent("classic_register/app.py").path, run: false)
        #expect(!report.ran)
        for rule in ["debug-mode", "bind-all-interfaces", "hash-longer-than-column", "tables-created-under-main", "hardcoded-database-url"] {
            #expect(report.findings.contains { $0.rule == rule && $0.source == .static && $0.file == "app.py" })
        }
        #expect(report.findings.allSatisfy { $0.evidence.isEmpty })
    }

    @Test("the reviewed project is never changed: the review works on a copy")
    func originalUntouched() throws {
        try #require(PythonEnvironment.available, "python3 is needed")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-rtest-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("flask_notes_sqli"), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let (report, _, _) = try Self.review(dir.path)
        #expect(report.ran)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == before)
    }

    @Test("a path that is not there, or not Python, gets a one-line error")
    func badInput() {
        #expect(throws: ReviewTarget.Invalid.self) { try ReviewTarget.resolve("/nonexistent/app") }
        #expect(throws: ReviewTarget.Invalid.self) { try ReviewTarget.resolve(#filePath) }
    }

    @Test("an app that cannot start: the review says why and that the runtime checks were skipped, never 'No findings'")
    func appThatCannotStart() throws {
        try #require(PythonEnvironment.available, "python3 is needed")
        let (report, catalog, _) = try Self.review(Self.fixtures.appendingPathComponent("flask_wont_start").path)
        let text = ReviewTextRenderer.render(report, catalog: catalog)
        #expect(!report.ran)
        #expect(report.runProblem?.contains("NOTES_APP_SIGNING_KEY") == true, "\(report.runProblem ?? "no run problem")\n\(text)")
        #expect(text.contains("The app could not be started") && !text.contains("No findings."), "\(text)")
        #expect(report.exitStatus(failOn: .error) == 2)
        // With --no-run nothing was to be started: no problem, and the code is still read.
        let (codeOnly, _, _) = try Self.review(Self.fixtures.appendingPathComponent("flask_wont_start").path, run: false)
        #expect(codeOnly.runProblem == nil && codeOnly.exitStatus(failOn: .error) == 0)
    }

    @Test("a project sculpt new generates reviews with nothing at warning or above (Hummingbird: built and started for real)",
          arguments: ["flask", "fastapi", "hummingbird"])
    func generatedProjectIsClean(_ backend: String) throws {
        try #require(PythonEnvironment.available, "python3 is needed")
        let workspace = try VerificationFixtures.workspace("review-\(backend)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let spec = try SpecCoding.decode(Data(contentsOf: VerificationFixtures.specs.appendingPathComponent("accounts_en.json")))
        let project = workspace.appendingPathComponent("project")
        try ProjectWriter(destination: project, force: true).write(try ProjectGenerator(backend: backend).generate(spec))
        let (report, catalog, _) = try Self.review(project.path)
        let text = ReviewTextRenderer.render(report, catalog: catalog)
        #expect(report.ran, "the project did not run: \(report.runProblem ?? "") \(report.notes)")
        #expect(report.runProblem == nil)
        #expect(!report.routes.isEmpty, "no route was probed\n\(text)")
        #expect(report.findings(atLeast: .warning).isEmpty, "\(backend):\n\(text)")
        if backend != "hummingbird" {
            // The generated limiter is seen by the probes' burst.
            #expect(!report.findings.contains { $0.rule == "no-rate-limit" }, "\(backend):\n\(text)")
        }
    }
}

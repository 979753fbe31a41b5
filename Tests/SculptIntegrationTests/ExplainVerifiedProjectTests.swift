import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// `sculpt explain` on a project that was really verified: generated, written to disk, run in the
/// sandbox with its tests and the contract checks, then read back from the folder. Each clause shows
/// the checks that prove it, with the request the verifier sent and the live server's answer.
@Suite("Explain: a verified project", .serialized)
struct ExplainVerifiedProjectTests {
    @Test("every clause shows its recorded checks with the real request and answer", .enabled(if: PythonEnvironment.available))
    func recordedChecks() throws {
        let ws = try VerificationFixtures.workspace("explain")
        defer { try? FileManager.default.removeItem(at: ws) }
        let project = try VerificationFixtures.project("register_zh", in: ws)
        let report = Verifier(project: project, options: VerificationFixtures.options()).verify()
        #expect(report.passed, "\(VerificationFixtures.describe(report))")
        try report.json().write(to: project.appendingPathComponent("verification.json"))

        #expect(ProjectReader.isSculptProject(project))
        let snapshot = try ProjectReader.snapshot(project)
        #expect(snapshot.backend == "flask")
        #expect(!snapshot.files.keys.contains { $0.contains(".venv/") || $0.contains("__pycache__") }, "environments are not read")
        let builder = try ProjectWalkthroughBuilder(language: .zh)
        let w = builder.build(snapshot)
        #expect(w.verified == true)
        for clause in w.clauses {
            #expect(!clause.checks.isEmpty, "no recorded check for '\(clause.text)'")
            #expect(clause.checks.allSatisfy { $0.passed })
        }
        let unique = try #require(w.clauses.first { $0.text.contains("用户名已经存在") })
        let duplicate = try #require(unique.checks.first { $0.id == "accounts.identity.unique" })
        #expect(duplicate.method == "POST" && duplicate.path?.hasSuffix("/register") == true && duplicate.status == 409)
        #expect(duplicate.requestBody?.contains("username") == true && duplicate.responseBody?.contains("conflict") == true)
        // Every citation holds in the files on disk.
        for cite in w.allCitations {
            let lines = SourceLines.split(try String(contentsOf: project.appendingPathComponent(cite.file), encoding: .utf8))
            #expect(cite.endLine <= lines.count && lines[(cite.startLine - 1)...(cite.endLine - 1)].joined(separator: "\n").contains(cite.symbol))
        }
        let md = MarkdownRenderer(catalog: builder.catalog).render(w)
        #expect(md.contains("→ `409`") && md.contains(builder.catalog.say("md.verified")))
        let html = HTMLRenderer(catalog: builder.catalog).render(w)
        #expect(html.contains("<details><summary>"))
    }
}

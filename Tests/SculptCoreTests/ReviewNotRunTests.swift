import Foundation
import Testing
@testable import SculptCore

/// A review asked to run the app that could not start it must never read as a clean review.
@Suite("Review of an app that could not be started")
struct ReviewNotRunTests {
    static func report(findings: [ReviewFinding] = [], language: ReviewLanguage = .en) -> ReviewReport {
        ReviewReport(tool: "sculpt test", rulesVersion: "1", target: "/tmp/app", language: language, framework: "manifest",
                     ran: false, sandbox: "bubblewrap", seconds: 1, notes: [], routes: [], findings: findings,
                     runProblem: "set-up failed: `swift build` failed (exit status 1)")
    }

    @Test("the text says so first, in both languages, and never 'No findings'")
    func text() {
        let catalog = ReviewRenderingTests.catalog
        let en = ReviewTextRenderer.render(Self.report(), catalog: catalog)
        let lines = en.split(separator: "\n")
        #expect(lines.count > 1 && lines[1].contains("The app could not be started: set-up failed"), "\(en)")
        #expect(en.contains("runtime checks skipped"))
        #expect(!en.contains("No findings."), "\(en)")
        let zh = ReviewTextRenderer.render(Self.report(language: .zh), catalog: catalog)
        #expect(zh.contains("应用无法启动") && !zh.contains("没有发现问题。"), "\(zh)")
    }

    @Test("a clean review that ran still says 'No findings'; one made with --no-run says the app was not run")
    func cleanWording() {
        let catalog = ReviewRenderingTests.catalog
        var ran = Self.report()
        ran.runProblem = nil
        ran.ran = true
        #expect(ReviewTextRenderer.render(ran, catalog: catalog).contains("\nNo findings.\n"))
        var unrun = ran
        unrun.ran = false
        let text = ReviewTextRenderer.render(unrun, catalog: catalog)
        #expect(!text.contains("\nNo findings.\n") && text.contains("the app was not run"), "\(text)")
    }

    @Test("SARIF: an unsuccessful invocation with the reason as an error notification")
    func sarif() throws {
        let data = SARIFRenderer.render(Self.report(), catalog: ReviewRenderingTests.catalog)
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let note = (invocation["toolExecutionNotifications"] as? [[String: Any]])?.first
        #expect(note?["level"] as? String == "error")
        #expect(((note?["message"] as? [String: Any])?["text"] as? String)?.contains("swift build") == true)
        var ran = Self.report()
        ran.runProblem = nil
        let clean = try #require(try JSONSerialization.jsonObject(with: SARIFRenderer.render(ran, catalog: ReviewRenderingTests.catalog)) as? [String: Any])
        let cleanRun = try #require((clean["runs"] as? [[String: Any]])?.first)
        #expect(((cleanRun["invocations"] as? [[String: Any]])?.first?["executionSuccessful"] as? Bool) == true)
    }

    @Test("exit status: 2 when the app could not be started, whatever --fail-on says; else 1 on findings at the level")
    func exitStatus() {
        let finding = ReviewFinding(rule: "no-rate-limit", severity: .note, source: .probe, file: nil, line: nil, column: nil,
                                    snippet: nil, args: [:], evidence: [])
        #expect(Self.report().exitStatus(failOn: nil) == 2)
        #expect(Self.report().exitStatus(failOn: .error) == 2)
        var ran = Self.report(findings: [finding])
        ran.runProblem = nil
        #expect(ran.exitStatus(failOn: .error) == 0)
        #expect(ran.exitStatus(failOn: .note) == 1)
        #expect(ran.exitStatus(failOn: nil) == 0)
    }
}

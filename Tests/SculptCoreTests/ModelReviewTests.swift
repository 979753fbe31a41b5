import Foundation
import Testing
@testable import SculptCore

/// `sculpt review --model`: what is sent to the model, and how its answer becomes remarks that are
/// marked as the model's, never errors, never placed on code that does not exist, never deciding the result.
@Suite("Review: a model's second opinion")
struct ModelReviewTests {
    static let app = ModelReview.Source(path: "app.py", text: "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/u')\ndef u():\n    return str(eval(request.args['x']))\n")

    @Test("the prompt numbers the code's lines and lists what Sculpt already found, in the report's language")
    func prompt() {
        let proven = ReviewFinding(rule: "debug-mode", severity: .error, source: .static, file: "app.py", line: 2, column: nil,
                                   snippet: nil, args: [:], evidence: [], message: "Debug mode is on.")
        let (system, user) = ModelReview.prompt(sources: [Self.app], findings: [proven], language: .zh)
        #expect(system.contains("简体中文") && system.contains("\"findings\""))
        #expect(user.contains("[debug-mode] app.py:2 Debug mode is on."))
        #expect(user.contains("File app.py:\n1: from flask import Flask\n2: app = Flask(__name__)"))
    }

    @Test("the answer becomes model-finding remarks: errors lowered to warnings, unknown files and lines dropped, duplicates once")
    func reading() {
        let answer = """
        Here you go: {"findings": [
          {"file": "app.py", "line": 6, "severity": "error", "title": "eval of a query parameter", "explanation": "runs any code", "fix": "parse the number"},
          {"file": "app.py", "line": 6, "severity": "error", "title": "eval of a query parameter", "explanation": "again"},
          {"file": "other.py", "line": 3, "severity": "note", "title": "a file that is not there"},
          {"file": "app.py", "line": 99, "title": "a line that is not there"},
          {"file": "app.py", "line": 1, "title": "  "}
        ]}
        """
        let found = ModelReview.findings(from: answer, sources: [Self.app])
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.rule == "model-finding" && $0.source == .model && $0.severity != .error && $0.evidence.isEmpty })
        #expect(found[0].file == "app.py" && found[0].line == 6 && found[0].snippet == "return str(eval(request.args['x']))")
        #expect(found[0].message.contains("eval of a query parameter") && found[0].message.contains("parse the number"))
        #expect(found[1].file == nil && found[1].line == nil && found[1].severity == .note)
        #expect(found[2].file == "app.py" && found[2].line == nil)
        #expect(ModelReview.findings(from: "I could not find anything.", sources: [Self.app]).isEmpty)
        #expect(ModelReview.findings(from: #"{"findings": "none"}"#, sources: [Self.app]).isEmpty)
    }

    @Test("remarks are listed apart from proven findings and never decide the exit status")
    func apart() throws {
        let catalog = try ReviewRuleCatalog.standard()
        #expect(catalog.rule("model-finding") != nil)
        let remark = ModelReview.findings(from: #"{"findings": [{"file": "app.py", "line": 6, "title": "eval", "severity": "warning"}]}"#,
                                          sources: [Self.app])
        let report = ReviewReport(tool: "t", rulesVersion: "1", target: "/tmp/app", language: .en, framework: "flask", ran: true,
                                  sandbox: "none", seconds: 1, notes: [], routes: [], findings: remark)
        let text = ReviewTextRenderer.render(report, catalog: catalog)
        #expect(text.contains("No findings.") && text.contains("MODEL REMARKS (1, unproven"), "\(text)")
        #expect(report.exitStatus(failOn: .warning) == 0)
        #expect(String(decoding: SARIFRenderer.render(report, catalog: catalog), as: UTF8.self).contains("\"source\" : \"model\""))
    }

    @Test("code beyond the budget is left out and named")
    func budget() {
        let big = ModelReview.Source(path: "big.py", text: String(repeating: "x = 1\n", count: ModelReview.budget / 6 + 10))
        let (sent, left) = ModelReview.fitting([Self.app, big, Self.app])
        #expect(sent.count == 2 && left == ["big.py"])
    }
}

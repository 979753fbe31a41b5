import Foundation
import Testing
@testable import SculptCore

/// The review's pure parts: the rule catalog, how findings are assembled, and the text and SARIF reports.
@Suite("Review rules and reports")
struct ReviewRenderingTests {
    static let catalog = try! ReviewRuleCatalog.standard()

    static func raw(_ rule: String, file: String? = "app.py", line: Int? = 3, route: String? = "/register",
                    evidence: [ReviewFinding.Evidence]? = nil) -> ReviewAnalysis.RawFinding {
        var args: [String: String] = ["where": "app.run(debug=True)", "url": "sqlite:////tmp/x.db", "kind": "sign-up"]
        if let route { args["route"] = route }
        return ReviewAnalysis.RawFinding(rule: rule, file: file, line: line, column: 5, snippet: "x = 1", args: args,
                                         evidence: evidence, source: nil)
    }

    static let exchange = ReviewFinding.Evidence(
        request: .init(method: "POST", path: "/register", contentType: "application/json", body: "[1, 2]"),
        response: .init(status: 500, contentType: "text/html", body: "<h1>Internal Server Error</h1>", error: nil),
        note: "a JSON array answered 500")

    static func report(language: ReviewLanguage = .en) -> ReviewReport {
        let findings = ReviewFindings.assemble(
            static: [raw("unvalidated-json-body"), raw("debug-mode", line: 9, route: nil), raw("hardcoded-database-url", line: 2, route: nil)],
            probes: [raw("invalid-body-crash", file: nil, line: nil, evidence: [exchange]),
                     raw("no-rate-limit", file: nil, line: nil, evidence: [exchange]),
                     raw("duplicate-not-409", file: nil, line: nil, route: "/other", evidence: [exchange])],
            catalog: catalog, language: language, fallback: (file: "app.py", line: 1))
        return ReviewReport(tool: "sculpt test", rulesVersion: catalog.version, target: "/tmp/app", language: language,
                            framework: "flask", ran: true, sandbox: "bubblewrap", seconds: 1.5, notes: ["a note"],
                            routes: ["POST /register"], findings: findings)
    }

    @Test("every rule has an id, a severity score, and all its texts in both languages")
    func catalogIsComplete() {
        let rules = Self.catalog.rules
        #expect(rules.count >= 20)
        #expect(Set(rules.map(\.id)).count == rules.count)
        for r in rules {
            for text in [r.short, r.full, r.help, r.message] {
                #expect(!text.en.isEmpty && !text.zh.isEmpty, "\(r.id) has an empty text")
                #expect(text.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(r.id)'s zh text is not Chinese")
            }
            let score = Double(r.securitySeverity)
            #expect(score != nil && score! >= 0 && score! <= 10, "\(r.id): security-severity \(r.securitySeverity)")
            if let cwe = r.cwe { #expect(cwe.range(of: #"^CWE-\d+$"#, options: .regularExpression) != nil, "\(r.id): \(cwe)") }
        }
    }

    @Test("a probe's evidence joins the static finding it proves; others get the fallback place; worst first")
    func assembling() {
        let r = Self.report()
        let body = r.findings.filter { $0.rule == "unvalidated-json-body" }
        #expect(body.count == 1)
        #expect(body.first?.source == .both)
        #expect(body.first?.evidence.first?.response?.status == 500)
        #expect(!r.findings.contains { $0.rule == "invalid-body-crash" })
        let dup = r.findings.first { $0.rule == "duplicate-not-409" }
        #expect(dup?.source == .probe && dup?.file == "app.py" && dup?.line == 1)
        #expect(r.findings.first?.severity == .error)
        #expect(r.findings.last?.severity == .note)
        #expect(r.findings.allSatisfy { !$0.message.contains("{") }, "an unfilled placeholder")
        #expect(ReviewFinding.fill("on {route} ({kind})", ["route": "/a"]) == "on /a (…)")
        #expect(r.findings(atLeast: .warning).count == r.findings.count - 1)
        #expect(r.findings(atLeast: .error).map(\.rule) == ["debug-mode"])
    }

    @Test("the text report groups by severity and shows evidence and the fix, in the report's language")
    func textReport() {
        let en = ReviewTextRenderer.render(Self.report(), catalog: Self.catalog)
        let errors = en.range(of: "ERRORS (1)"), warnings = en.range(of: "WARNINGS ("), notes = en.range(of: "NOTES (1)")
        #expect(errors != nil && warnings != nil && notes != nil)
        if let errors, let warnings, let notes {
            #expect(errors.lowerBound < warnings.lowerBound && warnings.lowerBound < notes.lowerBound)
        }
        #expect(en.contains("→ POST /register [application/json] [1, 2]"))
        #expect(en.contains("← 500 [text/html]"))
        #expect(en.contains("fix:"))
        #expect(en.contains("app.py:9"))
        let zh = ReviewTextRenderer.render(Self.report(language: .zh), catalog: Self.catalog)
        #expect(zh.contains("错误") && zh.contains("证据：") && zh.contains("修复："))
        #expect(zh.contains("开启了调试模式"))
    }

    @Test("SARIF has what GitHub code scanning reads: relative URIs, fingerprints, security-severity, help")
    func sarifShape() throws {
        let data = SARIFRenderer.render(Self.report(), catalog: Self.catalog, uriPrefix: "services/my api")
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(doc["version"] as? String == "2.1.0")
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == Self.catalog.rules.count)
        for rule in rules {
            let props = try #require(rule["properties"] as? [String: Any])
            #expect(props["security-severity"] is String)
            #expect(((rule["help"] as? [String: Any])?["markdown"] as? String)?.isEmpty == false)
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == Self.report().findings.count)
        var prints = Set<String>()
        for r in results {
            let loc = try #require((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((loc["artifactLocation"] as? [String: Any])?["uri"] as? String)
            #expect(uri == "services/my%20api/app.py")
            let fp = try #require((r["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"])
            #expect(prints.insert(fp).inserted, "fingerprints must differ")
            #expect(["error", "warning", "note"].contains(r["level"] as? String ?? ""))
        }
        let withEvidence = results.first { ($0["ruleId"] as? String) == "unvalidated-json-body" }
        #expect(((withEvidence?["properties"] as? [String: Any])?["evidence"] as? [Any])?.count == 1)
    }
}

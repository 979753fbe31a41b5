import Foundation
import Testing
@testable import SculptCore
@testable import SculptWorkspace

/// `sculpt explain` on code Sculpt did not write: the classic registration endpoint
/// (`../shared/review/classic_register/app.py`), analysed by the real outline script with the real
/// Python, explained line by line with its pitfalls, and review findings (SARIF) explained, in both
/// languages.
@Suite("Explain: the classic app")
struct ExplainClassicAppTests {
    static let app = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/review/classic_register/app.py")
    static var available: Bool { PythonEnvironment.available && FileManager.default.fileExists(atPath: app.path) }

    /// What Bandit reports on it (B201 debug, B104 bind to all), as SARIF 2.1.0.
    static let sarif = """
    {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "bandit"}}, "results": [
      {"ruleId": "B201", "level": "error", "message": {"text": "A Flask app appears to be run with debug=True"},
       "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app.py"}, "region": {"startLine": 28}}}]},
      {"ruleId": "B104", "level": "warning", "message": {"text": "Possible binding to all interfaces."},
       "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app.py"}, "region": {"startLine": 28}}}]}]}]}
    """

    @Test("every line is explained, with the pitfalls a learner must see, in zh and en", .enabled(if: available, "python3 or ../shared missing"),
          arguments: Language.allCases)
    func everyLine(_ language: Language) throws {
        let outline = try PythonOutliner().outline(Self.app)
        let findings = try ExplainedFindings.decode(Data(Self.sarif.utf8))
        let builder = try OutlineWalkthroughBuilder(language: language)
        let w = builder.build(outline, title: "classic_register", findings: findings)
        let source = SourceLines.split(try String(contentsOf: Self.app, encoding: .utf8))
        // Every non-blank line lies in some note's range, and every note has words.
        for (i, line) in source.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            #expect(w.lines.contains { $0.line <= i + 1 && i + 1 <= $0.endLine }, "line \(i + 1) '\(line)' is not explained")
        }
        for n in w.lines {
            #expect(!n.note.isEmpty && !n.note.contains("{"), "line \(n.line): '\(n.note)'")
            #expect(n.code == source[(n.line - 1)...(n.endLine - 1)].joined(separator: "\n"))
        }
        func caution(_ line: Int) -> String? { w.lines.first { $0.line == line }?.caution }
        #expect(caution(12) != nil, "the 120-character column for a ~160-character hash")
        #expect(caution(16) != nil && caution(17) != nil, "request.json.get without checks")
        #expect(caution(18) != nil, "check-then-insert race")
        #expect(caution(19) != nil && caution(23) != nil, "200 plain text for a failure")
        #expect(caution(22) != nil, "IntegrityError becomes a 500")
        #expect(caution(28) != nil, "debug on 0.0.0.0")
        #expect(caution(5) == nil && caution(1) == nil)
        // The structure: one route, one model, the app.
        #expect(w.layout.first?.parts.map(\.part).sorted() == ["py-app", "py-model", "py-route"])
        let route = try #require(w.layout.first?.parts.first { $0.part == "py-route" })
        #expect(route.symbol == "register" && route.title.contains("/register") && route.what.contains("username"))
        for cite in w.allCitations {
            let text = source[(cite.startLine - 1)...(cite.endLine - 1)].joined(separator: "\n")
            #expect(text.contains(cite.symbol), "\(cite.part) \(cite.startLine)–\(cite.endLine) lacks \(cite.symbol)")
        }
        // Findings are explained from the catalog, not echoed.
        #expect(w.findings.count == 2)
        for f in w.findings { #expect(f.explanation == builder.catalog.findings[f.rule], "\(f.rule)") }
        #expect(!w.glossary.isEmpty && !w.exercises.isEmpty && !w.flow.isEmpty)
        let md = MarkdownRenderer(catalog: builder.catalog).render(w)
        #expect(md.contains("⚠"))
        if language == .zh {
            var prose: [String] = []
            var fence = false
            for l in md.components(separatedBy: "\n") {
                if l.hasPrefix("```") { fence.toggle(); continue }
                if !fence { prose.append(l) }
            }
            let stripped = prose.joined(separator: "\n").replacingOccurrences(of: #"`[^`]*`"#, with: " ", options: .regularExpression)
                .replacingOccurrences(of: #"https?://\S+"#, with: " ", options: .regularExpression)
            let allowed: Set<String> = ["JSON", "HTTP", "HTML", "SQL", "SQLite", "PostgreSQL", "Flask", "Python", "Sculpt", "API", "CSS", "JavaScript"]
            let re = try NSRegularExpression(pattern: "[A-Za-z]{2,}")
            let words = re.matches(in: stripped, range: NSRange(stripped.startIndex..., in: stripped)).compactMap { Range($0.range, in: stripped).map { String(stripped[$0]) } }
            #expect(words.filter { !allowed.contains($0) }.isEmpty, "English in the Chinese walk-through: \(words.filter { !allowed.contains($0) }.prefix(20))")
        }
        let html = HTMLRenderer(catalog: builder.catalog).render(w)
        #expect(html.contains("id=\"\(Anchors.line("app.py", 28))\""))
    }

    @Test("a file that is not Python gives a note, not a crash", .enabled(if: PythonEnvironment.available))
    func syntaxError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("explain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("def broken(:\n    pass\n".utf8).write(to: dir.appendingPathComponent("bad.py"))
        let outline = try PythonOutliner().outline(dir)
        #expect(outline.files.first?.error != nil)
        let w = try OutlineWalkthroughBuilder(language: .en).build(outline, title: "bad")
        #expect(w.lines.first?.note.contains("does not parse") == true)
    }
}

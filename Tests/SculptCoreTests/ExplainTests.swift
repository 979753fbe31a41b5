import Foundation
import Testing
@testable import SculptCore

/// `sculpt explain` on generated projects: every clause points at code and tests, every cited line
/// range exists and holds the symbol it names, every backend file is covered, both languages are
/// complete, and the HTML page is self-contained with links that land.
@Suite("Explain")
struct ExplainTests {
    static let backends = ProjectGenerator.backendNames

    /// Each fixture spec on each backend.
    static var fixtureCases: [(String, String)] {
        Fixtures.specNames.flatMap { name in backends.map { (name, $0) } }
    }

    @Test("markers give line ranges, ids, subjects and symbols")
    func markers() {
        let py = """
        import os

        # sculpt:part route-create post
        @bp.post("")
        def create_post():
            return 1


        # sculpt:part unique-check
        def ensure_unique(db):
            pass
        """
        let parts = PartMarkers.parts(file: "a.py", text: py)
        #expect(parts.count == 2)
        #expect(parts[0].id == "route-create" && parts[0].subjects == ["post"] && parts[0].key == "route-create post")
        #expect(parts[0].markerLine == 3 && parts[0].startLine == 4 && parts[0].endLine == 6)
        #expect(parts[0].symbol == "create_post")
        #expect(parts[1].startLine == 10 && parts[1].endLine == 11 && parts[1].symbol == "ensure_unique")
        let swift = "struct A {\n    // sculpt:part route-get post\n    func get(_ r: Request) {}\n}\n"
        #expect(PartMarkers.parts(file: "A.swift", text: swift).first?.symbol == "get")
        let html = "<body>\n<!-- sculpt:part page-layout -->\n<main id=\"main\">\n</main>\n"
        #expect(PartMarkers.parts(file: "index.html", text: html).first?.symbol == "main")
        let css = "/* look */\n/* sculpt:part page-style */\n:root {\n  --bg: #fff;\n}\n"
        #expect(PartMarkers.parts(file: "styles.css", text: css).first?.symbol == ":root")
        #expect(!PartMarkers.isMarker("# sculpt:partial nope"))
    }

    @Test("the catalogs of both languages have the same keys, and every marked part is described")
    func catalogsComplete() throws {
        let zh = try ExplainCatalog(.zh), en = try ExplainCatalog(.en)
        #expect(Set(zh.parts.keys) == Set(en.parts.keys))
        #expect(Set(zh.text.keys) == Set(en.text.keys))
        #expect(Set(zh.glossary.keys) == Set(en.glossary.keys))
        #expect(Set(zh.lineKinds.keys) == Set(en.lineKinds.keys))
        #expect(Set(zh.findings.keys) == Set(en.findings.keys))
        for (id, kind) in en.lineKinds { #expect((kind.caution == nil) == (zh.lineKinds[id]?.caution == nil), "caution of \(id)") }
        // Every id a template marks has words in both languages.
        let templates = try Resources.url("Templates")
        var ids = Set<String>()
        let walker = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for line in text.components(separatedBy: "\n") {
                if let words = PartMarkers.markWords(line) { ids.insert(words[0]) }
            }
        }
        #expect(ids.count > 60)
        for id in ids.sorted() {
            #expect(en.parts[id] != nil, "en/parts.json lacks \(id)")
            #expect(zh.parts[id] != nil, "zh/parts.json lacks \(id)")
        }
        // Every concept a part names is in the glossary; every sentence refs.json names exists.
        for (id, part) in en.parts {
            for c in part.concepts ?? [] { #expect(en.glossary[c] != nil, "\(id) names unknown concept \(c)") }
        }
        for rule in try RefRules().rules {
            if let say = rule.say { #expect(en.text["understood.\(say)"] != nil, "no sentence understood.\(say)") }
        }
    }

    @Test("every fixture spec on every backend: clauses point at code and tests, ranges hold their symbols, every backend file is covered",
          arguments: fixtureCases.map { "\($0.0)@\($0.1)" })
    func fixture(_ name: String) throws {
        let parts = name.split(separator: "@").map(String.init)
        try Self.checkProject(spec: try Fixtures.spec(parts[0]), backend: parts[1], label: name)
    }

    @Test("every acceptance requirement on every backend", .enabled(if: AcceptanceCases.available, "../shared/acceptance is missing"),
          arguments: AcceptanceCases.names)
    func acceptance(_ name: String) throws {
        let spec = try RequirementParser().understand(try AcceptanceCases.requirement(name)).spec
        for backend in Self.backends { try Self.checkProject(spec: spec, backend: backend, label: "\(name)@\(backend)") }
    }

    @Test("a verification's recorded checks are attached to the clauses they prove")
    func recordedChecks() throws {
        let spec = try Fixtures.spec("register_zh")
        let files = try ProjectGenerator(backend: "flask").generate(spec)
        let clause = spec.clauses[2].text
        let json = """
        {"passed": true, "checks": [{"id": "register.duplicate", "refs": ["accounts.identity.unique"], "clauses": ["\(clause)"],
          "status": "passed", "request": {"method": "POST", "path": "/api/auth/register", "body": "{\\"username\\": \\"a\\"}"},
          "response": {"status": 409, "body": "{\\"error\\": {}}"}}]}
        """
        var project = ProjectSnapshot(generated: files, spec: spec, backend: "flask")
        project.checks = try RecordedChecks.decode(Data(json.utf8))
        let builder = try ProjectWalkthroughBuilder(language: .zh)
        let w = builder.build(project)
        #expect(w.verified == true)
        #expect(w.clauses[2].checks.map(\.id) == ["register.duplicate"])
        #expect(w.clauses[2].checks.first?.status == 409)
        #expect(w.clauses[0].checks.isEmpty)
        let md = MarkdownRenderer(catalog: builder.catalog).render(w)
        #expect(md.contains("`register.duplicate`: `POST /api/auth/register` → `409`"))
        #expect(!MarkdownRenderer(catalog: builder.catalog).render(builder.build(ProjectSnapshot(generated: files, spec: spec, backend: "flask"))).contains("register.duplicate"))
    }

    @Test("the unique clause explains both the check and the database constraint, on every backend", arguments: backends)
    func uniqueWhy(_ backend: String) throws {
        let spec = try Fixtures.spec("register_zh")
        let w = try ProjectWalkthroughBuilder(language: .en).build(ProjectSnapshot(generated: try ProjectGenerator(backend: backend).generate(spec), spec: spec, backend: backend))
        let unique = try #require(w.clauses.first { $0.refs.contains("accounts.identity.unique") })
        #expect(unique.code.contains { $0.part == "unique-commit" && ($0.why.contains("race") || $0.why.contains("racing")) })
        #expect(unique.code.contains { $0.part == "model-account" || $0.symbol == "username" })
        let register = try #require(w.clauses.first { $0.refs == ["accounts.register"] })
        #expect(register.code.contains { $0.part == "password-hash" && $0.why.contains("salt") })
        #expect(register.code.contains { $0.part == "route-register" && $0.why.contains("201") })
    }

    @Test("a model's line-by-line prose is merged into the notes it covers, and a bad answer changes nothing")
    func modelProse() {
        var w = Walkthrough(language: .en, title: "t", backend: "python")
        w.lines = [LineNote(file: "app.py", line: 1, endLine: 1, code: "import os", note: "Imports os."),
                   LineNote(file: "app.py", line: 3, endLine: 4, code: "x = (\n 1)", note: "Stores 1.")]
        let (system, user) = LineProse.prompt(file: "app.py", text: "import os\n\nx = (\n 1)\n", language: .zh)
        #expect(system.contains("JSON") && system.contains("简体中文") && user.contains("3: x = ("))
        let answer = "```json\n{\"lines\": [{\"line\": 1, \"text\": \"Loads the os module.\"}, {\"line\": 4, \"text\": \"Sets x.\"}, {\"line\": 9, \"text\": \"nothing\"}, {\"line\": 3, \"text\": \" \"}]}\n```"
        #expect(LineProse.merge(answer, file: "app.py", into: &w) == 2)
        #expect(w.lines[0].prose == "Loads the os module." && w.lines[1].prose == "Sets x.")
        var untouched = w
        #expect(LineProse.merge("I cannot help with that.", file: "app.py", into: &untouched) == 0)
        #expect(untouched == w)
    }

    // MARK: - the checks, shared by fixtures and acceptance requirements

    static func checkProject(spec: AppSpec, backend: String, label: String) throws {
        let files = try ProjectGenerator(backend: backend).generate(spec)
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, SourceLines.split($0.contents)) })
        let project = ProjectSnapshot(generated: files, spec: spec, backend: backend)
        for language in Language.allCases {
            let builder = try ProjectWalkthroughBuilder(language: language)
            let w = builder.build(project)
            #expect(w.clauses.count == spec.clauses.count, "\(label)")
            for c in w.clauses {
                #expect(!c.code.isEmpty, "\(label): clause '\(c.text)' points at no code")
                #expect(!c.tests.isEmpty, "\(label): clause '\(c.text)' points at no test")
                #expect(!c.understood.isEmpty, "\(label): clause '\(c.text)' has no reading")
                for t in c.tests { checkRange(t.file, t.startLine, t.endLine, t.name, byPath, label) }
            }
            for cite in w.allCitations {
                checkRange(cite.file, cite.startLine, cite.endLine, cite.symbol, byPath, label)
                #expect(!cite.title.isEmpty && !cite.what.isEmpty, "\(label): part \(cite.part) has no words")
            }
            // Every file of the backend is covered by a part or a test.
            for f in files where f.path.hasPrefix("backend/") {
                let tour = w.layout.first { $0.path == f.path }
                #expect(tour.map { !$0.parts.isEmpty || !$0.tests.isEmpty } == true, "\(label): \(f.path) is not covered")
            }
            #expect(!w.flow.isEmpty && !w.glossary.isEmpty && !w.exercises.isEmpty, "\(label)")
            let md = MarkdownRenderer(catalog: builder.catalog).render(w)
            let html = HTMLRenderer(catalog: builder.catalog).render(w)
            #expect(!md.contains("{") || !md.contains("understood."), "\(label): unfilled sentence")
            checkHTML(html, label: "\(label) \(language)")
            if language == .zh && spec.language == .zh {
                let leftovers = ProseCheck.englishWords(inMarkdown: md, userWords: ProseCheck.words(of: spec))
                #expect(leftovers.isEmpty, "\(label): English in the Chinese walk-through: \(leftovers.prefix(20))")
            }
        }
    }

    static func checkRange(_ file: String, _ start: Int, _ end: Int, _ symbol: String, _ byPath: [String: [String]], _ label: String) {
        guard let lines = byPath[file] else { Issue.record("\(label): cited file \(file) does not exist"); return }
        guard start >= 1, start <= end, end <= lines.count else {
            Issue.record("\(label): \(file) lines \(start)–\(end) outside 1–\(lines.count)"); return
        }
        let text = lines[(start - 1)...(end - 1)].joined(separator: "\n")
        #expect(!symbol.isEmpty && text.contains(symbol), "\(label): \(file) \(start)–\(end) does not contain '\(symbol)'")
    }

    /// One page, nothing from elsewhere, every in-page link lands on an element.
    static func checkHTML(_ html: String, label: String) {
        #expect(html.hasPrefix("<!doctype html>") && html.contains("<meta charset=\"utf-8\">") && html.contains("name=\"viewport\""))
        let external = try! NSRegularExpression(pattern: #"(?:src|href)\s*=\s*"(?!#)[^"]*""#)
        #expect(external.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html)) == 0, "\(label): the page loads something")
        let style = html.components(separatedBy: "<style>").dropFirst().first?.components(separatedBy: "</style>").first ?? ""
        #expect(!style.isEmpty && !style.contains("@import") && !style.contains("url("), "\(label): the style loads something")
        let ids = Set(matches(#"id="([^"]+)""#, html))
        let targets = Set(matches(##"href="#([^"]+)""##, html))
        let missing = targets.subtracting(ids)
        #expect(missing.isEmpty, "\(label): links to missing anchors: \(missing.sorted().prefix(5))")
        #expect(html.contains("class=\"to-code\"") && html.contains("class=\"to-test\"") && html.contains("class=\"to-clause\""), "\(label)")
    }

    static func matches(_ pattern: String, _ s: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { Range($0.range(at: 1), in: s).map { String(s[$0]) } }
    }
}

/// Finds English words in Chinese prose: code (fenced blocks and `inline` spans), paths and the
/// names of technologies are not prose.
enum ProseCheck {
    static let allowed: Set<String> = [
        "JSON", "HTTP", "HTML", "CSS", "JavaScript", "SQL", "SQLite", "PostgreSQL", "OpenAPI", "Sculpt", "Flask", "FastAPI",
        "Hummingbird", "Python", "Swift", "API",
    ]

    /// The words the user's own spec brings (labels, allowed values, the requirement): data the
    /// walk-through quotes, not prose it writes.
    static func words(of spec: AppSpec) -> Set<String> {
        var texts = [spec.title, spec.requirement ?? ""] + spec.clauses.map(\.text)
        for e in spec.entities {
            texts.append(e.label)
            for f in e.fields { texts += [f.label] + (f.allowedValues ?? []) }
        }
        if let a = spec.accounts { texts += a.fields.map(\.label) + [a.password.label] }
        return Set(texts.flatMap { ExplainTests.matches(#"([A-Za-z][A-Za-z]+)"#, $0) })
    }

    static func englishWords(inMarkdown md: String, userWords: Set<String> = []) -> [String] {
        var prose: [String] = []
        var inFence = false
        for line in md.components(separatedBy: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle(); continue }
            if !inFence { prose.append(line) }
        }
        var text = prose.joined(separator: "\n")
        text = text.replacingOccurrences(of: #"`[^`]*`"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"https?://\S+"#, with: " ", options: .regularExpression)
        let words = ExplainTests.matches(#"([A-Za-z][A-Za-z]+)"#, text)
        return words.filter { !allowed.contains($0) && !userWords.contains($0) }
    }
}

/// The requirements of the shared acceptance suite (`../shared/acceptance/cases/*.py`).
enum AcceptanceCases {
    static let folder = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/acceptance/cases")

    static var available: Bool { FileManager.default.fileExists(atPath: folder.path) }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".py") }
            .map { String($0.dropLast(3)) }.sorted()
    }

    /// The `REQUIREMENT = (...)` string of a case: adjacent literals joined, as Python does.
    static func requirement(_ name: String) throws -> String {
        let source = try String(contentsOf: folder.appendingPathComponent("\(name).py"), encoding: .utf8)
        guard let start = source.range(of: "REQUIREMENT = ") else { throw ExplainError.unreadable("\(name): no REQUIREMENT") }
        // The assignment runs to the first blank line; its string literals are joined, as Python does.
        let rest = source[start.upperBound...].components(separatedBy: "\n\n").first ?? ""
        return ExplainTests.matches(#""((?:[^"\\]|\\.)*)""#, rest).joined()
    }
}

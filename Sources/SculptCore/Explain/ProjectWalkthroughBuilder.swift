import Foundation

/// Builds the walk-through of a project Sculpt generated: it finds the `sculpt:part` marks in the
/// files, looks up what the catalog says of each, maps every clause's spec refs to parts and tests
/// (`refs.json`), and adds the verifier's recorded checks. Pure: it reads only the snapshot.
public struct ProjectWalkthroughBuilder: Sendable {
    public let catalog: ExplainCatalog
    let rules: RefRules

    public init(language: Language) throws {
        catalog = try ExplainCatalog(language)
        rules = try RefRules()
    }

    public func build(_ project: ProjectSnapshot) -> Walkthrough {
        let index = PartIndex(project)
        let spec = project.spec
        let backend = project.backend
        var w = Walkthrough(language: catalog.language, title: spec.title, backend: backend, requirement: spec.requirement)
        w.assumptions = Self.assumptions(for: spec)
        w.verified = project.checks?.passed
        let wording = SpecWording(spec: spec, catalog: catalog)

        func cite(_ part: CodePart, narrowTo name: String? = nil) -> Citation {
            let entry = catalog.part(part.id, backend: backend)
            var c = Citation(file: part.file, startLine: part.startLine, endLine: part.endLine, symbol: part.symbol, part: part.id,
                             title: entry?.title ?? part.id, what: entry?.what ?? "", why: entry?.why ?? "")
            if let name, let (line, form) = index.line(in: part, naming: name) {
                c.startLine = line
                c.endLine = line
                c.symbol = form
            }
            return c
        }

        /// Parts for a key such as `route-create post` or `model-entity post|title`.
        func resolve(_ key: String) -> [Citation] {
            let pieces = key.split(separator: "|", maxSplits: 1).map(String.init)
            return index.parts(key: pieces[0]).map { cite($0, narrowTo: pieces.count > 1 ? pieces[1] : nil) }
        }

        func bound(_ b: [String: String]) -> [String: String] {
            var out = b
            if let a = spec.accounts { out["identity"] = a.identity.name }
            return out
        }

        for (n, clause) in spec.clauses.enumerated() {
            var code: [Citation] = []
            var testParts: [TestCitation] = []
            var understood: [String] = []
            for ref in clause.refs.isEmpty ? [""] : clause.refs {
                var codeFound = false, testsFound = false, said = false
                for r in RefRules.lineage(ref) {
                    for (rule, b) in rules.matches(r) {
                        let values = bound(b)
                        if !said, let key = rule.say {
                            understood.append(catalog.say("understood.\(key)", wording.values(b)))
                            said = true
                        }
                        if !codeFound {
                            let found = rule.code.flatMap { resolve(RefRules.fill($0, values)) }
                            code += found
                            codeFound = codeFound || !found.isEmpty
                        }
                        if !testsFound {
                            let found = rule.tests.flatMap { index.parts(key: RefRules.fill($0, values)) }
                                .map { TestCitation(file: $0.file, startLine: $0.startLine, endLine: $0.endLine, name: $0.symbol) }
                            testParts += found
                            testsFound = testsFound || !found.isEmpty
                        }
                    }
                    if codeFound && said && (testsFound || index.hasPythonTests) { break }
                }
            }
            var tests = index.pythonTests.filter { $0.clauses.contains(clause.text) }.map(\.test) + testParts
            if tests.isEmpty, let any = index.pythonTests.first?.test ?? index.parts(id: "test-health").first.map({
                TestCitation(file: $0.file, startLine: $0.startLine, endLine: $0.endLine, name: $0.symbol)
            }) { tests = [any] }
            w.clauses.append(ClauseWalk(number: n + 1, text: clause.text, refs: clause.refs, understood: unique(understood),
                                        code: unique(code), tests: unique(tests),
                                        checks: project.checks?.citations(for: clause.text) ?? []))
        }

        // The tour of every file.
        for path in project.files.keys.sorted() {
            let parts = index.byFile[path] ?? []
            let tests = index.pythonTests.filter { $0.test.file == path }.map(\.test)
            let role: String
            if parts.isEmpty && tests.isEmpty {
                role = catalog.text["file.\(path)"] ?? catalog.say("file.other")
            } else if parts.isEmpty {
                role = catalog.say("file.tests")
            } else {
                role = unique(parts.map { catalog.part($0.id, backend: backend)?.title ?? $0.id }).joined(separator: catalog.say("list.separator"))
            }
            w.layout.append(FileTour(path: path, role: role, parts: parts.map { cite($0) }, tests: tests))
        }

        w.flow = flow(index: index, spec: spec, resolve: resolve)
        w.glossary = glossary(w.layout.flatMap(\.parts), backend: backend)
        w.exercises = ExerciseWriter(catalog: catalog, spec: spec, backend: backend).exercises(resolve: resolve)
        let testFiles = Set(index.pythonTests.map(\.test.file))
        w.sources = project.files.keys.sorted().filter { index.byFile[$0] != nil || testFiles.contains($0) }
            .map { SourceFile(path: $0, text: project.files[$0] ?? "") }
        return w
    }

    /// The assumptions the offline parser made, when the spec is exactly what it reads from the
    /// requirement (a hand-edited or model-made spec has no such record).
    static func assumptions(for spec: AppSpec) -> [String] {
        guard let text = spec.requirement, let u = try? RequirementParser().understand(text), u.spec == spec else { return [] }
        return u.report.assumptions
    }

    func flow(index: PartIndex, spec: AppSpec, resolve: (String) -> [Citation]) -> [FlowStep] {
        let entity = spec.entities.first { $0.supports(.create) }
        let route = entity.map { "route-create \($0.name)" } ?? "route-register"
        let model = entity.map { "model-entity \($0.name)" } ?? "model-account"
        let output = entity.map { "entity-json \($0.name)" } ?? "to-json"
        let steps: [(String, [String])] = [
            ("route", ["routes-registry", route]),
            ("validation", ["read-json", "validate-fields", entity.map { "field-rules \($0.name)" } ?? "field-rules"]),
            ("model", [model]),
            ("database", ["db-session", "unique-commit"]),
            ("answer", [output, "error-shape", "error-handlers"]),
            ("page", ["page-api-calls", "page-form-check", "page-lists"]),
        ]
        let what = entity?.label ?? spec.accounts?.identity.label ?? spec.title
        return steps.compactMap { step, keys in
            let cites = keys.flatMap { resolve($0) }
            guard !cites.isEmpty else { return nil }
            return FlowStep(title: catalog.say("flow.\(step).title"), text: catalog.say("flow.\(step).text", ["thing": what]), citations: cites)
        }
    }

    func glossary(_ citations: [Citation], backend: String) -> [GlossaryEntry] {
        var places: [String: [Citation]] = [:]
        var order: [String] = []
        for c in citations {
            for concept in catalog.part(c.part, backend: backend)?.concepts ?? [] {
                if places[concept] == nil { order.append(concept) }
                if (places[concept]?.count ?? 0) < 3 { places[concept, default: []].append(c) }
            }
        }
        return order.compactMap { id in
            guard let t = catalog.glossary[id] else { return nil }
            return GlossaryEntry(id: id, term: t.term, definition: t.definition, places: places[id] ?? [])
        }.sorted { $0.id < $1.id }
    }
}

/// The project's parts and tests, indexed for lookups.
struct PartIndex {
    var byFile: [String: [CodePart]] = [:]
    var byKey: [String: [CodePart]] = [:]
    var pythonTests: [TestLocator.Found] = []
    let files: [String: String]

    init(_ project: ProjectSnapshot) {
        files = project.files
        for path in project.files.keys.sorted() where Self.explained(path) {
            let parts = PartMarkers.parts(file: path, text: project.files[path] ?? "")
            if !parts.isEmpty { byFile[path] = parts }
            for p in parts { byKey[p.key, default: []].append(p) }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if name.hasPrefix("test_"), name.hasSuffix(".py") {
                pythonTests += TestLocator.pythonTests(file: path, text: project.files[path] ?? "")
            }
        }
    }

    /// Files whose marks are read: the backend and the page, not Sculpt's own JSON and README.
    static func explained(_ path: String) -> Bool { path.hasPrefix("backend/") || path.hasPrefix("frontend/") }

    var hasPythonTests: Bool { !pythonTests.isEmpty }

    func parts(key: String) -> [CodePart] { byKey[key] ?? [] }
    func parts(id: String) -> [CodePart] { byKey.values.flatMap { $0 }.filter { $0.id == id }.sorted { ($0.file, $0.startLine) < ($1.file, $1.startLine) } }

    /// The first line of `part` naming `name` (snake_case or its camelCase form), and the form found.
    func line(in part: CodePart, naming name: String) -> (Int, String)? {
        let lines = SourceLines.split(files[part.file] ?? "")
        let camel = Self.camel(name)
        for n in part.startLine...part.endLine where n - 1 < lines.count {
            for form in Set([name, camel]).sorted() where Self.containsWord(lines[n - 1], form) { return (n, form) }
        }
        return nil
    }

    static func camel(_ s: String) -> String {
        let parts = s.split(separator: "_")
        guard let first = parts.first else { return s }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func containsWord(_ line: String, _ word: String) -> Bool {
        var search = line.startIndex..<line.endIndex
        while let r = line.range(of: word, range: search) {
            let before = r.lowerBound == line.startIndex ? nil : line[line.index(before: r.lowerBound)]
            let after = r.upperBound == line.endIndex ? nil : line[r.upperBound]
            func isWord(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            if !isWord(before) && !isWord(after) { return true }
            search = r.upperBound..<line.endIndex
        }
        return false
    }
}

func unique<T: Equatable>(_ items: [T]) -> [T] {
    var out: [T] = []
    for i in items where !out.contains(i) { out.append(i) }
    return out
}

import Foundation

/// Builds the walk-through of Python code Sculpt did not write (any file, a Flask or FastAPI app)
/// from its static outline: the layout, the routes with what they read and answer, a note on every
/// statement (with the pitfalls a learner should see), a glossary and review findings explained.
public struct OutlineWalkthroughBuilder: Sendable {
    public let catalog: ExplainCatalog

    public init(language: Language) throws { catalog = try ExplainCatalog(language) }

    /// The concepts each note kind shows, for the glossary.
    static let concepts: [String: [String]] = [
        "route": ["route", "http-method"], "route-function": ["route"], "model": ["orm-model"], "column": ["orm-model"],
        "column-nullable": ["orm-model"], "column-primary": ["primary-key"], "column-unique": ["unique-constraint"],
        "column-short-hash": ["hash-salt"], "model-new-hashed": ["hash-salt"], "hash": ["hash-salt"],
        "session-commit": ["transaction"], "session-commit-unguarded": ["transaction", "race-condition"],
        "if-exists": ["race-condition"], "return-text": ["status-code"], "return-json": ["status-code", "json"],
        "return-text-status": ["status-code"], "return-json-status": ["status-code", "json"], "read-json": ["json", "validation"],
        "create-all": ["migration"], "run-debug": ["debug-mode"], "run-debug-all": ["debug-mode"], "config-db": ["database-url"],
    ]

    public func build(_ outline: PythonOutline, title: String, findings: [ExplainedFinding] = []) -> Walkthrough {
        var w = Walkthrough(language: catalog.language, title: title, backend: "python")
        func say(_ k: String, _ v: [String: String] = [:]) -> String { catalog.say(k, v) }
        let sep = say("list.separator")
        var places: [String: [Citation]] = [:]
        var order: [String] = []

        for file in outline.files {
            let lines = SourceLines.split(file.text)
            func code(_ a: Int, _ b: Int) -> String {
                guard a >= 1, a <= b, b <= lines.count else { return "" }
                return lines[(a - 1)...(b - 1)].joined(separator: "\n")
            }
            var parts: [Citation] = []
            if let error = file.error {
                w.lines.append(LineNote(file: file.path, line: 1, endLine: 1, code: code(1, 1), note: say("outline.syntaxError", ["error": error]), caution: nil))
            }
            for app in file.apps {
                parts.append(Citation(file: file.path, startLine: app.line, endLine: app.line, symbol: app.name, part: "py-app",
                                      title: say("outline.app.title", ["framework": app.framework]), what: say("outline.app.what", ["name": app.name]), why: ""))
            }
            for m in file.models {
                let cols = m.columns.map { $0.name }.joined(separator: sep)
                parts.append(Citation(file: file.path, startLine: m.line, endLine: m.end, symbol: m.name, part: "py-model",
                                      title: say("outline.model.title", ["name": m.name]), what: say("outline.model.what", ["columns": cols]),
                                      why: say("outline.model.why")))
            }
            for r in file.routes {
                let reads = r.reads.map { $0.split(separator: ":", maxSplits: 1).last.map(String.init) ?? $0 }.joined(separator: sep)
                let answers = r.answers.map { a in
                    let status = a.status.map(String.init) ?? "200"
                    return a.value.map { say("outline.answer.text", ["status": status, "value": $0]) } ?? say("outline.answer.other", ["status": status])
                }.joined(separator: sep)
                let what = [reads.isEmpty ? nil : say("outline.route.reads", ["reads": reads]),
                            answers.isEmpty ? nil : say("outline.route.answers", ["answers": answers]),
                            r.writes.isEmpty ? nil : say("outline.route.writes", ["models": r.writes.joined(separator: sep)])].compactMap { $0 }.joined(separator: " ")
                parts.append(Citation(file: file.path, startLine: r.line, endLine: r.end, symbol: r.function, part: "py-route",
                                      title: say("outline.route.title", ["methods": r.methods.joined(separator: "/"), "path": r.path]),
                                      what: what, why: say("outline.route.why")))
            }
            for f in file.functions where !f.route {
                parts.append(Citation(file: file.path, startLine: f.line, endLine: f.end, symbol: f.name, part: "py-function",
                                      title: say("outline.function.title", ["name": f.name]), what: "", why: ""))
            }
            parts.sort { $0.startLine < $1.startLine }
            let role = [file.apps.isEmpty ? nil : say("outline.role.app", ["framework": file.apps[0].framework]),
                        file.routes.isEmpty ? nil : say("outline.role.routes", ["n": String(file.routes.count)]),
                        file.models.isEmpty ? nil : say("outline.role.models", ["n": String(file.models.count)])].compactMap { $0 }
            w.layout.append(FileTour(path: file.path, role: role.isEmpty ? say("outline.role.module") : role.joined(separator: sep), parts: parts, tests: []))
            w.sources.append(SourceFile(path: file.path, text: file.text))

            for n in file.notes {
                let kind = catalog.lineKinds[n.kind] ?? catalog.lineKinds["statement"]
                var values = n.values
                values["file"] = file.path
                if values["code"] == nil { values["code"] = MarkdownRenderer.short(code(n.line, n.end), 80) }
                let note = LineNote(file: file.path, line: n.line, endLine: n.end, code: code(n.line, n.end),
                                    note: kind.map { fill($0.note, values) } ?? n.kind, caution: kind?.caution.map { fill($0, values) })
                w.lines.append(note)
                for concept in Self.concepts[n.kind] ?? [] {
                    if places[concept] == nil { order.append(concept) }
                    if (places[concept]?.count ?? 0) < 3 {
                        let symbol = Self.firstWord(note.code)
                        places[concept, default: []].append(Citation(file: file.path, startLine: n.line, endLine: n.end, symbol: symbol,
                                                                      part: "py-line", title: "", what: note.note, why: ""))
                    }
                }
            }

            if w.flow.isEmpty, let r = file.routes.first {
                let cite = { (line: Int, end: Int, symbol: String) in
                    Citation(file: file.path, startLine: line, endLine: end, symbol: symbol, part: "py-line", title: "", what: "", why: "")
                }
                var steps: [FlowStep] = [FlowStep(title: say("flow.route.title"), text: say("outline.flow.route", ["path": r.path]), citations: [cite(r.line, r.line, Self.firstWord(code(r.line, r.line)))])]
                let reads = file.notes.filter { $0.kind.hasPrefix("read-") && $0.line >= r.line && $0.end <= r.end }
                if !reads.isEmpty { steps.append(FlowStep(title: say("flow.validation.title"), text: say("outline.flow.reads"), citations: reads.map { cite($0.line, $0.end, Self.firstWord(code($0.line, $0.end))) })) }
                let writes = file.notes.filter { ($0.kind.hasPrefix("model-new") || $0.kind.hasPrefix("session-") || $0.kind == "if-exists") && $0.line >= r.line && $0.end <= r.end }
                if !writes.isEmpty { steps.append(FlowStep(title: say("flow.database.title"), text: say("outline.flow.database"), citations: writes.map { cite($0.line, $0.end, Self.firstWord(code($0.line, $0.end))) })) }
                let answers = file.notes.filter { $0.kind.hasPrefix("return") && $0.line >= r.line && $0.end <= r.end }
                if !answers.isEmpty { steps.append(FlowStep(title: say("flow.answer.title"), text: say("outline.flow.answer"), citations: answers.map { cite($0.line, $0.end, Self.firstWord(code($0.line, $0.end))) })) }
                w.flow = steps
            }
        }

        w.glossary = order.compactMap { id in
            catalog.glossary[id].map { GlossaryEntry(id: id, term: $0.term, definition: $0.definition, places: places[id] ?? []) }
        }.sorted { $0.id < $1.id }

        w.findings = catalog.explain(findings)

        if let post = outline.files.flatMap(\.routes).first(where: { $0.methods.contains("POST") }) {
            let keys = post.reads.compactMap { $0.hasPrefix("json:") ? String($0.dropFirst(5)) : nil }
            let body = "{" + keys.enumerated().map { "\"\($0.element)\": \"\(["alice", "s3cret-pass"][min($0.offset, 1)])\"" }.joined(separator: ", ") + "}"
            let url = "http://127.0.0.1:5000\(post.path)"
            w.exercises.append(Exercise(title: say("outline.exercise.twice.title"), steps: [say("outline.exercise.twice.step1"), say("outline.exercise.twice.step2")],
                                        command: "curl -i -X POST \(url) -H 'content-type: application/json' -d '\(body)'", citation: nil))
            w.exercises.append(Exercise(title: say("outline.exercise.notjson.title"), steps: [say("outline.exercise.notjson.step1")],
                                        command: "curl -i -X POST \(url) -H 'content-type: application/json' -d 'not json'", citation: nil))
            w.exercises.append(Exercise(title: say("outline.exercise.compare.title"), steps: [say("outline.exercise.compare.step1"), say("outline.exercise.compare.step2")],
                                        command: "sculpt new --from requirement.md --out compare && sculpt explain compare", citation: nil))
        }
        return w
    }

    func fill(_ s: String, _ values: [String: String]) -> String {
        var out = s
        for (k, v) in values { out = out.replacingOccurrences(of: "{\(k)}", with: v) }
        return out
    }

    /// The name a line is about: `User` for `class User(...)`, `register` for `def register():`,
    /// `app.run` for `app.run(...)`; it is always text of the line itself.
    static func firstWord(_ code: String) -> String {
        let words = code.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "@" || $0 == ".") }).map(String.init)
        let keywords: Set<String> = ["class", "def", "async", "if", "elif", "with", "for", "while", "not", "await", "else"]
        if let w = words.first(where: { !keywords.contains($0) }) { return w }
        let t = code.trimmingCharacters(in: .whitespaces)
        return words.first ?? String(t.prefix(20))
    }
}

import Foundation

/// Writes a walk-through as Markdown, for reading in a terminal or an editor (and as `EXPLAIN.md`).
public struct MarkdownRenderer: Sendable {
    public let catalog: ExplainCatalog
    /// Lines of code shown under a citation before the excerpt is cut.
    public var excerptLimit = 24

    public init(catalog: ExplainCatalog) { self.catalog = catalog }

    public func render(_ w: Walkthrough) -> String {
        var out: [String] = []
        let sources = Dictionary(uniqueKeysWithValues: w.sources.map { ($0.path, SourceLines.split($0.text)) })
        func say(_ k: String, _ v: [String: String] = [:]) -> String { catalog.say(k, v) }
        func loc(_ file: String, _ a: Int, _ b: Int) -> String {
            a == b ? say("md.line", ["file": file, "a": String(a)]) : say("md.lines", ["file": file, "a": String(a), "b": String(b)])
        }
        func excerpt(_ c: Citation) -> [String] {
            guard let lines = sources[c.file], c.startLine >= 1, c.endLine <= lines.count else { return [] }
            let last = min(c.endLine, c.startLine + excerptLimit - 1)
            var block = ["```" + CodeLanguage.of(c.file).fence]
            for n in c.startLine...last { block.append(lines[n - 1]) }
            if last < c.endLine { block.append(CodeLanguage.of(c.file).comment(say("md.more", ["n": String(c.endLine - last)]))) }
            block.append("```")
            return block
        }
        func citation(_ c: Citation, withCode: Bool) -> [String] {
            var s = ["- **\(c.title)**: `\(c.symbol)`, \(loc(c.file, c.startLine, c.endLine))"]
            if !c.what.isEmpty { s.append("  \(c.what)") }
            if !c.why.isEmpty { s.append("  *\(say("md.why"))* \(c.why)") }
            if withCode { s += [""] + excerpt(c).map { "  " + $0 } }
            return s
        }

        out.append("# \(say("md.title", ["title": w.backend == "python" ? "`\(w.title)`" : w.title]))")
        out.append("")
        out.append(say("md.intro.\(w.backend == "python" ? "python" : "project")", ["backend": say("backend.\(w.backend)")]))
        if let v = w.verified { out += ["", say(v ? "md.verified" : "md.verifyFailed")] } else if w.backend != "python" { out += ["", say("md.notVerified")] }

        if let r = w.requirement {
            out += ["", "## \(say("md.requirement"))", "", "> \(r)"]
            if !w.assumptions.isEmpty {
                out += ["", say("md.assumptions")]
                out += w.assumptions.map { "- \(Self.codeSpans($0))" }
            }
        }

        if !w.clauses.isEmpty {
            out += ["", "## \(say("md.clauses"))"]
            for c in w.clauses {
                out += ["", "### \(c.number). \(c.text)", ""]
                if !c.understood.isEmpty { out.append("\(say("md.understood")) " + c.understood.joined(separator: say("list.separator"))) }
                out += ["", "**\(say("md.code"))**", ""]
                for cite in c.code { out += citation(cite, withCode: true) }
                out += ["", "**\(say("md.tests"))**", ""]
                out += c.tests.map { "- `\($0.name)`, \(loc($0.file, $0.startLine, $0.endLine))" }
                out += ["", "**\(say("md.checks"))**", ""]
                if c.checks.isEmpty {
                    out.append("- " + say(w.verified == nil ? "md.checks.none" : "md.checks.notCovered"))
                } else {
                    for k in c.checks {
                        var line = "- \(k.passed ? "✓" : "✗") `\(k.id)`"
                        if let m = k.method, let p = k.path { line += ": `\(m) \(p)`" }
                        if let s = k.status { line += " → `\(s)`" }
                        out.append(line)
                        if let b = k.requestBody, !b.isEmpty { out.append("  \(say("md.sent")) `\(Self.short(b))`") }
                        if let b = k.responseBody, !b.isEmpty { out.append("  \(say("md.answered")) `\(Self.short(b))`") }
                    }
                }
            }
        }

        if !w.flow.isEmpty {
            out += ["", "## \(say("md.flow"))", ""]
            for (i, s) in w.flow.enumerated() {
                out.append("\(i + 1). **\(s.title)**: \(s.text)")
                out += s.citations.map { "   - `\($0.symbol)`, \(loc($0.file, $0.startLine, $0.endLine))" }
            }
        }

        if !w.layout.isEmpty {
            out += ["", "## \(say("md.layout"))", ""]
            for f in w.layout {
                out.append("- `\(f.path)`: \(f.role)")
                for p in f.parts {
                    out.append("  - \(loc(f.path, p.startLine, p.endLine)) `\(p.symbol)`: **\(p.title)**. \(p.what)")
                    if !p.why.isEmpty { out.append("    *\(say("md.why"))* \(p.why)") }
                }
                if !f.tests.isEmpty { out.append("  - \(say("md.testsHere", ["n": String(f.tests.count)])) " + f.tests.map { "`\($0.name)`" }.joined(separator: say("list.separator"))) }
            }
        }

        if !w.lines.isEmpty {
            out += ["", "## \(say("md.lines.heading"))"]
            var file = ""
            for n in w.lines {
                if n.file != file { file = n.file; out += ["", "### `\(file)`", ""] }
                let range = n.line == n.endLine ? "\(n.line)" : "\(n.line)–\(n.endLine)"
                out.append("- **\(range)** `\(Self.short(n.code.trimmingCharacters(in: .whitespaces), 90))`: \(n.note)")
                if let c = n.caution { out.append("  ⚠ \(c)") }
                if let p = n.prose { out.append("  \(say("md.model")) \(p)") }
            }
        }

        if !w.findings.isEmpty {
            out += ["", "## \(say("md.findings"))", ""]
            for f in w.findings {
                out.append("- `\(f.rule)` (\(catalog.text["level.\(f.level)"] ?? "`\(f.level)`")), \(loc(f.file, f.line, f.line)): \(f.explanation)")
            }
        }

        if !w.glossary.isEmpty {
            out += ["", "## \(say("md.glossary"))", ""]
            for g in w.glossary {
                let places = g.places.map { "`\($0.symbol)` (\(loc($0.file, $0.startLine, $0.endLine)))" }.joined(separator: say("list.separator"))
                out.append("- **\(g.term)**: \(g.definition)" + (places.isEmpty ? "" : " \(say("md.seenIn")) \(places)"))
            }
        }

        if !w.exercises.isEmpty {
            out += ["", "## \(say("md.exercises"))"]
            for (i, e) in w.exercises.enumerated() {
                out += ["", "### \(i + 1). \(e.title)", ""]
                if let c = e.citation { out.append(say("md.where") + " `\(c.symbol)`, \(loc(c.file, c.startLine, c.endLine))") ; out.append("") }
                out += e.steps.enumerated().map { "\($0.offset + 1). \($0.element)" }
                out += ["", "```sh", e.command, "```"]
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Paths in prose (`/api/auth/me`) set as code, so they read as code in any language.
    static func codeSpans(_ s: String) -> String {
        s.replacingOccurrences(of: #"(?<![`\w])(/[A-Za-z0-9_{}.\-]+(?:/[A-Za-z0-9_{}.\-]+)*)"#, with: "`$1`", options: .regularExpression)
    }

    static func short(_ s: String, _ n: Int = 160) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "`", with: "'")
        return flat.count > n ? String(flat.prefix(n)) + "…" : flat
    }
}

/// What kind of source a file is, for code fences, comments and highlighting.
public enum CodeLanguage: String, Sendable {
    case python, swift, javascript, css, html, toml, text

    public static func of(_ path: String) -> CodeLanguage {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".py") { return .python }
        if name.hasSuffix(".swift") { return .swift }
        if name.hasSuffix(".js") { return .javascript }
        if name.hasSuffix(".css") { return .css }
        if name.hasSuffix(".html") { return .html }
        if name.hasSuffix(".toml") { return .toml }
        return .text
    }

    public var fence: String { self == .text ? "" : rawValue }

    public func comment(_ s: String) -> String {
        switch self {
        case .swift, .javascript: return "// " + s
        case .css: return "/* " + s + " */"
        case .html: return "<!-- " + s + " -->"
        default: return "# " + s
        }
    }
}

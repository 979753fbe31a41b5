import Foundation

/// Writes a walk-through as one self-contained HTML page: no script, font or style sheet from
/// anywhere else; every cited file in full with line numbers and highlighting; links from each
/// clause to its code and tests, and from the code and tests back to the clauses they serve.
/// Plain CSS (`:target`) marks where a link lands, so it works with JavaScript off.
public struct HTMLRenderer: Sendable {
    public let catalog: ExplainCatalog

    public init(catalog: ExplainCatalog) { self.catalog = catalog }

    public func render(_ w: Walkthrough) -> String {
        func say(_ k: String, _ v: [String: String] = [:]) -> String { HTML.inline(catalog.say(k, v)) }
        func e(_ s: String) -> String { HTML.escape(s) }
        /// Prose: escaped, with `code` spans set as code.
        func t(_ s: String) -> String { HTML.inline(s) }
        func loc(_ file: String, _ a: Int, _ b: Int) -> String {
            a == b ? say("md.line", ["file": file, "a": String(a)]) : say("md.lines", ["file": file, "a": String(a), "b": String(b)])
        }
        func codeLink(_ c: Citation) -> String {
            "<a class=\"to-code\" href=\"#\(c.anchor)\"><code>\(e(c.symbol))</code> <span class=\"loc\">\(loc(c.file, c.startLine, c.endLine))</span></a>"
        }
        func testLink(_ t: TestCitation) -> String {
            "<a class=\"to-test\" href=\"#\(t.anchor)\"><code>\(e(t.name))</code> <span class=\"loc\">\(loc(t.file, t.startLine, t.endLine))</span></a>"
        }

        // Back links: which clauses each cited line serves.
        var servesAt: [String: [Int]] = [:]
        for c in w.clauses {
            for cite in c.code where !(servesAt[cite.anchor] ?? []).contains(c.number) { servesAt[cite.anchor, default: []].append(c.number) }
            for t in c.tests where !(servesAt[t.anchor] ?? []).contains(c.number) { servesAt[t.anchor, default: []].append(c.number) }
        }
        var partAt: [String: Citation] = [:]
        for f in w.layout { for p in f.parts { partAt[p.anchor] = p } }
        var cited = Set<String>()
        for c in w.clauses {
            for cite in c.code { for n in cite.startLine...cite.endLine { cited.insert(Anchors.line(cite.file, n)) } }
        }

        var h: [String] = []
        h.append("<!doctype html>")
        h.append("<html lang=\"\(w.language.rawValue)\">")
        h.append("<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        h.append("<title>\(say("md.title", ["title": w.title]))</title>")
        h.append("<style>\(Self.style)</style></head><body>")
        h.append("<header><h1>" + say("md.title", ["title": "\u{1}"]).replacingOccurrences(of: "\u{1}", with: w.backend == "python" ? "<code>\(e(w.title))</code>" : e(w.title)) + "</h1>")
        h.append("<p>\(say("md.intro.\(w.backend == "python" ? "python" : "project")", ["backend": catalog.say("backend.\(w.backend)")]))</p>")
        if let v = w.verified { h.append("<p class=\"\(v ? "ok" : "bad")\">\(say(v ? "md.verified" : "md.verifyFailed"))</p>") }
        h.append("<nav><ul>")
        var toc: [(String, String)] = []
        if w.requirement != nil { toc.append(("requirement", "md.requirement")) }
        if !w.clauses.isEmpty { toc.append(("clauses", "md.clauses")) }
        if !w.flow.isEmpty { toc.append(("flow", "md.flow")) }
        if !w.lines.isEmpty { toc.append(("lines", "md.lines.heading")) }
        if !w.findings.isEmpty { toc.append(("findings", "md.findings")) }
        if !w.glossary.isEmpty { toc.append(("glossary", "md.glossary")) }
        if !w.exercises.isEmpty { toc.append(("exercises", "md.exercises")) }
        toc.append(("layout", "md.layout"))
        toc.append(("code", "html.code"))
        for (id, key) in toc { h.append("<li><a href=\"#\(id)\">\(say(key))</a></li>") }
        h.append("</ul></nav></header><main>")

        if let r = w.requirement {
            h.append("<section id=\"requirement\"><h2>\(say("md.requirement"))</h2><blockquote>\(e(r))</blockquote>")
            if !w.assumptions.isEmpty {
                h.append("<p>\(say("md.assumptions"))</p><ul>" + w.assumptions.map { "<li>\(t(MarkdownRenderer.codeSpans($0)))</li>" }.joined() + "</ul>")
            }
            h.append("</section>")
        }

        if !w.clauses.isEmpty {
            h.append("<section id=\"clauses\"><h2>\(say("md.clauses"))</h2>")
            for c in w.clauses {
                h.append("<article class=\"clause\" id=\"\(c.anchor)\" data-clause=\"\(c.number)\"><h3>\(c.number). \(e(c.text))</h3>")
                if !c.understood.isEmpty { h.append("<p>\(say("md.understood")) \(t(c.understood.joined(separator: catalog.say("list.separator"))))</p>") }
                h.append("<h4>\(say("md.code"))</h4><ul class=\"cites\">")
                for cite in c.code {
                    h.append("<li>\(codeLink(cite)) <strong>\(t(cite.title))</strong><br>\(t(cite.what))"
                             + (cite.why.isEmpty ? "" : "<br><em>\(say("md.why"))</em> \(t(cite.why))") + "</li>")
                }
                h.append("</ul><h4>\(say("md.tests"))</h4><ul class=\"tests\">" + c.tests.map { "<li>\(testLink($0))</li>" }.joined() + "</ul>")
                h.append("<h4>\(say("md.checks"))</h4><ul class=\"checks\">")
                if c.checks.isEmpty { h.append("<li>\(say(w.verified == nil ? "md.checks.none" : "md.checks.notCovered"))</li>") }
                for k in c.checks {
                    var line = "<li><span class=\"\(k.passed ? "ok" : "bad")\">\(k.passed ? "✓" : "✗")</span> <code>\(e(k.id))</code>"
                    if let m = k.method, let p = k.path { line += " <code>\(e(m)) \(e(p))</code>" }
                    if let s = k.status { line += " → <code>\(s)</code>" }
                    if k.requestBody != nil || k.responseBody != nil {
                        line += "<details><summary>\(say("html.exchange"))</summary>"
                        if let b = k.requestBody { line += "<p>\(say("md.sent"))</p><pre>\(e(b))</pre>" }
                        if let b = k.responseBody { line += "<p>\(say("md.answered"))</p><pre>\(e(b))</pre>" }
                        line += "</details>"
                    }
                    h.append(line + "</li>")
                }
                h.append("</ul></article>")
            }
            h.append("</section>")
        }

        if !w.flow.isEmpty {
            h.append("<section id=\"flow\"><h2>\(say("md.flow"))</h2><ol>")
            for s in w.flow {
                h.append("<li><strong>\(t(s.title))</strong>: \(t(s.text))<br>" + s.citations.map(codeLink).joined(separator: " · ") + "</li>")
            }
            h.append("</ol></section>")
        }

        if !w.lines.isEmpty {
            h.append("<section id=\"lines\"><h2>\(say("md.lines.heading"))</h2><ul class=\"notes\">")
            for n in w.lines {
                h.append("<li id=\"note-\(Anchors.line(n.file, n.line))\"><a class=\"to-code\" href=\"#\(Anchors.line(n.file, n.line))\"><span class=\"loc\">\(loc(n.file, n.line, n.endLine))</span></a> <code>\(e(MarkdownRenderer.short(n.code.trimmingCharacters(in: .whitespaces), 90)))</code><br>\(t(n.note))"
                         + (n.caution.map { "<br><span class=\"bad\">⚠ \(t($0))</span>" } ?? "")
                         + (n.prose.map { "<br><span class=\"prose\">\(say("md.model")) \(t($0))</span>" } ?? "") + "</li>")
            }
            h.append("</ul></section>")
        }

        if !w.findings.isEmpty {
            h.append("<section id=\"findings\"><h2>\(say("md.findings"))</h2><ul>")
            for f in w.findings {
                h.append("<li><code>\(e(f.rule))</code> (\(e(catalog.text["level.\(f.level)"] ?? f.level))) <a class=\"to-code\" href=\"#\(Anchors.line(f.file, f.line))\">\(loc(f.file, f.line, f.line))</a>: \(t(f.explanation))</li>")
            }
            h.append("</ul></section>")
        }

        if !w.glossary.isEmpty {
            h.append("<section id=\"glossary\"><h2>\(say("md.glossary"))</h2><dl>")
            for g in w.glossary {
                h.append("<dt id=\"\(g.anchor)\">\(t(g.term))</dt><dd>\(t(g.definition))"
                         + (g.places.isEmpty ? "" : "<br>\(say("md.seenIn")) " + g.places.map(codeLink).joined(separator: " · ")) + "</dd>")
            }
            h.append("</dl></section>")
        }

        if !w.exercises.isEmpty {
            h.append("<section id=\"exercises\"><h2>\(say("md.exercises"))</h2>")
            for (i, x) in w.exercises.enumerated() {
                h.append("<article><h3>\(i + 1). \(t(x.title))</h3>")
                if let c = x.citation { h.append("<p>\(say("md.where")) \(codeLink(c))</p>") }
                h.append("<ol>" + x.steps.map { "<li>\(t($0))</li>" }.joined() + "</ol><pre>\(e(x.command))</pre></article>")
            }
            h.append("</section>")
        }

        h.append("<section id=\"layout\"><h2>\(say("md.layout"))</h2><ul class=\"layout\">")
        let shown = Set(w.sources.map(\.path))
        for f in w.layout {
            let name = shown.contains(f.path) ? "<a href=\"#\(Anchors.file(f.path))\"><code>\(e(f.path))</code></a>" : "<code>\(e(f.path))</code>"
            h.append("<li>\(name): \(t(f.role))</li>")
        }
        h.append("</ul></section>")

        h.append("<section id=\"code\"><h2>\(say("html.code"))</h2>")
        for src in w.sources {
            let lang = CodeLanguage.of(src.path)
            h.append("<section class=\"file\" id=\"\(Anchors.file(src.path))\"><h3><code>\(e(src.path))</code></h3><pre class=\"code\"><code>")
            var rows: [String] = []
            for (i, line) in SourceLines.split(src.text).enumerated() {
                let n = i + 1
                let anchor = Anchors.line(src.path, n)
                var extra = ""
                if let p = partAt[anchor] { extra += "<span class=\"part\" title=\"\(e(p.what))\">\(t(p.title))</span>" }
                if let clauses = servesAt[anchor] {
                    extra += clauses.map { "<a class=\"to-clause\" href=\"#clause-\($0)\">\(say("html.serves", ["n": String($0)]))</a>" }.joined()
                }
                let cls = (cited.contains(anchor) ? "ln cited" : "ln") + (PartMarkers.isMarker(line) ? " mark" : "")
                rows.append("<span class=\"\(cls)\" id=\"\(anchor)\"><a class=\"num\" href=\"#\(anchor)\">\(n)</a>\(CodeHighlighter.line(line, lang))\(extra.isEmpty ? "" : " " + extra)</span>")
            }
            h.append(rows.joined())
            h.append("</code></pre></section>")
        }
        h.append("</section></main></body></html>")
        return h.joined(separator: "\n") + "\n"
    }

    static let style = """
    :root{--bg:#fbfbfc;--fg:#1d2329;--muted:#5b6570;--line:#d9dde3;--accent:#0b5cad;--hit:#fff4c2;--cited:#eef5ff;--ok:#11683a;--bad:#a4161a}
    *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
    header,main{max-width:64rem;margin:0 auto;padding:0 1rem}h1{font-size:1.6rem;margin:1rem 0 .5rem}h2{margin-top:2rem;border-bottom:1px solid var(--line)}
    nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0;list-style:none}a{color:var(--accent)}
    code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;font-size:.9em}
    blockquote{margin:0;padding:.5rem 1rem;border-left:4px solid var(--accent);background:#fff}
    .clause{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.5rem 1rem;margin:1rem 0}
    .clause:target,dt:target{outline:3px solid var(--accent)}.loc{color:var(--muted);font-size:.85em}
    .ok{color:var(--ok)}.bad{color:var(--bad)}ul.cites li,ul.tests li,ul.checks li{margin:.4rem 0;overflow-wrap:anywhere}
    pre{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5rem;max-width:100%}
    pre.code{padding:.5rem 0;line-height:1.45}pre.code .ln{display:block;padding-right:.5rem;white-space:pre}
    .ln.cited{background:var(--cited)}.ln:target{background:var(--hit)}.ln.mark{color:var(--muted)}
    .num{display:inline-block;width:3.2em;padding-right:.6em;text-align:right;color:var(--muted);text-decoration:none;user-select:none}
    .part{margin-left:1em;font-size:.8em;padding:0 .4em;border-radius:4px;background:#e6eefc;color:#123}
    .to-clause{margin-left:.5em;font-size:.8em}.k{color:#8a1f96}.s{color:#0a6b2b}.c{color:#6a737d;font-style:italic}.n{color:#9a4b00}
    .file h3{font-size:1rem;margin:1.5rem 0 .3rem}dt{font-weight:600;margin-top:.6rem}dd{margin-left:1rem}
    @media (max-width:600px){body{font-size:15px}header,main{padding:0 .6rem}.num{width:2.6em}}
    """
}

extension Walkthrough {
    /// The walk-through narrowed to one file (`sculpt explain --file F`): its parts, its lines, and
    /// the clauses it serves with only their citations in that file.
    public func focused(on file: String) -> Walkthrough {
        var w = self
        w.clauses = clauses.compactMap { c in
            var c = c
            c.code = c.code.filter { $0.file == file }
            c.tests = c.tests.filter { $0.file == file }
            return c.code.isEmpty && c.tests.isEmpty ? nil : c
        }
        w.layout = layout.filter { $0.path == file }
        w.flow = flow.compactMap { s in
            var s = s
            s.citations = s.citations.filter { $0.file == file }
            return s.citations.isEmpty ? nil : s
        }
        w.glossary = glossary.compactMap { g in
            var g = g
            g.places = g.places.filter { $0.file == file }
            return g.places.isEmpty ? nil : g
        }
        w.exercises = exercises.filter { $0.citation == nil || $0.citation?.file == file }
        w.lines = lines.filter { $0.file == file }
        w.findings = findings.filter { $0.file == file }
        w.sources = sources.filter { $0.path == file }
        return w
    }

    /// The paths a `--file` may name.
    public var files: [String] { layout.map(\.path) }
}

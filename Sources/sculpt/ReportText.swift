import SculptCore

/// The understanding report as a person reads it.
enum ReportText {
    static func render(_ r: UnderstandingReport) -> String {
        var lines: [String] = []
        if !r.assumptions.isEmpty { lines.append("Assumptions:"); lines += r.assumptions.map { "  - " + $0 } }
        if !r.notes.isEmpty { lines.append("Notes:"); lines += r.notes.map { "  - " + $0 } }
        if !r.notUnderstood.isEmpty { lines.append("Not understood (ignored):"); lines += r.notUnderstood.map { "  - \"\($0)\"" } }
        return lines.joined(separator: "\n")
    }
}

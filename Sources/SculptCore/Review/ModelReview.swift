import Foundation

/// `sculpt review --model`: a language model's second opinion, asked for and read back here (the
/// request itself is the CLI's, through `SculptModel`).
///
/// The model reads the code and the findings Sculpt already made, and may add remarks. They are
/// opinions, not proofs: every one becomes a `model-finding` with source `.model`, at most a warning
/// (never an error), with a file and line only when they name a reviewed file and a line in it, and
/// they never decide `sculpt review`'s exit status.
public enum ModelReview {
    /// One file as the model sees it.
    public struct Source: Sendable {
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// At most this many characters of code go to the model (files beyond it are left out, and said so).
    public static let budget = 48_000

    /// The files that fit the budget, in the order given.
    public static func fitting(_ sources: [Source]) -> (sent: [Source], left: [String]) {
        var used = 0
        var sent: [Source] = []
        var left: [String] = []
        for s in sources {
            if used + s.text.count <= budget { sent.append(s); used += s.text.count } else { left.append(s.path) }
        }
        return (sent, left)
    }

    /// The system and user messages: the code with numbered lines, what Sculpt already found (so the
    /// model adds rather than repeats), and the JSON shape of the answer, in the report's language.
    public static func prompt(sources: [Source], findings: [ReviewFinding], language: ReviewLanguage) -> (system: String, user: String) {
        let tongue = language == .zh ? "Simplified Chinese (简体中文); keep code identifiers as they are" : "plain English"
        let system = """
        You are a careful senior code reviewer. Find real defects a reviewer should name in the code below: \
        security flaws, wrong error handling, data loss, races, wrong HTTP status codes, missing validation. \
        Do not repeat the findings already listed. Do not report style. Report nothing you are unsure of. \
        Write in \(tongue). Answer only JSON: {"findings": [{"file": "<path as given>", "line": <number>, \
        "severity": "warning" or "note", "title": "<one line>", "explanation": "<why it is a problem>", \
        "fix": "<what to change>"}]}; {"findings": []} when there is nothing to add.
        """
        var user = "Already found (do not repeat):\n"
        if findings.isEmpty { user += "(nothing)\n" }
        for f in findings.prefix(60) {
            user += "- [\(f.rule)] \(f.file.map { "\($0):\(f.line ?? 1) " } ?? "")\(f.message)\n"
        }
        for s in sources {
            let numbered = s.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { "\($0.offset + 1): \($0.element)" }.joined(separator: "\n")
            user += "\nFile \(s.path):\n\(numbered)\n"
        }
        return (system, user)
    }

    /// The model's answer as findings marked as the model's. Remarks without a title, duplicates, and an
    /// answer that is not the asked JSON give nothing; a file or line the code does not have is dropped.
    public static func findings(from answer: String, sources: [Source]) -> [ReviewFinding] {
        var body = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        if let start = body.firstIndex(of: "{"), let end = body.lastIndex(of: "}"), start < end { body = String(body[start...end]) }
        struct Answer: Decodable {
            struct Item: Decodable {
                var file: String?
                var line: Int?
                var severity: String?
                var title: String?
                var explanation: String?
                var fix: String?
            }
            var findings: [Item]
        }
        guard let parsed = try? JSONDecoder().decode(Answer.self, from: Data(body.utf8)) else { return [] }
        let lines = Dictionary(sources.map { ($0.path, $0.text.split(separator: "\n", omittingEmptySubsequences: false)) }) { a, _ in a }
        var out: [ReviewFinding] = []
        var seen = Set<String>()
        for item in parsed.findings.prefix(50) {
            let title = (item.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty else { continue }
            var file = item.file?.trimmingCharacters(in: .whitespaces)
            if let f = file, lines[f] == nil { file = nil }
            var line = file == nil ? nil : item.line
            if let l = line, let f = file, !(1...max(1, lines[f]!.count)).contains(l) { line = nil }
            let snippet = file.flatMap { f in line.map { String(lines[f]![$0 - 1]).trimmingCharacters(in: .whitespaces) } }
            let severity: ReviewSeverity = item.severity?.lowercased() == "note" ? .note : .warning
            let explanation = (item.explanation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let fix = (item.fix ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard seen.insert("\(file ?? "")|\(line ?? 0)|\(title)").inserted else { continue }
            let message = [title, explanation, fix.isEmpty ? "" : "→ " + fix].filter { !$0.isEmpty }.joined(separator: " ")
            out.append(ReviewFinding(rule: "model-finding", severity: severity, source: .model, file: file, line: line, column: nil,
                                     snippet: snippet, args: ["title": title, "explanation": explanation, "fix": fix], evidence: [],
                                     message: message))
        }
        return out
    }
}

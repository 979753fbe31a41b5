import Foundation

/// A finding of a code review, the seam through which `sculpt review` (or any SARIF 2.1.0 tool:
/// Bandit, Ruff, Semgrep, CodeQL) hands its results to `sculpt explain`, which explains each for a
/// learner. Explanations are looked up by rule id in the catalog's `findings.json`; a rule it does
/// not know is shown with the tool's own message.
public struct ExplainedFinding: Codable, Equatable, Sendable {
    public var rule: String
    public var file: String
    public var line: Int
    public var level: String
    public var message: String

    public init(rule: String, file: String, line: Int, level: String, message: String) {
        self.rule = rule
        self.file = file
        self.line = line
        self.level = level
        self.message = message
    }
}

/// Anything that can produce review findings for a set of files (a future `sculpt review` engine).
public protocol ExplainedFindingSource: Sendable {
    func findings(for files: [String]) throws -> [ExplainedFinding]
}

/// Reads findings from a SARIF 2.1.0 log, or from a JSON array of `ExplainedFinding`.
public enum ExplainedFindings {
    public static func decode(_ data: Data) throws -> [ExplainedFinding] {
        if let plain = try? JSONDecoder().decode([ExplainedFinding].self, from: data) { return plain }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let runs = root["runs"] as? [[String: Any]] else {
            throw ExplainError.unreadable("the findings file is neither SARIF 2.1.0 nor a JSON list of findings (rule, file, line, level, message)")
        }
        var out: [ExplainedFinding] = []
        for run in runs {
            for r in run["results"] as? [[String: Any]] ?? [] {
                let message = (r["message"] as? [String: Any])?["text"] as? String ?? ""
                let physical = ((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
                var file = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String ?? ""
                if file.hasPrefix("file://") { file = URL(string: file)?.path ?? file }
                let line = (physical["region"] as? [String: Any])?["startLine"] as? Int ?? 1
                out.append(ExplainedFinding(rule: r["ruleId"] as? String ?? "?", file: file, line: line,
                                         level: r["level"] as? String ?? "warning", message: message))
            }
        }
        return out
    }
}

extension ExplainCatalog {
    /// Each finding with its explanation for a learner: the catalog's words for its rule, else the
    /// tool's own message.
    public func explain(_ findings: [ExplainedFinding]) -> [FindingNote] {
        findings.map { f in
            FindingNote(rule: f.rule, file: f.file, line: f.line, level: f.level, message: f.message,
                        explanation: self.findings[f.rule] ?? say("finding.unknown", ["message": f.message]))
        }
    }
}

import Foundation

/// The result of `sculpt review`: the findings in one language, and what was run to find them.
public struct ReviewReport: Codable, Sendable {
    public var tool: String
    public var rulesVersion: String
    public var target: String
    public var language: ReviewLanguage
    public var framework: String?
    /// True when the probes ran against the started app (not `--no-run`, and the app started).
    public var ran: Bool
    /// Why the app was not run although the review was asked to run it (it could not be set up or
    /// started, or no app was found): the running checks were skipped, so the review is incomplete and
    /// `sculpt review` fails whatever `--fail-on` says. Nil when it ran, or with `--no-run`.
    public var runProblem: String?
    public var sandbox: String
    public var seconds: Double
    public var notes: [String]
    public var routes: [String]
    public var findings: [ReviewFinding]

    public init(tool: String, rulesVersion: String, target: String, language: ReviewLanguage, framework: String?, ran: Bool,
                sandbox: String, seconds: Double, notes: [String], routes: [String], findings: [ReviewFinding],
                runProblem: String? = nil) {
        self.tool = tool
        self.rulesVersion = rulesVersion
        self.target = target
        self.language = language
        self.framework = framework
        self.ran = ran
        self.runProblem = runProblem
        self.sandbox = sandbox
        self.seconds = seconds
        self.notes = notes
        self.routes = routes
        self.findings = findings
    }

    /// Findings at `severity` or worse.
    public func findings(atLeast severity: ReviewSeverity) -> [ReviewFinding] {
        findings.filter { $0.severity >= severity }
    }

    /// The exit status of `sculpt review`: 2 when the app was to be run and could not be (whatever
    /// `failOn` says: an unprobed app is not a clean one), 1 when a finding at `failOn` or worse was
    /// made by Sculpt's rules or probes (not by a model), 0 otherwise. `failOn` nil never fails on findings.
    public func exitStatus(failOn: ReviewSeverity?) -> Int32 {
        if runProblem != nil { return 2 }
        // A model's remarks are opinions: they never fail a review.
        if let failOn, findings(atLeast: failOn).contains(where: { $0.source != .model }) { return 1 }
        return 0
    }

    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data("{}".utf8)) + Data("\n".utf8)
    }
}

/// Turns what the scripts found into findings: worded from the catalog, a probe's evidence attached to
/// the static finding it proves, and sorted worst first.
public enum ReviewFindings {
    /// A probe rule and the static rule whose cause it shows when both fire on the same route.
    static let proves: [String: String] = ["invalid-body-crash": "unvalidated-json-body", "race-duplicate": "check-then-insert"]

    public static func assemble(static found: [ReviewAnalysis.RawFinding], probes: [ReviewAnalysis.RawFinding],
                                catalog: ReviewRuleCatalog, language: ReviewLanguage,
                                fallback: (file: String, line: Int)?) -> [ReviewFinding] {
        var out: [ReviewFinding] = []
        for raw in found {
            guard let rule = catalog.rule(raw.rule) else { continue }
            out.append(ReviewFinding(rule: rule.id, severity: rule.severity, source: .static, file: raw.file, line: raw.line,
                                     column: raw.column, snippet: raw.snippet, args: raw.args, evidence: raw.evidence ?? [],
                                     message: ReviewFinding.fill(rule.message.of(language), raw.args)))
        }
        for raw in probes {
            guard let rule = catalog.rule(raw.rule) else { continue }
            let targets = [raw.rule, proves[raw.rule]].compactMap { $0 }
            let route = raw.args["route"]
            if let i = out.firstIndex(where: { f in
                targets.contains(f.rule) && f.source != .probe
                    && (route == nil || f.args["route"] == nil || f.args["route"] == route)
            }) {
                out[i].source = .both
                out[i].evidence += raw.evidence ?? []
                continue
            }
            var file = raw.file
            var line = raw.line
            if file == nil, let fallback {
                file = fallback.file
                line = fallback.line
            }
            let template = (rule.probeMessage ?? rule.message).of(language)
            out.append(ReviewFinding(rule: rule.id, severity: rule.severity, source: .probe, file: file, line: line,
                                     column: raw.column, snippet: raw.snippet, args: raw.args, evidence: raw.evidence ?? [],
                                     message: ReviewFinding.fill(template, raw.args)))
        }
        return out.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if (a.file ?? "") != (b.file ?? "") { return (a.file ?? "") < (b.file ?? "") }
            if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
            return a.rule < b.rule
        }
    }
}

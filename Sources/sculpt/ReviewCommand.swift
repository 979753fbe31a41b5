import ArgumentParser
import Foundation
import SculptCore
import SculptWorkspace

/// `sculpt review PATH`: a code review of a Flask or FastAPI project that runs the code.
///
/// Reading code finds two of the classic registration endpoint's eleven flaws; the rest show only
/// when it runs. So the review reads the project (Python's `ast`, in the sandbox), then starts it as a
/// production server would and probes every route, and reports both with the evidence.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a Flask or FastAPI project: its code, then the running app, probed in a sandbox.")

    @Argument(help: "The project folder, or its app file (.py).")
    var path: String

    @Option(help: "The report's language: zh or en (default: the language of the code's text).")
    var lang: String?

    @Option(help: "text, json or sarif (SARIF 2.1.0, for GitHub code scanning).")
    var format = "text"

    @Option(help: "Write the report to this file instead of stdout.")
    var output: String?

    @Flag(name: .customLong("no-run"), help: "Only read the code; do not start the app.")
    var noRun = false

    @Flag(name: .customLong("no-postgres"), help: "Skip the run against a throw-away PostgreSQL.")
    var noPostgres = false

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a finding at or above this severity is found: error, warning, note or none. (Status 2 when the app was to be run and could not be started, whatever this says.)")
    var failOn = "error"

    @Option(help: "Where the app runs: auto (bubblewrap when it works), bwrap, or none (resource limits only).")
    var sandbox = "auto"

    @Option(help: "Not available yet: the review is complete without a model.")
    var model: String?

    @Flag(help: "Print no progress.")
    var quiet = false

    func validate() throws {
        if let lang, ReviewLanguage(rawValue: lang) == nil { throw ValidationError("--lang is zh or en") }
        guard ["text", "json", "sarif"].contains(format) else { throw ValidationError("--format is text, json or sarif") }
        guard failOn == "none" || ReviewSeverity(rawValue: failOn) != nil else { throw ValidationError("--fail-on is error, warning, note or none") }
        guard ["auto", "bwrap", "none"].contains(sandbox) else { throw ValidationError("--sandbox is auto, bwrap or none") }
    }

    func run() throws {
        if model != nil {
            throw fail("--model is not available in `sculpt review` yet; the review is complete offline: run it without --model")
        }
        var options = ReviewRunner.Options()
        options.run = !noRun
        options.postgres = !noPostgres
        options.language = lang.flatMap(ReviewLanguage.init(rawValue:))
        var env = ProcessInfo.processInfo.environment
        if sandbox == "none" { env["SCULPT_SANDBOX"] = "none" }
        options.sandbox = Sandbox.detect(limits: options.limits, environment: env)
        let report: ReviewReport
        let catalog: ReviewRuleCatalog
        let target: ReviewTarget
        do {
            (report, catalog, target) = try ReviewRunner(options: options, progress: quiet ? { _ in } : { say($0) }).review(path)
        } catch {
            throw fail("\(error)")
        }
        if sandbox == "bwrap" && options.sandbox?.kind != .bubblewrap {
            say("sculpt: warning: --sandbox bwrap was asked for, but \(options.sandbox?.note ?? "bubblewrap is not available")")
        }
        let data: Data
        switch format {
        case "json": data = report.json()
        case "sarif": data = SARIFRenderer.render(report, catalog: catalog, uriPrefix: target.repositoryPrefix())
        default: data = Data(ReviewTextRenderer.render(report, catalog: catalog).utf8)
        }
        if let output {
            do { try data.write(to: URL(fileURLWithPath: output)) } catch {
                throw fail("cannot write \(output): \(error.localizedDescription)")
            }
            if !quiet { say("Wrote the \(format) report to \(output) (\(report.findings.count) finding(s)).") }
        } else {
            FileHandle.standardOutput.write(data)
        }
        // A review that was to run the app and could not is incomplete: it fails, whatever --fail-on
        // says, so CI never takes an app that does not start for a clean one. --no-run opts out.
        if let problem = report.runProblem {
            say("sculpt: error: the app could not be started, so its runtime checks were skipped: \(problem). "
                + "Fix the start-up, or pass --no-run to review the code only.")
        }
        let status = report.exitStatus(failOn: ReviewSeverity(rawValue: failOn))
        if status != 0 { throw ExitCode(status) }
    }
}

/// `sculpt check --review`: the review as a step of verification. A generated project must come out
/// with nothing at warning or above; notes are printed but do not fail it.
enum ReviewStep {
    static func run(_ project: URL, quiet: Bool, sandbox: SandboxChoice) -> Bool {
        var options = ReviewRunner.Options()
        var env = ProcessInfo.processInfo.environment
        if sandbox == .none { env["SCULPT_SANDBOX"] = "none" }
        options.sandbox = Sandbox.detect(limits: options.limits, environment: env)
        do {
            let (report, catalog, _) = try ReviewRunner(options: options, progress: quiet ? { _ in } : { say($0) }).review(project.path)
            let blocking = report.findings(atLeast: .warning)
            let passed = blocking.isEmpty && report.runProblem == nil
            if !quiet || !passed { say(ReviewTextRenderer.render(report, catalog: catalog)) }
            return passed
        } catch {
            say("sculpt: error: the review could not run: \(error)")
            return false
        }
    }
}

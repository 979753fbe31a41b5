import ArgumentParser
import Foundation
import SculptCore
import SculptModel
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

    @Option(help: "Also ask this OpenAI-compatible model for a second opinion (only when named here; key from SCULPT_API_KEY): its remarks are listed apart, marked unproven, and never decide the exit status. The review is complete without it.")
    var model: String?

    @Option(name: .customLong("base-url"), help: "The model endpoint's API root (also SCULPT_BASE_URL; default OpenAI).")
    var baseURL: String?

    @Flag(help: "Print no progress.")
    var quiet = false

    func validate() throws {
        if let lang, ReviewLanguage(rawValue: lang) == nil { throw ValidationError("--lang is zh or en") }
        guard ["text", "json", "sarif"].contains(format) else { throw ValidationError("--format is text, json or sarif") }
        guard failOn == "none" || ReviewSeverity(rawValue: failOn) != nil else { throw ValidationError("--fail-on is error, warning, note or none") }
        guard ["auto", "bwrap", "none"].contains(sandbox) else { throw ValidationError("--sandbox is auto, bwrap or none") }
    }

    func run() throws {
        // The model is resolved first, so a bad setting fails before minutes of review.
        var modelConfig: ModelConfiguration?
        if model != nil || baseURL != nil {
            do { modelConfig = try ModelConfiguration.resolve(flags: .init(model: model, baseURL: baseURL)) } catch let p as ModelConfiguration.Problem {
                throw fail(p.description)
            }
            if modelConfig == nil { throw fail("--base-url needs a model: name one with --model") }
        }
        var options = ReviewRunner.Options()
        options.run = !noRun
        options.postgres = !noPostgres
        options.language = lang.flatMap(ReviewLanguage.init(rawValue:))
        var env = ProcessInfo.processInfo.environment
        if sandbox == "none" { env["SCULPT_SANDBOX"] = "none" }
        options.sandbox = Sandbox.detect(limits: options.limits, environment: env)
        var report: ReviewReport
        let catalog: ReviewRuleCatalog
        let target: ReviewTarget
        do {
            (report, catalog, target) = try ReviewRunner(options: options, progress: quiet ? { _ in } : { say($0) }).review(path)
        } catch {
            throw fail("\(error)")
        }
        if let modelConfig { try secondOpinion(modelConfig, target: target, report: &report) }
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

extension ReviewCommand {
    /// Asks the model about the code, with Sculpt's findings, and adds its remarks (marked as the
    /// model's) to the report. A model that cannot be reached or answers nonsense leaves the review as
    /// Sculpt made it, with a warning: the offline review stands on its own.
    func secondOpinion(_ config: ModelConfiguration, target: ReviewTarget, report: inout ReviewReport) throws {
        let (sources, left) = ModelReview.fitting(target.sources())
        guard !sources.isEmpty else {
            say("sculpt: warning: --model: no Python or Swift source to show the model")
            return
        }
        if !quiet { say("Asking the model '\(config.model)' for a second opinion on \(sources.count) file(s)...") }
        let (system, user) = ModelReview.prompt(sources: sources, findings: report.findings, language: report.language)
        let client = ChatClient(configuration: config, log: { say("sculpt: model: " + $0) })
        // Bounded: a small model in JSON mode may otherwise write until its context is full.
        let request = ChatRequest(messages: [ChatMessage(.system, system), ChatMessage(.user, user)], maxTokens: 2_000,
                                  responseFormat: .jsonObject)
        switch runCancellable({ try await client.complete(request) }) {
        case .success(let answer):
            let remarks = ModelReview.findings(from: answer.content, sources: sources)
            report.findings += remarks
            report.notes.append("the model '\(config.model)' read \(sources.count) file(s) and added \(remarks.count) remark(s), unproven"
                                + (left.isEmpty ? "" : "; left out for length: \(left.prefix(5).joined(separator: ", "))\(left.count > 5 ? ", …" : "")"))
            if remarks.isEmpty, !answer.content.contains("\"findings\"") {
                say("sculpt: warning: --model: the model's answer was not the JSON asked for; no remark was added")
            }
        case .failure(let e as ModelError) where e.kind == .cancelled:
            throw ExitCode(130)
        case .failure(let e as ModelError):
            say("sculpt: warning: --model: \(e.message); the review below is Sculpt's own")
        case .failure(let e):
            say("sculpt: warning: --model: \(config.apiKey?.scrub("\(e)") ?? "\(e)"); the review below is Sculpt's own")
        }
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

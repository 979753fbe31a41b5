import ArgumentParser
import Foundation
import SculptCore
import SculptWorkspace

/// `sculpt check DIR`: verifies an existing project (e.g. after a user edited it), the same way
/// `sculpt new` verifies what it generates.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify a generated project: its own tests, then its API contract against the running server, in a sandbox.")

    @Argument(help: "The project folder (the one holding sculpt.json).")
    var directory: String = "."

    @Flag(name: .customLong("json"), help: "Print the report as JSON on stdout.")
    var json = false

    @Flag(help: "Print only failures.")
    var quiet = false

    @Flag(help: "Skip the project's own tests: prove it by the contract checks alone (e.g. after its tests were edited).")
    var contractOnly = false

    @OptionGroup var verification: VerificationOptions

    func run() throws {
        let project = URL(fileURLWithPath: directory)
        guard FileManager.default.fileExists(atPath: project.appendingPathComponent("sculpt.json").path) else {
            throw fail("\(project.path) has no sculpt.json: give the folder of a project made by `sculpt new`")
        }
        let report = verification.verify(project, quiet: quiet, detailed: true, projectTests: !contractOnly)
        if json { FileHandle.standardOutput.write(report.json()) }
        if !report.passed { throw ExitCode(1) }
    }
}

/// Options shared by `new` and `check` for the verification run.
struct VerificationOptions: ParsableArguments {
    @Option(help: "Seconds to wait for the server's health endpoint.")
    var healthTimeout: Double = 30

    @Option(help: "Seconds allowed for the project's own tests.")
    var testTimeout: Double = 300

    @Option(help: "Where generated code runs: auto (bubblewrap when it works), bwrap, or none (resource limits only).")
    var sandbox: String = "auto"

    func validate() throws {
        guard ["auto", "bwrap", "none"].contains(sandbox) else { throw ValidationError("--sandbox is auto, bwrap or none") }
    }

    /// Runs the verification, writes `verification.json` and the README's verification section, and
    /// prints progress and the summary on stderr (only failures with `quiet`).
    func verify(_ project: URL, quiet: Bool, detailed: Bool, projectTests: Bool = true) -> VerificationReport {
        var options = Verifier.Options()
        options.projectTests = projectTests
        options.healthTimeout = healthTimeout
        options.testTimeout = testTimeout
        var env = ProcessInfo.processInfo.environment
        if sandbox == "none" { env["SCULPT_SANDBOX"] = "none" }
        options.sandbox = Sandbox.detect(limits: options.limits, environment: env)
        let progress: (String) -> Void = quiet ? { _ in } : { say($0) }
        let report = Verifier(project: project, options: options, progress: progress).verify()
        try? report.json().write(to: project.appendingPathComponent("verification.json"))
        let language = (try? SpecCoding.decode(Data(contentsOf: project.appendingPathComponent("spec.json"))))?.language.rawValue ?? "en"
        VerificationSummary.updateReadme(in: project, with: VerificationSummary.readme(report, language: language))
        if !quiet || !report.passed { say(VerificationSummary.text(report, detailed: detailed && !quiet)) }
        if sandbox == "bwrap" && report.sandbox.kind != .bubblewrap {
            say("sculpt: warning: --sandbox bwrap was asked for, but \(report.sandbox.note)")
        }
        return report
    }
}

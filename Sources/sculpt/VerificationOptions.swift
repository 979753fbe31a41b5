import ArgumentParser
import Foundation
import SculptCore
import SculptWorkspace

/// Options shared by `new` and `check` for the verification run.
struct VerificationOptions: ParsableArguments {
    @Option(help: "Seconds to wait for the server's health endpoint.")
    var healthTimeout: Double = 30

    @Option(help: "Seconds allowed for the project's own tests.")
    var testTimeout: Double = 300

    @Option(help: "Where generated code runs: auto (bubblewrap when it works), bwrap, or none (resource limits only).")
    var sandbox: SandboxChoice = .auto

    /// Runs the verification, writes `verification.json` and the README's verification section, and
    /// prints progress and the summary on stderr (only failures with `quiet`).
    func verify(_ project: URL, quiet: Bool, detailed: Bool, projectTests: Bool = true) -> VerificationReport {
        var options = Verifier.Options()
        options.projectTests = projectTests
        options.healthTimeout = healthTimeout
        options.testTimeout = testTimeout
        var env = ProcessInfo.processInfo.environment
        if sandbox == .none { env["SCULPT_SANDBOX"] = "none" }
        options.sandbox = Sandbox.detect(limits: options.limits, environment: env)
        let progress: (String) -> Void = quiet ? { _ in } : { say($0) }
        let report = Verifier(project: project, options: options, progress: progress).verify()
        try? report.json().write(to: project.appendingPathComponent("verification.json"))
        let language = (try? SpecCoding.decode(Data(contentsOf: project.appendingPathComponent("spec.json"))))?.language.rawValue ?? "en"
        VerificationSummary.updateReadme(in: project, with: VerificationSummary.readme(report, language: language))
        if !quiet || !report.passed { say(VerificationSummary.text(report, detailed: detailed && !quiet)) }
        if sandbox == .bwrap && report.sandbox.kind != .bubblewrap {
            say("sculpt: warning: --sandbox bwrap was asked for, but \(report.sandbox.note)")
        }
        return report
    }
}

/// Where `--sandbox` runs generated code.
enum SandboxChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, bwrap, none
}

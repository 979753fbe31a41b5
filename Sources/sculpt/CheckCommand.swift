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

    @Flag(help: "Also review the project (`sculpt review`): fail on any finding at warning or above.")
    var review = false

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
        let reviewed = review ? ReviewStep.run(project, quiet: quiet, sandbox: verification.sandbox) : true
        if !report.passed || !reviewed { throw ExitCode(1) }
    }
}

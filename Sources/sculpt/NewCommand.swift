import ArgumentParser
import Foundation
import SculptCore
import SculptWorkspace

/// `sculpt new`: requirement → spec → files → (verified) project.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Generate a project from a requirement or an app spec.")

    @OptionGroup var input: RequirementInput

    @Option(help: "The backend stack.")
    var backend: Backend = .flask

    @Option(help: "The folder to write the project into (default: the app's name).")
    var out: String?

    @Flag(help: "Replace --out when it exists and is not empty.")
    var force = false

    @Flag(name: .customLong("no-verify"), help: "Do not verify the project (its own tests and its API contract, in a sandbox).")
    var noVerify = false

    @OptionGroup var verification: VerificationOptions

    @Flag(name: .customLong("allow-partial"), help: "Build what was understood even when part of the requirement is out of scope.")
    var allowPartial = false

    @Flag(help: "Print only errors.")
    var quiet = false

    @Flag(help: "Also write EXPLAIN.md: a guided walk-through of the project for people learning to program.")
    var explain = false

    func run() throws {
        do {
            let generator = ProjectGenerator(backend: backend)
            // Templates and messages are read on the other core while the requirement is understood,
            // once the lexicon that understanding starts with is loaded.
            generator.prefetch(after: RequirementParser.waitForPreparedTables)
            if let out { try ProjectWriter(destination: URL(fileURLWithPath: out), force: force).checkDestination() }
            let (spec, report) = try input.understand(allowPartial: allowPartial)
            PhaseClock.mark("understood")
            let dest = URL(fileURLWithPath: out ?? spec.name.replacingOccurrences(of: "_", with: "-"))
            let writer = ProjectWriter(destination: dest, force: force)
            // Files are written into a staging folder as each part is generated, then moved into place.
            let staging = try writer.stage()
            let files: [GeneratedFile]
            do { files = try generator.generate(spec, produced: staging.write) } catch {
                writer.discard(staging)
                throw UserError(message: "\(error)")
            }
            PhaseClock.mark("generated")
            // A project the user already set up keeps its environment and build folder (`--force`).
            let dir = generator.target.manifest.dir
            try writer.commit(staging, keeping: ["\(dir)/.venv", "\(dir)/.build"])
            PhaseClock.mark("written")
            if !quiet {
                if let report, !ReportText.render(report).isEmpty { say(ReportText.render(report)) }
                say("Wrote \(files.count) files to \(dest.path) (\(backend.rawValue)).")
            }
            if !noVerify {
                let report = verification.verify(dest, quiet: quiet, detailed: false)
                if !report.passed {
                    throw UserError(message: "the generated project did not pass verification (see above and \(dest.path)/verification.json)")
                }
            }
            if explain { try ExplainCommand.writeExplainFile(in: dest, quiet: quiet) }
        } catch let e as UserError {
            throw fail(e.message)
        } catch let e as ProjectWriter.Failure {
            throw fail(e.description)
        }
    }
}

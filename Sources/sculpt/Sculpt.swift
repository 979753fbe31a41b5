import ArgumentParser
import Foundation
import SculptCore
import SculptWorkspace

/// The `sculpt` command line: understand a requirement, generate a project, verify it.
@main
struct Sculpt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sculpt",
        abstract: "Turn a requirement in Chinese or English into a working, tested full-stack project.",
        version: ProjectGenerator.version,
        subcommands: [NewCommand.self, CheckCommand.self, SpecCommand.self, SchemaCommand.self, ReviewCommand.self,
                      ExplainCommand.self, DatasetCommand.self]
    )

    /// Starts loading the lexicon on another thread before the arguments are parsed, for the two
    /// commands that read a requirement (the other commands would only burn the CPU).
    static func main() {
        PhaseClock.mark("main")
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "new":
            RequirementParser.prepare()
            runDirectly(NewCommand.self, arguments)
        case "spec":
            RequirementParser.prepare()
            runDirectly(SpecCommand.self, arguments)
        default:
            break
        }
        main(nil)
    }

    /// Parses a subcommand's arguments with that command as the root and runs it, when they parse
    /// cleanly: the same parse and validation as through `Sculpt`, without first building the whole
    /// command tree and its completion-script options (~1.5 ms of `sculpt new`). Anything else
    /// (`--help`, a mistake, a command that fails) returns, or exits the way `main` does, so usage
    /// and error messages still come from the full tree and name `sculpt new`.
    private static func runDirectly<C: ParsableCommand>(_ command: C.Type, _ arguments: [String]) {
        guard var parsed = try? C.parseAsRoot(Array(arguments.dropFirst())) as? C else { return }
        do {
            PhaseClock.mark("arguments-parsed")
            try parsed.run()
            PhaseClock.mark("done")
            PhaseClock.report()
            // Everything is written and closed: leave without running the runtime's and Foundation's
            // teardown (~0.4 ms), as compilers do; only what is buffered for stdout needs flushing.
            fflush(nil)
            _exit(0)
        } catch {
            exit(withError: error)
        }
    }
}

/// Writes a message for the user on stderr.
func say(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Ends the command with a one-line error and a non-zero status, never a stack trace.
struct UserError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

func fail(_ message: String) -> ExitCode {
    say("sculpt: error: " + message)
    return ExitCode(1)
}

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
        if let command = CommandLine.arguments.dropFirst().first, command == "new" || command == "spec" {
            RequirementParser.prepare()
        }
        main(nil)
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

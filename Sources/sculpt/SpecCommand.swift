import ArgumentParser
import Foundation
import SculptCore

/// `sculpt spec`: shows what Sculpt understood, without generating anything.
struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec", abstract: "Print the app spec understood from a requirement, and the report on it.")

    @OptionGroup var input: RequirementInput

    @Flag(name: .customLong("json"), help: "Print only the spec as JSON (for --spec), the report on stderr.")
    var jsonOnly = false

    func run() throws {
        do {
            let (spec, report) = try input.understand()
            print(SpecCoding.encode(spec), terminator: "")
            if let report {
                let text = ReportText.render(report)
                if jsonOnly { if !text.isEmpty { say(text) } } else if !text.isEmpty { print(text) }
            }
        } catch let e as UserError {
            throw fail(e.message)
        }
    }
}

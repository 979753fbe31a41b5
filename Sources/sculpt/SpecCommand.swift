import ArgumentParser
import Foundation
import SculptCore

/// `sculpt spec`: shows what Sculpt understood, without generating anything.
struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec", abstract: "Print the app spec understood from a requirement, and the report on it.")

    @OptionGroup var input: RequirementInput

    @Flag(name: .customLong("json"), help: "Kept for scripts: stdout always carries only the spec as JSON.")
    var jsonOnly = false

    @Flag(name: .customLong("allow-partial"), help: "Print the spec even when part of the requirement is out of scope.")
    var allowPartial = false

    func run() throws {
        do {
            // stdout carries the spec alone, so `sculpt spec ... > app.json` writes valid JSON;
            // everything for people (summary, assumptions, ignored phrases) goes to stderr.
            let (spec, report) = try input.understand(allowPartial: allowPartial)
            print(SpecCoding.encode(spec), terminator: "")
            say(SpecSummary.render(spec))
            if let report {
                let text = ReportText.render(report)
                if !text.isEmpty { say(text) }
            }
        } catch let e as UserError {
            throw fail(e.message)
        }
    }
}

import ArgumentParser
import Foundation
import SculptCore

/// Where a requirement comes from: the argument, `--from FILE`, or `--spec FILE` (a hand-written AppSpec).
struct RequirementInput: ParsableArguments {
    @Argument(help: "The requirement, in Chinese or English.")
    var requirement: String?

    @Option(name: .customLong("from"), help: "Read the requirement from this file.")
    var fromFile: String?

    @Option(name: .customLong("spec"), help: "Generate from this app spec (JSON) instead of prose.")
    var specFile: String?

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        let given = [requirement != nil, fromFile != nil, specFile != nil].filter { $0 }.count
        if given == 0 { throw ValidationError("give a requirement, --from FILE or --spec FILE") }
        if given > 1 { throw ValidationError("give only one of: a requirement, --from FILE, --spec FILE") }
    }

    /// The spec, with the understanding report when it came from prose.
    /// `allowPartial`: build what was understood even when part of the requirement is out of scope.
    func understand(allowPartial: Bool = false) throws -> (AppSpec, UnderstandingReport?) {
        if let specFile {
            guard let data = FileManager.default.contents(atPath: specFile) else {
                throw UserError(message: "cannot read the spec file \(specFile): no such file or not readable")
            }
            do { return (try SpecCoding.decode(data), nil) } catch let e as SpecError {
                throw UserError(message: "\(specFile): \(e)")
            }
        }
        var text = requirement ?? ""
        if let fromFile {
            guard let data = FileManager.default.contents(atPath: fromFile) else {
                throw UserError(message: "cannot read the requirement file \(fromFile): no such file or not readable")
            }
            text = String(decoding: data, as: UTF8.self)
        }
        if let config = try modelOptions.configuration() {
            let (spec, report) = try modelOptions.understand(text, with: config)
            return (spec, report)
        }
        do {
            let u = try RequirementParser(allowPartial: allowPartial).understand(text)
            return (u.spec, u.report)
        } catch let e as UnderstandingError {
            throw UserError(message: e.description)
        }
    }
}

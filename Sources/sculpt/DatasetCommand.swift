import ArgumentParser
import Foundation
import SculptCore
import SculptModel
import SculptWorkspace

/// `sculpt dataset`: the data a model needs to learn Sculpt's understanding step, made verifiably.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset", abstract: "Make training data: verified requirement → spec pairs, and a cleaned code corpus.",
        subcommands: [SynthCommand.self, CleanCommand.self, ResponseSchemaCommand.self, MendAnswerCommand.self])
}

/// `sculpt dataset synth`: labelled, verified requirement → AppSpec pairs as chat JSONL.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write verified requirement → AppSpec pairs (chat JSONL), a held-out split by domain and a data card.")

    @Option(help: "Folder to write train.jsonl, heldout.jsonl, heldout.labels.jsonl and DATACARD.md into.")
    var output = "dataset/synth"

    @Option(help: "The understanding benchmark's case files (default: ../shared/understanding/cases when it exists).")
    var cases: String?

    @Option(help: "Spec fixtures with requirements (default: Tests/Fixtures/specs when it exists).")
    var fixtures: String?

    @Option(help: "Acceptance cases, labelled by the offline parser (default: ../shared/acceptance/cases when it exists).")
    var acceptance: String?

    @Option(help: "Lexicon paraphrases per entity and language.")
    var variants = 3

    @Option(help: "How many pairs to run through `sculpt check` (each takes seconds).")
    var checkSample = 4

    @Option(help: "Percentage of domains held out.")
    var heldOut = 15

    @Option(help: "Random seed for the paraphrases.")
    var seed = 14

    func validate() throws {
        if variants < 0 || variants > 50 { throw ValidationError("--variants must be between 0 and 50") }
        if checkSample < 0 { throw ValidationError("--check-sample must be 0 or more") }
        if heldOut < 1 || heldOut > 90 { throw ValidationError("--held-out must be between 1 and 90") }
        if seed < 0 { throw ValidationError("--seed must be 0 or more") }
    }

    func run() throws {
        func folder(_ given: String?, _ fallback: String) throws -> URL? {
            if let given {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: given, isDirectory: &isDir), isDir.boolValue else {
                    throw fail("\(given) is not a folder")
                }
                return URL(fileURLWithPath: given)
            }
            return FileManager.default.fileExists(atPath: fallback) ? URL(fileURLWithPath: fallback) : nil
        }
        let sources = SynthSources(goldCases: try folder(cases, "../shared/understanding/cases"),
                                   fixtureSpecs: try folder(fixtures, "Tests/Fixtures/specs"),
                                   acceptanceCases: try folder(acceptance, "../shared/acceptance/cases"),
                                   variantsPerEntity: variants, seed: UInt64(seed))
        let synth = DatasetSynthesizer(sources: sources, checkSample: checkSample, split: DomainSplit(heldOutPercent: heldOut),
                                       progress: { say($0) })
        do {
            let outcome = try synth.run(output: URL(fileURLWithPath: output))
            let c = outcome.card
            say("Kept \(c.train.count + c.heldOut.count) pairs (\(c.train.count) train, \(c.heldOut.count) held out), dropped \(c.dropped.count); sculpt check passed \(c.checked.filter { $0.passed }.count) of \(c.checked.count) sampled.")
            for f in outcome.files { print(f.path) }
        } catch let e as DatasetError {
            throw fail(e.description)
        } catch let e as ProjectWriter.Failure {
            throw fail(e.description)
        }
    }
}

/// `sculpt dataset clean`: filters, deduplicates, redacts, licence-checks and decontaminates a code corpus.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Clean a corpus of source files and Q&A posts (folders or JSONL) into JSONL with a data card.")

    @Argument(help: "Folders or JSONL files (one record per line with at least `text`).")
    var inputs: [String]

    @Option(help: "Folder for the kept records (clean.jsonl) and the data card.")
    var output: String

    @Option(name: .customLong("eval"), help: "An evaluation set to decontaminate against (folder, JSON or JSONL); repeatable. Default: ../shared/understanding/cases when it exists.")
    var evalSets: [String] = []

    func run() throws {
        var evals = evalSets
        if evals.isEmpty, FileManager.default.fileExists(atPath: "../shared/understanding/cases") { evals = ["../shared/understanding/cases"] }
        let pipeline = CleanPipeline(inputs: inputs.map { URL(fileURLWithPath: $0) }, output: URL(fileURLWithPath: output),
                                     evaluationSets: evals.map { URL(fileURLWithPath: $0) })
        do {
            print(try pipeline.run(), terminator: "")
        } catch let e as DatasetError {
            throw fail(e.description)
        }
    }
}

/// `sculpt dataset response-schema`: the self-contained AppSpec schema a model is decoded with.
struct ResponseSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "response-schema", abstract: "Print the AppSpec schema used as a model's response format (grammar).")

    func run() throws {
        do { print(try AppSpecSchema.response().text) } catch { throw fail("\(error)") }
    }
}

/// `sculpt dataset mend-answer`: a model's answer as `sculpt spec --model` uses it (AnswerRepair), so
/// scripts/eval-model can score answers raw and mended without a model conversation.
struct MendAnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mend-answer",
        abstract: "Read a model's AppSpec answer on stdin; print it with its mechanical slips mended, each repair on stderr.")

    func run() throws {
        let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        do {
            let (spec, repairs) = try ModelUnderstander.mendAnswer(text)
            print(SpecCoding.encode(spec), terminator: "")
            for r in repairs { FileHandle.standardError.write(Data(("- " + r + "\n").utf8)) }
        } catch { throw fail("\(error)") }
    }
}

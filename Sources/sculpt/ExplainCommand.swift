import ArgumentParser
import Foundation
import SculptCore
import SculptModel
import SculptWorkspace

/// `sculpt explain PATH`: a guided walk-through for people learning to program. For a project Sculpt
/// generated, clause by clause from the requirement to the code, its tests and the verifier's checks;
/// for any other Python file or Flask/FastAPI project, a structural walk-through from static analysis.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a project (or any Python code) for someone learning to program: what each part does, why, and how it is proved.")

    @Argument(help: "A project made by `sculpt new`, or a Python file or folder.")
    var path: String

    @Option(help: "The language of the walk-through: zh or en (default: the requirement's, or en).")
    var lang: String?

    @Option(help: "md (Markdown), html (one self-contained page) or json.")
    var format = "md"

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Explain only this file of the project (a path relative to PATH).")
    var file: String?

    @Option(help: "Review findings to explain: a SARIF 2.1.0 file (e.g. from a review tool) or a JSON list of findings.")
    var findings: String?

    @Option(help: "An OpenAI-compatible model that writes line-by-line prose for code Sculpt did not write (also SCULPT_MODEL).")
    var model: String?

    @Option(name: .customLong("base-url"), help: "The model endpoint's API root (also SCULPT_BASE_URL; default OpenAI).")
    var baseURL: String?

    func run() throws {
        do {
            guard ["md", "html", "json"].contains(format) else { throw UserError(message: "--format must be md, html or json, not '\(format)'") }
            let language: Language?
            if let lang {
                guard let l = Language(rawValue: lang) else { throw UserError(message: "--lang must be zh or en, not '\(lang)'") }
                language = l
            } else { language = nil }
            let target = URL(fileURLWithPath: path)
            guard FileManager.default.fileExists(atPath: target.path) else {
                throw UserError(message: "\(path) does not exist: give a project folder made by `sculpt new`, or a Python file or folder")
            }
            let reviewFindings = try findings.map { try ExplainedFindings.decode(Data(contentsOf: URL(fileURLWithPath: $0))) } ?? []
            var walkthrough: Walkthrough
            let catalog: ExplainCatalog
            if ProjectReader.isSculptProject(target) {
                if model != nil {
                    throw UserError(message: "--model writes prose for code Sculpt did not write; a generated project is explained from its own templates (run again without --model)")
                }
                let snapshot = try ProjectReader.snapshot(target)
                let builder = try ProjectWalkthroughBuilder(language: language ?? snapshot.spec.language)
                catalog = builder.catalog
                walkthrough = builder.build(snapshot)
                walkthrough.findings = catalog.explain(reviewFindings)
            } else {
                let outline = try PythonOutliner().outline(target)
                guard !outline.files.isEmpty else { throw UserError(message: "\(path) holds no Python file to explain") }
                let builder = try OutlineWalkthroughBuilder(language: language ?? .en)
                catalog = builder.catalog
                walkthrough = builder.build(outline, title: target.standardizedFileURL.lastPathComponent, findings: reviewFindings)
                if model != nil { try addProse(to: &walkthrough, files: outline.files.filter { file == nil || $0.path == file }) }
            }
            if let file {
                guard walkthrough.files.contains(file) else {
                    throw UserError(message: "--file \(file) is not a file of \(path); choose one of: " + walkthrough.files.prefix(12).joined(separator: ", "))
                }
                walkthrough = walkthrough.focused(on: file)
            }
            let text: String
            switch format {
            case "html": text = HTMLRenderer(catalog: catalog).render(walkthrough)
            case "json":
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                text = String(decoding: try encoder.encode(walkthrough), as: UTF8.self) + "\n"
            default: text = MarkdownRenderer(catalog: catalog).render(walkthrough)
            }
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                say("Wrote \(output).")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        } catch let e as UserError {
            throw fail(e.message)
        } catch let e as ExplainError {
            throw fail(e.description)
        } catch let e as Resources.Missing {
            throw fail(e.description)
        }
    }

    /// Asks the model for line-by-line prose, one request per file, and merges the answers.
    func addProse(to walkthrough: inout Walkthrough, files: [PythonOutline.File]) throws {
        let resolved: ModelConfiguration?
        do { resolved = try ModelConfiguration.resolve(flags: .init(model: model, baseURL: baseURL)) } catch let p as ModelConfiguration.Problem {
            throw UserError(message: p.description)
        }
        guard let config = resolved else { throw UserError(message: "no model is configured: name one with --model") }
        let client = ChatClient(configuration: config, log: { say("sculpt: model: " + $0) })
        let language = walkthrough.language
        for file in files where file.error == nil {
            say("Asking the model '\(config.model)' about \(file.path)...")
            let (system, user) = LineProse.prompt(file: file.path, text: file.text, language: language)
            let request = ChatRequest(messages: [ChatMessage(.system, system), ChatMessage(.user, user)], responseFormat: .jsonObject)
            switch runCancellable({ try await client.complete(request) }) {
            case .success(let answer):
                if LineProse.merge(answer.content, file: file.path, into: &walkthrough) == 0 {
                    say("sculpt: warning: the model's answer for \(file.path) was not the JSON asked for; its lines keep only the structural notes")
                }
            case .failure(let e as ModelError) where e.kind == .cancelled:
                throw ExitCode(130)
            case .failure(let e as ModelError):
                throw UserError(message: e.message)
            case .failure(let e):
                throw UserError(message: config.apiKey?.scrub("\(e)") ?? "\(e)")
            }
        }
    }

    /// `sculpt new --explain`: the Markdown walk-through as `EXPLAIN.md` in the project, in the
    /// requirement's language, with the verification's checks when there was one.
    static func writeExplainFile(in project: URL, quiet: Bool) throws {
        do {
            let snapshot = try ProjectReader.snapshot(project)
            let builder = try ProjectWalkthroughBuilder(language: snapshot.spec.language)
            let text = MarkdownRenderer(catalog: builder.catalog).render(builder.build(snapshot))
            try Data(text.utf8).write(to: project.appendingPathComponent("EXPLAIN.md"))
            if !quiet { say("Wrote \(project.path)/EXPLAIN.md.") }
        } catch let e as ExplainError {
            throw UserError(message: e.description)
        }
    }
}

import Foundation
import SculptCore

/// `sculpt dataset clean`: runs the shipped Python pipeline (`Resources/Dataset/clean.py`, built on
/// datatrove) over folders or JSONL files of code and Q&A posts.
///
/// The pipeline lives in Python because the tools made for it (datatrove's readers, filters and
/// MinHash deduplication, which also run on a Slurm cluster when a corpus outgrows one machine)
/// do. Its Python is `SCULPT_DATASET_PYTHON`, else the environment `scripts/setup-machine` makes
/// under `~/.cache/sculpt/dataset-venv`; when neither has datatrove the error says how to get it.
public struct CleanPipeline {
    public var inputs: [URL]
    public var output: URL
    /// Files whose text overlaps these (JSONL with a `requirement`, or plain text) are removed.
    public var evaluationSets: [URL]
    public var environment: [String: String]

    public init(inputs: [URL], output: URL, evaluationSets: [URL], environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.inputs = inputs
        self.output = output
        self.evaluationSets = evaluationSets
        self.environment = environment
    }

    public func python() throws -> String {
        if let p = environment["SCULPT_DATASET_PYTHON"], !p.isEmpty { return p }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let cache = environment["SCULPT_CACHE"].map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: home).appendingPathComponent(".cache/sculpt")
        let venv = cache.appendingPathComponent("dataset-venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        throw DatasetError("no Python with datatrove found: run scripts/setup-machine (it makes \(venv)), or set SCULPT_DATASET_PYTHON")
    }

    /// Runs the pipeline; returns its summary lines. Throws with the pipeline's own last words on failure.
    public func run(timeout: Double = 3600) throws -> String {
        for input in inputs where !FileManager.default.fileExists(atPath: input.path) {
            throw DatasetError("no such input: \(input.path)")
        }
        let py = try python()
        let script = try Resources.url("Dataset/clean.py")
        var args = [py, script.path, "--output", output.path]
        for e in evaluationSets { args += ["--eval", e.path] }
        args += inputs.map(\.path)
        let result = try ProcessRunner().run(args, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                             environment: environment, timeout: timeout)
        if result.timedOut { throw DatasetError("the clean pipeline took longer than \(Int(timeout)) s") }
        if result.status != 0 {
            let last = result.output.split(separator: "\n").last(where: { !$0.isEmpty }).map(String.init) ?? "no output"
            throw DatasetError("the clean pipeline failed: \(last)")
        }
        return result.output
    }
}

import Foundation
import SculptCore

/// `sculpt dataset synth`: keeps only pairs whose spec validates and whose compact answer decodes
/// back to the same spec, runs a sample through `sculpt check` (generate the project, run its tests
/// and contract checks in the sandbox) and drops any that fail, splits by domain, and writes the
/// chat JSONL files, the held-out labels and the data card.
public struct DatasetSynthesizer {
    public var sources: SynthSources
    /// How many pairs go through `sculpt check` (each takes seconds to a minute); spread over sources.
    public var checkSample: Int
    public var split: DomainSplit
    public var verifierOptions: Verifier.Options
    public var progress: (String) -> Void

    public init(sources: SynthSources, checkSample: Int, split: DomainSplit = DomainSplit(),
                verifierOptions: Verifier.Options = Verifier.Options(), progress: @escaping (String) -> Void = { _ in }) {
        self.sources = sources
        self.checkSample = checkSample
        self.split = split
        self.verifierOptions = verifierOptions
        self.progress = progress
    }

    public struct Outcome {
        public var card: DataCard
        public var files: [URL]
    }

    public func run(output: URL) throws -> Outcome {
        let loaded = try sources.load()
        var dropped = loaded.dropped
        var kept: [LabelledRequirement] = []
        var seen = Set<String>()
        for pair in loaded.pairs {
            if let why = Self.problem(with: pair) { dropped.append((pair.id, why)); continue }
            guard seen.insert(pair.requirement).inserted else { dropped.append((pair.id, "the same requirement text as an earlier pair")); continue }
            kept.append(pair)
        }
        var checked: [(id: String, passed: Bool)] = []
        let sample = Self.sample(kept, count: checkSample)
        if !sample.isEmpty { progress("Running sculpt check on \(sample.count) of \(kept.count) pairs...") }
        var failed = Set<String>()
        for pair in sample {
            let (passed, why) = try check(pair.spec)
            checked.append((pair.id, passed))
            progress("  \(passed ? "✓" : "✗") \(pair.id)" + (passed ? "" : ": \(why)"))
            if !passed { failed.insert(pair.id); dropped.append((pair.id, "sculpt check failed: \(why)")) }
        }
        kept.removeAll { failed.contains($0.id) }
        let (train, held) = split.split(kept)
        let card = DataCard(train: train, heldOut: held, dropped: dropped, checked: checked,
                            droppedV2Items: loaded.droppedV2Items, seed: sources.seed)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let files = ["train.jsonl", "heldout.jsonl", "heldout.labels.jsonl"].map { output.appendingPathComponent($0) }
        try write(train.map { ChatRecord($0).jsonLine() }, to: files[0])
        try write(held.map { ChatRecord($0).jsonLine() }, to: files[1])
        try write(held.map(Self.labelLine), to: files[2])
        let cardURL = output.appendingPathComponent("DATACARD.md")
        try Data(card.markdown().utf8).write(to: cardURL)
        return Outcome(card: card, files: files + [cardURL])
    }

    /// Why a pair cannot be kept, or nil: the spec must validate and its compact form must decode to it.
    static func problem(with pair: LabelledRequirement) -> String? {
        let problems = SpecValidator.problems(in: pair.spec)
        if !problems.isEmpty { return "the spec does not validate: " + problems.prefix(2).map(\.description).joined(separator: "; ") }
        var withoutText = pair.spec
        withoutText.requirement = nil
        withoutText.clauses = []
        guard let decoded = try? SpecCoding.decode(Data(CompactSpec.encode(pair.spec).utf8)) else {
            return "the compact answer does not decode"
        }
        if decoded != withoutText { return "the compact answer decodes to a different spec" }
        return nil
    }

    /// Up to `count` pairs, taken round-robin over sources so each source is sampled.
    static func sample(_ pairs: [LabelledRequirement], count: Int) -> [LabelledRequirement] {
        guard count > 0 else { return [] }
        var bySource = LabelledRequirement.Source.allCases.map { s in pairs.filter { $0.source == s } }
        var out: [LabelledRequirement] = []
        var i = 0
        while out.count < count, bySource.contains(where: { !$0.isEmpty }) {
            let k = i % bySource.count
            if !bySource[k].isEmpty {
                // Spread over the source rather than its first few.
                let step = max(1, bySource[k].count / max(1, count))
                out.append(bySource[k].remove(at: min(bySource[k].count - 1, (i / bySource.count) * step % bySource[k].count)))
            }
            i += 1
        }
        return out
    }

    /// Generates the Flask project for a spec in a temporary folder and verifies it.
    func check(_ spec: AppSpec) throws -> (Bool, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-synth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try ProjectGenerator(backend: "flask").generate(spec)
        try ProjectWriter(destination: dir, force: true).write(files)
        var options = verifierOptions
        if options.sandbox == nil { options.sandbox = Sandbox.detect(limits: options.limits, environment: ProcessInfo.processInfo.environment) }
        let report = Verifier(project: dir, options: options).verify()
        if report.passed { return (true, "") }
        let step = report.steps.first { $0.status == .failed }
        return (false, step.map { "\($0.name): \($0.detail.prefix(160))" } ?? "a contract check failed")
    }

    static func labelLine(_ p: LabelledRequirement) -> String {
        var spec = p.spec
        spec.clauses = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let specJSON = String(decoding: (try? encoder.encode(spec)) ?? Data(), as: UTF8.self)
        var line = "{\"id\":\(CompactSpec.quote(p.id)),\"domain\":\(CompactSpec.quote(p.domain)),\"source\":\"\(p.source.rawValue)\",\"language\":\"\(p.spec.language.rawValue)\",\"requirement\":\(CompactSpec.quote(p.requirement)),\"spec\":\(specJSON)"
        if let e = p.goldExpect { line += ",\"expect\":\(e)" }
        return line + "}"
    }

    func write(_ lines: [String], to url: URL) throws {
        try Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8).write(to: url)
    }
}

import Foundation
import SculptCore

/// Reads the labelled pairs the synthesiser starts from: the understanding benchmark's gold cases,
/// the test fixtures' specs, the acceptance requirements (labelled by the offline parser) and the
/// lexicon paraphrases. A source that cannot be read is reported, never silently skipped.
public struct SynthSources: Sendable {
    public var goldCases: URL?
    public var fixtureSpecs: URL?
    public var acceptanceCases: URL?
    public var variantsPerEntity: Int
    public var seed: UInt64

    public init(goldCases: URL?, fixtureSpecs: URL?, acceptanceCases: URL?, variantsPerEntity: Int, seed: UInt64) {
        self.goldCases = goldCases
        self.fixtureSpecs = fixtureSpecs
        self.acceptanceCases = acceptanceCases
        self.variantsPerEntity = variantsPerEntity
        self.seed = seed
    }

    public struct Loaded: Sendable {
        public var pairs: [LabelledRequirement] = []
        public var dropped: [(id: String, reason: String)] = []
        public var droppedV2Items = 0
    }

    public func load() throws -> Loaded {
        var out = Loaded()
        if let dir = goldCases {
            for url in try files(in: dir, ext: "json") {
                do {
                    let r = try GoldCaseLabel.label(caseJSON: try Data(contentsOf: url))
                    out.pairs.append(r.pair)
                    out.droppedV2Items += r.droppedV2Items
                } catch {
                    out.dropped.append((url.lastPathComponent, "unreadable gold case: \(error)"))
                }
            }
        }
        if let dir = fixtureSpecs {
            for url in try files(in: dir, ext: "json") {
                let id = "fixture_" + url.deletingPathExtension().lastPathComponent
                guard let data = try? Data(contentsOf: url), let spec = try? JSONDecoder().decode(AppSpec.self, from: data),
                      let req = spec.requirement, !req.isEmpty else {
                    out.dropped.append((id, "no spec with a requirement in \(url.lastPathComponent)"))
                    continue
                }
                out.pairs.append(LabelledRequirement(id: id, requirement: req, spec: spec, domain: LabelledRequirement.domain(of: spec), source: .fixture))
            }
        }
        if let dir = acceptanceCases {
            for url in try files(in: dir, ext: "py") {
                let id = "acceptance_" + url.deletingPathExtension().lastPathComponent
                guard let text = try? String(contentsOf: url, encoding: .utf8), let req = Self.requirement(inPython: text) else {
                    out.dropped.append((id, "no REQUIREMENT string in \(url.lastPathComponent)"))
                    continue
                }
                do {
                    let u = try RequirementParser().understand(req)
                    out.pairs.append(LabelledRequirement(id: id, requirement: req, spec: u.spec, domain: LabelledRequirement.domain(of: u.spec), source: .acceptance))
                } catch {
                    out.dropped.append((id, "the offline parser could not read it: \(error)"))
                }
            }
        }
        out.pairs += RequirementParaphraser(lexicon: try Lexicon.shipped(), variantsPerEntity: variantsPerEntity, seed: seed).pairs()
        return out
    }

    func files(in dir: URL, ext: String) throws -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw DatasetError("cannot read the folder \(dir.path): give an existing folder, or leave that source out")
        }
        return names.filter { $0.hasSuffix("." + ext) && !$0.hasPrefix("_") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The value of `REQUIREMENT = "..."` or `REQUIREMENT = ("..." "...")` in an acceptance case.
    public static func requirement(inPython text: String) -> String? {
        guard let start = text.range(of: "REQUIREMENT = ") else { return nil }
        var rest = text[start.upperBound...]
        let grouped = rest.hasPrefix("(")
        if grouped { rest = rest.dropFirst() }
        var pieces: [String] = []
        while true {
            rest = rest.drop { $0 == " " || $0 == "\n" }
            guard let q = rest.first, q == "\"" || q == "'" else { break }
            rest = rest.dropFirst()
            var piece = ""
            var escaped = false
            while let c = rest.first {
                rest = rest.dropFirst()
                if escaped { piece.append(c == "n" ? "\n" : c); escaped = false; continue }
                if c == "\\" { escaped = true; continue }
                if c == q { break }
                piece.append(c)
            }
            pieces.append(piece)
            if !grouped { break }
        }
        let joined = pieces.joined()
        return joined.isEmpty ? nil : joined
    }
}

import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// `sculpt dataset synth`: the labels are right, the answer format round-trips, the split keeps
/// domains apart, and the whole run writes what fine-tuning and evaluation read.
@Suite struct DatasetSynthTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    func fixtureSpecs() throws -> [AppSpec] {
        let dir = Self.fixtures.appendingPathComponent("specs")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { try SpecCoding.decode(Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    @Test func compactAnswerDecodesToTheSameSpec() throws {
        let paraphrases = RequirementParaphraser(lexicon: try Lexicon.shipped(), variantsPerEntity: 1).pairs().map(\.spec)
        var compactSize = 0, fullSize = 0
        for spec in try fixtureSpecs() + paraphrases {
            var expected = spec
            expected.requirement = nil
            expected.clauses = []
            let compact = CompactSpec.encode(spec)
            #expect(try SpecCoding.decode(Data(compact.utf8)) == expected, "\(spec.name): \(compact)")
            compactSize += compact.count
            fullSize += SpecCoding.encode(expected).count
        }
        #expect(compactSize * 2 < fullSize, "the compact form should be less than half the size: \(compactSize) vs \(fullSize)")
    }

    @Test func compactAnswerLeavesDefaultsOut() throws {
        let spec = try fixtureSpecs().first { $0.name == "product_catalog" || $0.entities.first?.name == "product" }!
        let compact = CompactSpec.encode(spec)
        #expect(!compact.contains("\"unique\":false") && !compact.contains("\"required\":false"))
        #expect(!compact.contains("clauses") && !compact.contains("requirement"))
        #expect(compact.hasPrefix("{\"version\":1,\"name\":"))
    }

    @Test func paraphrasesAreValidDeterministicAndSayWhatTheSpecSays() throws {
        let lexicon = try Lexicon.shipped()
        let a = RequirementParaphraser(lexicon: lexicon, variantsPerEntity: 2, seed: 3).pairs()
        let b = RequirementParaphraser(lexicon: lexicon, variantsPerEntity: 2, seed: 3).pairs()
        let c = RequirementParaphraser(lexicon: lexicon, variantsPerEntity: 2, seed: 4).pairs()
        #expect(a == b)
        #expect(a != c)
        #expect(a.count > 300)
        #expect(Set(a.map(\.spec.language)) == [.zh, .en])
        for p in a {
            #expect(SpecValidator.problems(in: p.spec).isEmpty, "\(p.id): \(SpecValidator.problems(in: p.spec))")
            let e = p.spec.entities[0]
            #expect(p.requirement.lowercased().contains(e.label.lowercased()), "\(p.id): \(p.requirement)")
            for f in e.fields where f.type == .enumeration {
                for v in f.allowedValues ?? [] { #expect(p.requirement.contains(v), "\(p.id) lacks \(v)") }
            }
            for f in e.fields {
                if let max = f.maxLength { #expect(p.requirement.contains("\(max)"), "\(p.id) lacks \(max)") }
            }
        }
        // Every style and language is used.
        #expect(a.contains { $0.requirement.contains("\n- ") })
        #expect(a.contains { $0.spec.accounts != nil } && a.contains { $0.spec.accounts == nil })
    }

    @Test func goldCaseBecomesASpecWithItsConstraints() throws {
        let caseJSON = #"""
        {"id": "cars_en", "language": "en", "requirement": "Cars: VIN (17 characters, unique, required), year 1990-2030, price > 0, fuel petrol or diesel (default petrol). CRUD, search by VIN. Admins manage cars.",
         "expect": {"accounts": null, "entities": [{"names": ["car", "vehicle"], "fields": [
            {"names": ["vin"], "type": "string", "minLength": 17, "maxLength": 17, "unique": true, "required": true},
            {"names": ["year"], "type": ["integer", "number"], "minimum": 1990, "exclusive": false, "maximum": 2030},
            {"names": ["price"], "type": "number", "minimum": 0, "exclusive": true},
            {"names": ["fuel_type", "fuel"], "type": "enum", "enum": [["petrol", "gasoline"], "diesel"], "default": ["petrol", "gasoline"]}],
            "searchable": ["vin"], "access": {"write": "role:admin"}}],
          "relations": [], "roles": [["admin"]], "actions": []}}
        """#
        let r = try GoldCaseLabel.label(caseJSON: Data(caseJSON.utf8))
        let spec = r.pair.spec
        #expect(SpecValidator.problems(in: spec).isEmpty)
        let car = try #require(spec.entity(named: "car"))
        #expect(car.plural == "cars" && car.searchable == ["vin"])
        #expect(car.field(named: "vin")?.minLength == 17 && car.field(named: "vin")?.unique == true)
        #expect(car.field(named: "year")?.type == .integer && car.field(named: "year")?.minimum == 1990)
        #expect(car.field(named: "price")?.exclusiveMinimum == 0 && car.field(named: "price")?.minimum == nil)
        #expect(car.field(named: "fuel_type")?.allowedValues == ["petrol", "diesel"])
        #expect(car.field(named: "fuel_type")?.defaultValue == .string("petrol"))
        #expect(car.grants(for: .create) == [.role("admin")] && car.grants(for: .delete) == [.role("admin")],
                "role access becomes the role's permission on every write")
        #expect(spec.roles.map(\.name) == ["admin"] && spec.version == 2)
        #expect(r.droppedV2Items == 0)
        #expect(r.pair.domain == "car" && r.pair.goldExpect?.contains("role:admin") == true)
    }

    @Test func splitKeepsEachDomainOnOneSide() throws {
        let pairs = RequirementParaphraser(lexicon: try Lexicon.shipped(), variantsPerEntity: 2).pairs()
        let (train, held) = DomainSplit(heldOutPercent: 20).split(pairs)
        #expect(!held.isEmpty && train.count > held.count)
        #expect(Set(train.map(\.domain)).isDisjoint(with: Set(held.map(\.domain))))
        #expect(train.count + held.count == pairs.count)
    }

    @Test func chatRecordIsTheFineTuningShape() throws {
        let pair = RequirementParaphraser(lexicon: try Lexicon.shipped(), variantsPerEntity: 1).pairs()[0]
        let line = ChatRecord(pair).jsonLine()
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Array(obj.keys) == ["messages"])
        let messages = try #require(obj["messages"] as? [[String: String]])
        #expect(messages.map { $0["role"]! } == ["system", "user", "assistant"])
        #expect(messages[1]["content"] == TrainingPrompt.user(pair.requirement))
        #expect(!line.contains("\n"))
    }

    @Test func acceptanceRequirementIsReadFromItsPythonCase() {
        let text = "LANG = \"zh\"\nREQUIREMENT = (\"做一个博客系统：\"\n               \"文章可以按标题搜索。\")\n\ndef check(app): pass\n"
        #expect(SynthSources.requirement(inPython: text) == "做一个博客系统：文章可以按标题搜索。")
        #expect(SynthSources.requirement(inPython: "REQUIREMENT = 'A todo list.'\n") == "A todo list.")
        #expect(SynthSources.requirement(inPython: "X = 1\n") == nil)
    }

    /// The whole command path on a small corpus, with one pair through a real `sculpt check`.
    @Test func synthWritesChatFilesLabelsAndACard() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-synth-test-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: out) }
        let sources = SynthSources(goldCases: nil, fixtureSpecs: Self.fixtures.appendingPathComponent("specs"),
                                   acceptanceCases: nil, variantsPerEntity: 1, seed: 14)
        let outcome = try DatasetSynthesizer(sources: sources, checkSample: 1, split: DomainSplit(heldOutPercent: 20)).run(output: out)
        let card = outcome.card
        #expect(card.checked.count == 1)
        #expect(card.checked.allSatisfy { $0.passed }, "the sampled project should pass sculpt check: \(card.dropped)")
        let train = try String(contentsOf: out.appendingPathComponent("train.jsonl"), encoding: .utf8).split(separator: "\n")
        let labels = try String(contentsOf: out.appendingPathComponent("heldout.labels.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(train.count == card.train.count && labels.count == card.heldOut.count)
        #expect(card.train.contains { $0.source == .fixture } || card.heldOut.contains { $0.source == .fixture })
        let markdown = try String(contentsOf: out.appendingPathComponent("DATACARD.md"), encoding: .utf8)
        #expect(markdown.contains("| train | \(card.train.count) |"))
        #expect(markdown.contains("Held-out domains:"))
        for line in labels {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(obj["spec"] is [String: Any] && obj["domain"] is String)
        }
    }
}

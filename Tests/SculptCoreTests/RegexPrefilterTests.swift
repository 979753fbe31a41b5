import Foundation
import Testing
@testable import SculptCore

/// The words a pattern needs (`RegexPrefilter`): a clause without them is passed over, so a wrong
/// word would silently lose a match. Checked on hand-made patterns and, for soundness, on every
/// pattern the parser uses against the fixture requirements and their clauses.
@Suite("Regex prefilter")
struct RegexPrefilterTests {
    func words(_ pattern: String) -> [[String]] {
        RegexPrefilter(pattern: pattern).groups.map { $0.map { String(decoding: $0, as: UTF8.self) }.sorted() }
    }

    @Test("literal runs, alternations and quantifiers give the words a match needs")
    func needs() {
        #expect(words("(?:至少|最少)\\s*(\\d+)") == [["最少", "至少"]])
        #expect(words("\\bbelongs?\\s+to\\b") == [["belong"], ["to"]])
        #expect(words("ab?c") == [["a"], ["c"]])
        #expect(words("abc+") == [["ab"], ["c"]])
        #expect(words("(?:x|y*)z") == [["z"]], "a branch that needs nothing makes its group need nothing")
        #expect(words("[abc]+def") == [["def"]])
        #expect(words("(?<!least )(\\d+)\\s+chars") == [["chars"]], "a lookbehind's words are not needed")
        #expect(words("Only(?=x)") == [["only"]], "upper-case ASCII is compared without case")
        #expect(words("a{0,2}b") == [["b"]])
        #expect(words("\\.txt") == [[".txt"]])
        #expect(words("(?i)\\s*(?:values?|options?)$") == [["option", "value"]])
    }

    @Test("syntax the analysis does not read needs nothing (the pattern always runs)")
    func unread() {
        #expect(words("(a)\\1").isEmpty)
        #expect(words("\\Qabc\\E").isEmpty)
        #expect(words("é").isEmpty, "a non-ASCII letter with case is not used")
        #expect(words(".*").isEmpty)
        #expect(words("a|").isEmpty)
    }

    @Test("texts with letters that fold onto ASCII always run the pattern")
    func folding() {
        let f = RegexPrefilter(pattern: "\\bfind\\b")
        #expect(f.mayMatch("You can FIND it"))
        #expect(!f.mayMatch("You can look it up，好的"))
        #expect(f.mayMatch("ﬁnd it"), "the ligature ﬁ folds to fi")
        #expect(f.mayMatch("café"), "é is not fold-safe: no shortcut")
        let k = RegexPrefilter(pattern: "kelvin")
        #expect(k.mayMatch("\u{212A}elvin"))
    }

    /// Requirements in both languages: the fixtures' own and a few with mixed case and symbols.
    static func corpus() throws -> [String] {
        var texts: [String] = [
            "Only ADMINS can Delete a Project that still has Issues; VIN is 17 characters exactly.",
            "Orders have many ITEMS — each Item belongs to an Order. Price >= 0, quantity ≥ 1, rating 1-5.",
            "图书有书名（必填，最多50个字）、作者和库存（不能为负），借书时库存减一，库存为0时不能借。",
            "As a shop owner, I want to add products so that I can sell them. Status can be Draft, Published or Archived.",
            "Books have a title (at most fifty characters) and a rating between one and five.",
        ]
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/specs")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".json") {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            if let o = try JSONSerialization.jsonObject(with: data) as? [String: Any], let r = o["requirement"] as? String { texts.append(r) }
        }
        return texts
    }

    @Test("every pattern the parser used matches only texts its prefilter lets through")
    func soundOnParserPatterns() throws {
        let texts = try Self.corpus()
        for t in texts { _ = try? RequirementParser(allowPartial: true).understand(t) }
        var samples: [String] = []
        for t in texts {
            let language = ClauseSplitter.language(of: t)
            samples.append(t)
            samples.append(t.lowercased())
            for p in ClauseSplitter.split(t, language: language) { samples.append(p.text); samples.append(p.text.lowercased()) }
        }
        var patterns = RegexCache.patterns
        // The constraint rules, as the reader builds them (numbers in digits and in words).
        let file = try ConstraintReader.File.shipped()
        for language in Language.allCases {
            for words in [false, true] {
                let number = NumberWords.pattern(language, englishWords: words)
                patterns += (language == .zh ? file.zh + file.en : file.en).map { ConstraintReader.numbersAsWords($0.pattern, number: number) }
            }
        }
        #expect(patterns.count > 50, "the parser ran its patterns")
        var checked = 0
        for pattern in patterns {
            guard let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { continue }
            let f = RegexPrefilter(pattern: pattern)
            for s in samples where re.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil {
                checked += 1
                #expect(f.mayMatch(s), "prefilter \(f.groups.map { $0.map { String(decoding: $0, as: UTF8.self) } }) rejects a text /\(pattern)/ matches: \(s)")
            }
        }
        #expect(checked > 100)
    }
}

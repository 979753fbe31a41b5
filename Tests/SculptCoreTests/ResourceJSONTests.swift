import Foundation
import Testing
@testable import SculptCore

/// The word lists are read by `ResourceJSON` (fast at start-up) instead of `JSONDecoder`: both
/// readings must give the same lexicon, and the reader must be a correct JSON reader.
@Suite("Resource JSON")
struct ResourceJSONTests {
    @Test("the shipped lexicon reads the same as with JSONDecoder")
    func lexiconAgrees() throws {
        let data = try Resources.data("Lexicon/lexicon.json")
        let slow = try JSONDecoder().decode(Lexicon.self, from: data)
        let fast = try Lexicon(json: ResourceJSONField(ResourceJSON.parse(data), path: "lexicon"))
        #expect(fast == slow)
        #expect(try Lexicon.shipped() == slow)
        #expect(!fast.entities.isEmpty && !fast.fields.isEmpty)
    }

    @Test("the shipped domain words read the same as with JSONDecoder")
    func domainAgrees() throws {
        let data = try Resources.data("Lexicon/domain.json")
        let slow = try JSONDecoder().decode(DomainLexicon.self, from: data)
        let fast = try DomainLexicon(json: ResourceJSONField(ResourceJSON.parse(data), path: "domain"))
        #expect(fast.roles == slow.roles)
        #expect(fast.actions == slow.actions)
        #expect(fast.parts == slow.parts)
        #expect(fast.records == slow.records)
        #expect(fast.quantifiers == slow.quantifiers)
        #expect(fast.actions.contains { $0.participation != nil } && fast.records.contains { $0.fields.contains { $0.defaultIndex != nil } })
    }

    @Test("the shipped constraint rules read the same as with JSONDecoder, and every pattern compiles")
    func constraintsAgree() throws {
        let slow = try JSONDecoder().decode(ConstraintReader.File.self, from: Resources.data("Lexicon/constraints.json"))
        let fast = try ConstraintReader.File.shipped()
        #expect(fast == slow)
        for language in Language.allCases {
            for words in [false, true] {
                let number = NumberWords.pattern(language, englishWords: words)
                for rule in (language == .zh ? fast.zh + fast.en : fast.en) {
                    let p = rule.pattern.replacingOccurrences(of: "\\d+(?:\\.\\d+)?", with: "\u{1}").replacingOccurrences(of: "\\d+", with: "\u{1}")
                        .replacingOccurrences(of: "\u{1}", with: number)
                    #expect(ConstraintReader.numbersAsWords(rule.pattern, number: number) == p)
                    #expect((try? NSRegularExpression(pattern: p, options: [.caseInsensitive])) != nil, "\(rule.kind): \(rule.pattern)")
                }
            }
        }
    }

    @Test("escapes, numbers and nesting read as JSONSerialization reads them")
    func reader() throws {
        let text = #"{"a": "x\"y\\z\/\n\t\u00e9\u4e2d\ud83d\ude00", "b": [1, -2.5, 3e2, true, false, null, []], "c": {"d": {}}, "中文": "值"}"#
        let v = try ResourceJSON.parse(Data(text.utf8))
        #expect(v == .object([
            .init(key: "a", value: .string("x\"y\\z/\n\té中😀")),
            .init(key: "b", value: .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null, .array([])])),
            .init(key: "c", value: .object([.init(key: "d", value: .object([]))])),
            .init(key: "中文", value: .string("值")),
        ]))
        #expect(try ResourceJSON.parse(Data(#"{"k": 1, "k": 2}"#.utf8)).member("k") == .number(2), "a key written twice reads as its last value")
    }

    @Test("damaged JSON and wrong shapes are refused with where and what")
    func problems() throws {
        for bad in [#"{"a": }"#, #"{"a": "x"#, #"[1, 2"#, #"{"a": tru}"#, #"{"a": "\x"}"#, #"{} x"#, #"{"a": "\ud800"}"#] {
            #expect(throws: ResourceJSON.Problem.self, "\(bad)") { try ResourceJSON.parse(Data(bad.utf8)) }
        }
        let j = ResourceJSONField(try ResourceJSON.parse(Data(#"{"name": 3, "list": ["a", 1]}"#.utf8)), path: "x")
        #expect(throws: ResourceJSON.Problem.self) { try j["name"].string() }
        #expect(throws: ResourceJSON.Problem.self) { try j["list"].strings() }
        #expect(throws: ResourceJSON.Problem.self) { try j["missing"].bool() }
        #expect(try j["missing"].optional { try $0.bool() } == nil)
        do { _ = try j["list"].strings() } catch { #expect("\(error)".contains("x.list[1]")) }
    }
}

import Foundation
import Testing
@testable import SculptCore

/// The pinyin table stands in for ICU's Han-Latin transliterator when naming unknown Chinese nouns:
/// it must give ICU's syllables, for single ideographs and for words.
@Suite("Pinyin table")
struct PinyinTableTests {
    @Test("the table gives ICU's reading for a sample of ideographs and for the lexicon's words")
    func agreesWithICU() throws {
        let table = try #require(PinyinTable.shipped())
        var chars: [String] = []
        for v in stride(from: PinyinTable.first, through: PinyinTable.last, by: 41) { chars.append(String(Character(Unicode.Scalar(v)!))) }
        for c in chars {
            let icu = Identifiers.icuLatin(c)
            if let t = table.latin(c) { #expect(t == icu, "\(c): table \(t), ICU \(icu)") }
        }
        let lexicon = try Lexicon.shipped()
        let words = lexicon.entities.flatMap(\.zh) + lexicon.fields.flatMap(\.zh) + Array((lexicon.morphemes ?? [:]).keys)
        var covered = 0
        for w in words where w.unicodeScalars.allSatisfy({ (PinyinTable.first...PinyinTable.last).contains($0.value) }) {
            let t = try #require(table.latin(w), "\(w) has an ideograph the table lacks")
            #expect(t == Identifiers.icuLatin(w), "\(w)")
            covered += 1
        }
        #expect(covered > 500)
    }

    @Test("words with anything but table ideographs go to ICU; names are the same either way")
    func names() throws {
        let table = try #require(PinyinTable.shipped())
        #expect(table.latin("A车") == nil && table.latin("车 位") == nil && table.latin("") == nil)
        #expect(table.latin("用户名") == "yong hu ming")
        for w in ["用户名", "投诉", "A车", "目标金额", "车 位", "ｘ号"] {
            let icu = Identifiers.snake(Identifiers.icuLatin(w))
            #expect(Identifiers.pinyin(w) == (icu.isEmpty ? "field" : icu), "\(w)")
        }
    }
}

import Foundation

/// The toneless pinyin of each CJK ideograph (`Resources/Lexicon/pinyin.txt`, generated from ICU by
/// `scripts/pinyin-table.swift`), for naming unknown Chinese nouns: ICU's Han-Latin transliterator
/// takes ~75 ms to build in every process that needs it, this table well under a millisecond to load.
struct PinyinTable: Sendable {
    static let first: UInt32 = 0x4E00, last: UInt32 = 0x9FFF
    /// The readings, and for each ideograph from `first` the index of its reading plus one (0: none).
    private let readings: [String]
    private let readingOf: [UInt16]

    init(text: String) {
        var readings: [String] = []
        var readingOf = [UInt16](repeating: 0, count: Int(Self.last - Self.first + 1))
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            readings.append(String(line[..<tab]))
            for s in line[line.index(after: tab)...].unicodeScalars where (Self.first...Self.last).contains(s.value) {
                readingOf[Int(s.value - Self.first)] = UInt16(readings.count)
            }
        }
        self.readings = readings
        self.readingOf = readingOf
    }

    /// The text's syllables joined by spaces, as ICU writes them; nil unless every character is an
    /// ideograph of the table (anything else is left to ICU).
    func latin(_ text: String) -> String? {
        var out: [String] = []
        for s in text.unicodeScalars {
            guard (Self.first...Self.last).contains(s.value) else { return nil }
            let r = Int(readingOf[Int(s.value - Self.first)])
            guard r > 0 else { return nil }
            out.append(readings[r - 1])
        }
        return out.isEmpty ? nil : out.joined(separator: " ")
    }

    /// The shipped table, loaded at first use; nil when it is missing (ICU is used instead).
    static func shipped() -> PinyinTable? {
        if let t = cache.value { return t }
        let t = (try? Resources.text("Lexicon/pinyin.txt")).map(PinyinTable.init(text:))
        cache.set(t)
        return t
    }

    private static let cache = Locked<PinyinTable??>(nil)
}

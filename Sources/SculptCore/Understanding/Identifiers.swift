import Foundation

/// Makes English code identifiers from words a user wrote, in either language.
enum Identifiers {
    static let englishStopwords: Set<String> = ["a", "an", "the", "its", "their", "his", "her", "our", "your", "of", "for", "each", "every", "some", "any"]

    /// `Stock count` → `stock_count`; keeps ASCII letters and digits only.
    static func snake(_ words: [String]) -> String {
        let cleaned = words.map { w in
            String(w.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
        }.filter { !$0.isEmpty }
        var s = cleaned.joined(separator: "_")
        if let f = s.first, f.isNumber { s = "n_" + s }
        if s.count > 40 { s = String(s.prefix(40)).trimmingCharacters(in: CharacterSet(charactersIn: "_")) }
        return s
    }

    static func snake(_ phrase: String) -> String {
        snake(phrase.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init))
    }

    /// A readable identifier for Chinese words not in the lexicon: their pinyin without tones.
    static func pinyin(_ text: String) -> String {
        // Each word is named once per process.
        if let known = pinyinCache.value[text] { return known }
        let s = transliterated(text)
        pinyinCache.mutate { $0[text] = s }
        return s
    }

    private static let pinyinCache = Locked<[String: String]>([:])

    private static func transliterated(_ text: String) -> String {
        // Ideographs by the table (the same syllables as ICU, without building its transliterator).
        let latin = PinyinTable.shipped()?.latin(text) ?? icuLatin(text)
        let s = snake(latin)
        return s.isEmpty ? "field" : s
    }

    /// ICU's toneless transliteration (what the pinyin table was made from).
    static func icuLatin(_ text: String) -> String {
        text.applyingTransform(.toLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false) ?? ""
    }

    /// Title case for English labels: `stock count` → `Stock count`.
    static func sentenceCase(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }
}

import Foundation

/// One constraint phrase found in a requirement ("at most 100 characters" → maxLength 100).
struct ConstraintHit: Equatable, Sendable {
    enum Kind: String, Decodable, Sendable {
        case lengthRange, maxLength, minLength, range, nonNegative, positive, minimum, exclusiveMinimum, maximum
        case required, optional, unique, integer, number, `default`, allowed, exactLength, boolean
    }

    var kind: Kind
    /// The captured groups: numbers, a default value, a list of allowed values.
    var values: [String]
    /// Where the phrase starts, in characters from the start of the text read.
    var offset: Int
    var phrase: String

    func number(_ i: Int) -> Double? { i < values.count ? NumberWords.value(values[i]) : nil }
}

/// Finds constraint phrases with the patterns of `Resources/Lexicon/constraints.json`.
///
/// Patterns are tried in order and each match is blanked out before the next pattern runs, so a
/// precise phrase ("3到20个字符") is never read again by a looser one ("至少3").
struct ConstraintReader: Sendable {
    /// Compiled once per language: a parse must stay a few milliseconds.
    private static let cache = Locked<[Language: ConstraintReader]>([:])

    /// Held while a reader is compiled, so a second caller waits for it instead of compiling again.
    private static let building = NSLock()

    static func shipped(_ language: Language) throws -> ConstraintReader {
        if let r = cache.value[language] { return r }
        building.lock(); defer { building.unlock() }
        if let r = cache.value[language] { return r }
        let r = try ConstraintReader(language: language)
        cache.mutate { $0[language] = r }
        return r
    }

    /// Starts compiling the language's patterns on another thread (they take as long as loading the
    /// lexicon, which the parse does meanwhile); `shipped` then returns them or waits for them.
    static func prepareInBackground(_ language: Language) {
        guard cache.value[language] == nil else { return }
        Thread.detachNewThread { _ = try? shipped(language) }
    }

    private struct Rule: Decodable { var kind: ConstraintHit.Kind; var pattern: String }
    private struct File: Decodable { var zh: [Rule]; var en: [Rule] }

    private let rules: [(ConstraintHit.Kind, NSRegularExpression)]
    private let language: Language

    init(language: Language, englishWords: Bool = false) throws {
        let file = try JSONDecoder().decode(File.self, from: Resources.data("Lexicon/constraints.json"))
        let list = language == .zh ? file.zh + file.en : file.en
        // Every number in a pattern also matches numbers in words ("五十" always; "fifty" in the variant
        // used only for texts that contain an English number word, as those patterns are slow to compile).
        self.language = language
        let number = NumberWords.pattern(language, englishWords: englishWords)
        rules = try list.map { rule in
            let pattern = rule.pattern.replacingOccurrences(of: "\\d+(?:\\.\\d+)?", with: "\u{1}").replacingOccurrences(of: "\\d+", with: "\u{1}")
                .replacingOccurrences(of: "\u{1}", with: number)
            return (rule.kind, try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]))
        }
    }

    private static let wordCache = Locked<[Language: ConstraintReader]>([:])

    /// The reader for `text`: the one that also reads English number words when the text has any.
    func forText(_ text: String, language: Language) -> ConstraintReader {
        guard NumberWords.hasEnglishNumberWord(text) else { return self }
        if let r = Self.wordCache.value[language] { return r }
        guard let r = try? ConstraintReader(language: language, englishWords: true) else { return self }
        Self.wordCache.mutate { $0[language] = r }
        return r
    }

    func read(_ text: String) -> [ConstraintHit] {
        forText(text, language: language).readAll(text)
    }

    private func readAll(_ text: String) -> [ConstraintHit] {
        var working = text as NSString
        // UTF-16 offsets (what NSRegularExpression reports) to Character offsets, computed once.
        var characterAt: [Int] = []
        characterAt.reserveCapacity(working.length + 1)
        for (n, c) in text.enumerated() { for _ in 0..<c.utf16.count { characterAt.append(n) } }
        characterAt.append(text.count)
        func characterOffset(_ utf16: Int) -> Int { utf16 < characterAt.count ? characterAt[utf16] : text.count }
        var hits: [ConstraintHit] = []
        for (kind, regex) in rules {
            let matches = regex.matches(in: working as String, range: NSRange(location: 0, length: working.length))
            for m in matches {
                var values: [String] = []
                for g in 1..<max(1, m.numberOfRanges) where m.range(at: g).location != NSNotFound {
                    values.append(working.substring(with: m.range(at: g)).trimmingCharacters(in: .whitespaces))
                }
                hits.append(ConstraintHit(kind: kind, values: values, offset: characterOffset(m.range.location),
                                          phrase: working.substring(with: m.range)))
            }
            for m in matches.reversed() {
                working = working.replacingCharacters(in: m.range, with: String(repeating: " ", count: m.range.length)) as NSString
            }
        }
        return hits.sorted { $0.offset < $1.offset }
    }
}

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
    /// Read once per language and process (others wait while one thread reads it); each pattern is
    /// compiled when a clause first holds the words it needs.
    private static let zh = Result<ConstraintReader, any Error> { try ConstraintReader(language: .zh) }
    private static let en = Result<ConstraintReader, any Error> { try ConstraintReader(language: .en) }

    static func shipped(_ language: Language) throws -> ConstraintReader {
        try (language == .zh ? zh : en).get()
    }

    struct Rule: Decodable, Equatable { var kind: ConstraintHit.Kind; var pattern: String }
    /// `Resources/Lexicon/constraints.json`: each language's rules, in the order they are tried.
    struct File: Decodable, Equatable {
        var zh: [Rule]
        var en: [Rule]

        static func shipped() throws -> File { try loaded.get() }

        /// Read once per process (both languages' readers use it).
        private static let loaded = Result<File, any Error> {
            try File(json: ResourceJSONField(ResourceJSON.parse(Resources.data("Lexicon/constraints.json")), path: "constraints"))
        }

        /// Read without `JSONDecoder` (see `ResourceJSON`).
        init(json j: ResourceJSONField) throws {
            func rules(_ f: ResourceJSONField) throws -> [Rule] {
                try f.map { Rule(kind: try $0["kind"].raw(ConstraintHit.Kind.self), pattern: try $0["pattern"].string()) }
            }
            zh = try rules(j["zh"])
            en = try rules(j["en"])
        }
    }

    /// Each kind with its pattern (compiled lazily by `RegexCache`, case-insensitive) and the words it needs.
    private let rules: [(ConstraintHit.Kind, String, RegexPrefilter)]
    private let language: Language

    init(language: Language, englishWords: Bool = false) throws {
        let file = try File.shipped()
        let list = language == .zh ? file.zh + file.en : file.en
        // Every number in a pattern also matches numbers in words ("五十" always; "fifty" in the variant
        // used only for texts that contain an English number word, as those patterns are slow to compile).
        self.language = language
        let number = NumberWords.pattern(language, englishWords: englishWords)
        rules = list.map { rule in
            let pattern = Self.numbersAsWords(rule.pattern, number: number)
            return (rule.kind, pattern, RegexPrefilter(pattern: pattern))
        }
    }

    /// The pattern with each number (`\d+(?:\.\d+)?` or `\d+`) replaced by `number`, in one pass
    /// over the bytes (Foundation's replacing goes through NSString, slow at start-up).
    static func numbersAsWords(_ pattern: String, number: String) -> String {
        let decimal = Array("\\d+(?:\\.\\d+)?".utf8), whole = Array("\\d+".utf8)
        let p = Array(pattern.utf8), n = Array(number.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        func at(_ i: Int, _ w: [UInt8]) -> Bool { i + w.count <= p.count && p[i..<(i + w.count)].elementsEqual(w) }
        var i = 0
        while i < p.count {
            if at(i, decimal) { out += n; i += decimal.count } else if at(i, whole) { out += n; i += whole.count } else { out.append(p[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
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
        var working = text
        // UTF-16 offsets (what NSRegularExpression reports) to Character offsets, computed at the first match.
        var characterAt: [Int] = []
        func characterOffset(_ utf16: Int) -> Int {
            if characterAt.isEmpty {
                characterAt.reserveCapacity(text.utf16.count + 1)
                for (n, c) in text.enumerated() { for _ in 0..<c.utf16.count { characterAt.append(n) } }
                characterAt.append(text.count)
            }
            return utf16 < characterAt.count ? characterAt[utf16] : text.count
        }
        var hits: [ConstraintHit] = []
        for (kind, pattern, prefilter) in rules {
            guard prefilter.mayMatch(working), let regex = RegexCache.regex(pattern) else { continue }
            var ns = working as NSString
            let matches = regex.matches(in: working, range: NSRange(location: 0, length: ns.length))
            guard !matches.isEmpty else { continue }
            for m in matches {
                var values: [String] = []
                for g in 1..<max(1, m.numberOfRanges) where m.range(at: g).location != NSNotFound {
                    values.append(ns.substring(with: m.range(at: g)).trimmingWhitespace())
                }
                hits.append(ConstraintHit(kind: kind, values: values, offset: characterOffset(m.range.location),
                                          phrase: ns.substring(with: m.range)))
            }
            for m in matches.reversed() {
                ns = ns.replacingCharacters(in: m.range, with: String(repeating: " ", count: m.range.length)) as NSString
            }
            working = ns as String
        }
        return hits.sorted { $0.offset < $1.offset }
    }
}

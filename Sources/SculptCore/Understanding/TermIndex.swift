/// What a word of the lexicon means to the parser.
public enum Meaning: Hashable, Sendable {
    case entity(String)
    case field(String)
    case operation(String)
    case account(String)
    case access(String)
    case search
    case filler
}

/// A span of the requirement and the meanings the lexicon gives it (none for unknown text).
struct Token: Sendable {
    var text: String
    /// Offset (in characters) of the token in its clause.
    var start: Int
    var meanings: [Meaning]

    func entity() -> String? { meanings.lazy.compactMap { if case .entity(let e) = $0 { return e } else { return nil } }.first }
    func field() -> String? { meanings.lazy.compactMap { if case .field(let f) = $0 { return f } else { return nil } }.first }
    func operation() -> String? { meanings.lazy.compactMap { if case .operation(let o) = $0 { return o } else { return nil } }.first }
    func account() -> String? { meanings.lazy.compactMap { if case .account(let a) = $0 { return a } else { return nil } }.first }
    func access() -> String? { meanings.lazy.compactMap { if case .access(let a) = $0 { return a } else { return nil } }.first }
    var isSearch: Bool { meanings.contains(.search) }
}

/// Segments text against the lexicon: longest match first, in both languages.
///
/// Chinese has no spaces, so words are found by forward maximum matching over every lexicon term;
/// English is split into words and multi-word terms are matched on word boundaries, with plurals and
/// -ing/-ed forms reduced to the lexicon's base forms.
struct TermIndex: Sendable {
    let language: Language
    private var terms: [TermKey: [Meaning]] = [:]
    private var longest = 1
    /// The longest term starting with a character (zh, in characters) or a word (en, in words): a
    /// place where no term starts is passed at once, and the others try only lengths that exist.
    private var longestFromCharacter: [Character: Int] = [:]
    private var longestFromWord: [String: Int] = [:]

    init(lexicon: Lexicon, language: Language) {
        self.language = language
        func add(_ words: [String], _ m: Meaning) {
            for w in words {
                let key = language == .zh ? Self.lower(w) : Self.normalise(w)
                guard !key.isEmpty else { continue }
                let k = TermKey(key)
                if !(terms[k]?.contains(m) ?? false) { terms[k, default: []].append(m) }
                if language == .zh {
                    longest = max(longest, key.count)
                    if let f = key.first { longestFromCharacter[f] = max(longestFromCharacter[f] ?? 0, key.count) }
                } else {
                    let words = key.split(separator: " ")
                    longest = max(longest, words.count)
                    if let f = words.first { longestFromWord[String(f)] = max(longestFromWord[String(f)] ?? 0, words.count) }
                }
            }
        }
        // Chinese requirements often use English terms too (SKU, email), so zh indexes both.
        let langs: [Language] = language == .zh ? [.zh, .en] : [.en]
        // Room for every term at once: growing the table step by step cost as much as filling it.
        var count = 0
        for l in langs {
            count += lexicon.entities.reduce(0) { $0 + (l == .zh ? $1.zh.count : $1.en.count) }
            count += lexicon.fields.reduce(0) { $0 + (l == .zh ? $1.zh.count : $1.en.count) }
            for group in [lexicon.operations, lexicon.accounts, lexicon.access] { count += group.values.reduce(0) { $0 + $1(l).count } }
            count += lexicon.search(l).count + lexicon.fillers(l).count
        }
        terms.reserveCapacity(count)
        for l in langs {
            for e in lexicon.entities { add(l == .zh ? e.zh : e.en, .entity(e.name)) }
            for f in lexicon.fields { add(l == .zh ? f.zh : f.en, .field(f.name)) }
            for (k, w) in lexicon.operations.sorted(by: { $0.key < $1.key }) { add(w(l), .operation(k)) }
            for (k, w) in lexicon.accounts.sorted(by: { $0.key < $1.key }) { add(w(l), .account(k)) }
            for (k, w) in lexicon.access.sorted(by: { $0.key < $1.key }) { add(w(l), .access(k)) }
            add(lexicon.search(l), .search)
            add(lexicon.fillers(l), .filler)
        }
    }

    /// `s.lowercased()`, without the copy when nothing in it has case: ASCII other than A–Z and CJK
    /// (U+3000–U+9FFF) are their own lower case, which is most of a Chinese requirement.
    static func lower(_ s: String) -> String {
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x80 ? (0x41...0x5A).contains(v) : !(0x3000...0x9FFF).contains(v) { return s.lowercased() }
        }
        return s
    }

    /// English words lower-cased, joined by single spaces, with hyphens kept.
    static func normalise(_ s: String) -> String {
        asciiNormalised(s) ?? s.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'") }).joined(separator: " ")
    }

    /// `normalise` over the bytes of an ASCII string (every English term of the lexicon), where
    /// letters and digits are the only letters and numbers; nil for any other string.
    static func asciiNormalised(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var gap = false
            for b in bytes {
                guard b < 0x80 else { return nil }
                let upper = b >= 0x41 && b <= 0x5A
                if upper || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x27 {
                    if gap && !out.isEmpty { out.append(0x20) }
                    gap = false
                    out.append(upper ? b + 0x20 : b)
                } else {
                    gap = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    func meanings(of term: String) -> [Meaning] { terms[TermKey(language == .zh ? term.lowercased() : Self.normalise(term))] ?? [] }

    func tokens(_ text: String) -> [Token] {
        language == .zh ? chineseTokens(text) : englishTokens(text)
    }

    private func chineseTokens(_ text: String) -> [Token] {
        let chars = Array(text)
        var out: [Token] = []
        var unknown = ""
        var unknownStart = 0
        var i = 0
        func flush() {
            if !unknown.isEmpty { out.append(Token(text: unknown, start: unknownStart, meanings: [])) }
            unknown = ""
        }
        while i < chars.count {
            var matched = false
            var len = min(longestTerm(from: chars[i]), chars.count - i)
            while len >= 1 {
                let piece = String(chars[i..<i + len])
                if let m = terms[TermKey(Self.lower(piece))], isWordBoundary(chars, i, len) {
                    flush()
                    out.append(Token(text: piece, start: i, meanings: m))
                    i += len
                    matched = true
                    break
                }
                len -= 1
            }
            if !matched {
                if unknown.isEmpty { unknownStart = i }
                unknown.append(chars[i])
                i += 1
            }
        }
        flush()
        return out
    }

    /// The longest term that can start with `c` (lower-cased as the terms are): ASCII and CJK
    /// characters by the table, anything else (whose lower case may differ in length) by the longest term.
    private func longestTerm(from c: Character) -> Int {
        if let a = c.asciiValue {
            let lower = a >= 0x41 && a <= 0x5A ? a + 0x20 : a
            return longestFromCharacter[Character(Unicode.Scalar(lower))] ?? 0
        }
        if c.unicodeScalars.count == 1, let s = c.unicodeScalars.first, (0x3000...0x9FFF).contains(s.value) {
            return longestFromCharacter[c] ?? 0
        }
        return longest
    }

    /// Latin terms inside Chinese text (SKU, email) match only as whole words.
    private func isWordBoundary(_ chars: [Character], _ i: Int, _ len: Int) -> Bool {
        guard chars[i].isASCII && chars[i].isLetter else { return true }
        let before = i > 0 ? chars[i - 1] : " "
        let after = i + len < chars.count ? chars[i + len] : " "
        return !(before.isASCII && before.isLetter) && !(after.isASCII && after.isLetter)
    }

    private func englishTokens(_ text: String) -> [Token] {
        // Words with their character offsets.
        var words: [(String, Int)] = []
        var current = ""
        var start = 0
        for (i, c) in text.enumerated() {
            if c.isLetter || c.isNumber || c == "-" || c == "'" || c == "’" {
                if current.isEmpty { start = i }
                current.append(c)
            } else if !current.isEmpty {
                words.append((current.lowercased(), start))
                current = ""
            }
        }
        if !current.isEmpty { words.append((current.lowercased(), start)) }
        var out: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < words.count {
            var matched = false
            var len = min(max(1, longestFromWord[words[i].0] ?? 1), longest, words.count - i)
            while len >= 1 {
                let slice = words[i..<i + len].map(\.0)
                if let m = lookupEnglish(slice) {
                    let end = words[i + len - 1]
                    let s = String(chars[words[i].1..<min(chars.count, end.1 + end.0.count)])
                    out.append(Token(text: s, start: words[i].1, meanings: m))
                    i += len
                    matched = true
                    break
                }
                len -= 1
            }
            if !matched {
                out.append(Token(text: words[i].0, start: words[i].1, meanings: []))
                i += 1
            }
        }
        return out
    }

    /// Exact first; then the last word singular (entities, fields) or reduced to its stem (operations).
    private func lookupEnglish(_ words: [String]) -> [Meaning]? {
        let joined = words.joined(separator: " ")
        if let m = terms[TermKey(joined)] { return m }
        guard let last = words.last else { return nil }
        let head = words.dropLast().joined(separator: " ")
        for form in Inflection.singulars(of: last) {
            let key = head.isEmpty ? form : head + " " + form
            if let m = terms[TermKey(key)]?.filter({ if case .operation = $0 { return false } else { return true } }), !m.isEmpty { return m }
        }
        for form in Inflection.stems(of: last) {
            let key = head.isEmpty ? form : head + " " + form
            if let m = terms[TermKey(key)]?.filter({ if case .operation = $0 { return true }; if case .account = $0 { return true }; if case .search = $0 { return true }; return false }), !m.isEmpty { return m }
        }
        return nil
    }
}

/// A term as a dictionary key, hashed and compared by its UTF-8 bytes: `String` hashing normalises
/// Unicode first, which cost more than the rest of a Chinese look-up (terms and texts are compared
/// as written, the lexicon's forms being plain ASCII and CJK).
struct TermKey: Hashable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
    static func == (a: TermKey, b: TermKey) -> Bool { a.text.sameBytes(as: b.text) }
}

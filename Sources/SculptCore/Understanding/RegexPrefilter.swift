/// The words a regular expression cannot match without: "(?:至少|最少)\s*(\d+)" needs 至少 or 最少,
/// "\bbelongs?\s+to\b" needs "belong" and "to". A clause holding none of them is passed over
/// without running (or even compiling) the expression, which is most of the parser's patterns on most
/// clauses, so long requirements parse fast and a process compiles only the patterns it needs.
///
/// The analysis is conservative: any syntax it does not read fully, and any text whose case-insensitive
/// match could involve a non-ASCII letter (é, ſ, the Kelvin sign), make it answer "may match".
struct RegexPrefilter: Sendable, Equatable {
    /// All of these groups must be satisfied; a group is satisfied when the text holds one of its words
    /// (ASCII letters compared case-insensitively). Empty: no requirement known.
    let groups: [[[UInt8]]]

    init(pattern: String) {
        var parser = Parser(Array(pattern.unicodeScalars))
        if let req = parser.alternation(), parser.atEnd {
            groups = req.map { $0.map { Array($0.utf8) } }
        } else {
            groups = []
        }
    }

    /// Whether a case-insensitive search for `word` may find it in `text` (false only when it
    /// certainly cannot): the same byte test as `mayMatch`, for a plain word, with no pattern to parse.
    static func mayContain(_ text: String, word: String) -> Bool {
        let needle = Array(word.lowercased().utf8)
        guard needle.allSatisfy({ $0 < 0x80 }) else { return true }
        var text = text
        return text.withUTF8 { bytes in !foldSafe(bytes) || contains(bytes, needle) }
    }

    /// Whether the expression may match `text` (false only when it certainly cannot).
    func mayMatch(_ text: String) -> Bool {
        guard !groups.isEmpty else { return true }
        var text = text
        return text.withUTF8 { bytes in
            // A letter outside ASCII may fold onto an ASCII one (ſ → s, K → k, ß → ss): no shortcut.
            guard Self.foldSafe(bytes) else { return true }
            return groups.allSatisfy { group in group.contains { Self.contains(bytes, $0) } }
        }
    }

    /// Whether every non-ASCII character of the UTF-8 text is one that case folding keeps apart from
    /// ASCII: CJK and what follows it, fullwidth forms, general punctuation, arrows and math signs.
    static func foldSafe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var scalar: UInt32
            var len: Int
            if b & 0xE0 == 0xC0 { scalar = UInt32(b & 0x1F); len = 2 } else if b & 0xF0 == 0xE0 { scalar = UInt32(b & 0x0F); len = 3 } else if b & 0xF8 == 0xF0 { scalar = UInt32(b & 0x07); len = 4 } else { return false }
            guard i + len <= n else { return false }
            for k in 1..<len { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
            let safe = (0xA0...0xB4).contains(scalar) || (0xB6...0xBF).contains(scalar) || scalar == 0xD7 || scalar == 0xF7
                || (0x2000...0x20FF).contains(scalar) || (0x2190...0x2BFF).contains(scalar) || (0x3000...0xFAFF).contains(scalar)
                || (0xFE30...0xFE4F).contains(scalar) || (0xFF00...0xFF20).contains(scalar) || (0xFF3B...0xFF40).contains(scalar)
                || (0xFF5B...0xFFEF).contains(scalar) || (0x20000...0x3FFFF).contains(scalar)
            guard safe else { return false }
            i += len
        }
        return true
    }

    /// Whether `needle` (lower-case ASCII letters, or caseless bytes) occurs in `hay`, ASCII case ignored.
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= hay.count else { return needle.isEmpty }
        let firstUpper = first >= 0x61 && first <= 0x7A ? first - 0x20 : first
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            let b = hay[i]
            if b == first || b == firstUpper {
                var k = 1
                while k < needle.count {
                    var h = hay[i + k]
                    if h >= 0x41 && h <= 0x5A { h += 0x20 }
                    if h != needle[k] { break }
                    k += 1
                }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// A recursive reading of ICU pattern syntax that yields, for each part, the words it needs: a
    /// conjunction of disjunctions, or nil when the part's syntax is not understood.
    private struct Parser {
        typealias Requirement = [[String]]
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }
        var atEnd: Bool { i >= s.count }

        /// Branches separated by `|`: the text holds the words of some branch, so each branch's
        /// strongest group is joined into one group (no requirement if any branch has none).
        mutating func alternation() -> Requirement? {
            var branches: [Requirement] = []
            while true {
                guard let b = sequence() else { return nil }
                branches.append(b)
                if i < s.count && s[i] == "|" { i += 1; continue }
                break
            }
            if branches.count == 1 { return branches[0] }
            var union: [String] = []
            for b in branches {
                guard let best = Self.strongest(b) else { return [] }
                for w in best where !union.contains(w) { union.append(w) }
            }
            return [union]
        }

        /// The group whose shortest word is longest (fewest words on a tie): the most selective.
        static func strongest(_ r: Requirement) -> [String]? {
            r.max { a, b in
                let la = a.map(\.unicodeScalars.count).min() ?? 0, lb = b.map(\.unicodeScalars.count).min() ?? 0
                return la != lb ? la < lb : a.count > b.count
            }
        }

        /// Atoms one after another: literal runs become words; every part's groups are needed.
        mutating func sequence() -> Requirement? {
            var req: Requirement = []
            var run = ""
            func endRun() {
                if !run.isEmpty { req.append([run]); run = "" }
            }
            while i < s.count && s[i] != "|" && s[i] != ")" {
                guard let atom = atom() else { return nil }
                let (min, ok) = quantifier()
                guard ok else { return nil }
                switch atom {
                case .literal(let c):
                    if min == 1 && !quantified {
                        run.unicodeScalars.append(c)
                    } else {
                        endRun()
                        if min >= 1 { req.append([String(c)]) }
                    }
                case .part(let r):
                    endRun()
                    if min >= 1 { req += r }
                case .other:
                    endRun()
                }
            }
            endRun()
            // Keep the check cheap: the most selective few groups.
            if req.count > 4 {
                req.sort { a, b in (a.map(\.unicodeScalars.count).min() ?? 0) > (b.map(\.unicodeScalars.count).min() ?? 0) }
                req = Array(req.prefix(4))
            }
            return req
        }

        enum Atom {
            case literal(Unicode.Scalar)
            case part(Requirement)
            /// Matches something with no known word (a class, `.`, `\d`), or nothing (an anchor, a lookaround).
            case other
        }

        /// Whether the last quantifier read was one (so a literal does not join a run).
        var quantified = false

        /// One atom; nil when its syntax is not understood.
        mutating func atom() -> Atom? {
            let c = s[i]
            switch c {
            case "(":
                i += 1
                var zeroWidth = false
                if i < s.count && s[i] == "?" {
                    i += 1
                    guard i < s.count else { return nil }
                    switch s[i] {
                    case ":": i += 1
                    case "=", "!": i += 1; zeroWidth = true
                    case "<":
                        i += 1
                        guard i < s.count else { return nil }
                        if s[i] == "=" || s[i] == "!" { i += 1; zeroWidth = true } else {
                            // A named group: (?<name>…).
                            while i < s.count && s[i] != ">" { i += 1 }
                            guard i < s.count else { return nil }
                            i += 1
                        }
                    default:
                        // Inline flags: (?i) (?-i) (?i:…). Case-insensitive words are still needed.
                        while i < s.count && (s[i] == "-" || ("a"..."z").contains(s[i])) { i += 1 }
                        guard i < s.count else { return nil }
                        if s[i] == ")" { i += 1; return .other }
                        guard s[i] == ":" else { return nil }
                        i += 1
                    }
                }
                guard let inner = alternation(), i < s.count, s[i] == ")" else { return nil }
                i += 1
                return zeroWidth ? .other : .part(inner)
            case "[":
                // A class, possibly with nested classes: skipped.
                var depth = 0
                while i < s.count {
                    if s[i] == "\\" { i += 2; continue }
                    if s[i] == "[" { depth += 1 } else if s[i] == "]" {
                        depth -= 1
                        if depth == 0 { i += 1; return .other }
                    }
                    i += 1
                }
                return nil
            case "\\":
                guard i + 1 < s.count else { return nil }
                let e = s[i + 1]
                i += 2
                if "dDsSwWbBAzZGhHvVRX".unicodeScalars.contains(e) { return .other }
                if e == "p" || e == "P" {
                    guard i < s.count, s[i] == "{" else { return nil }
                    while i < s.count && s[i] != "}" { i += 1 }
                    guard i < s.count else { return nil }
                    i += 1
                    return .other
                }
                // Escaped punctuation is itself; anything else (\n, \1, \Q, \x…) is not read.
                if e.isASCII && !(("a"..."z").contains(e) || ("A"..."Z").contains(e) || ("0"..."9").contains(e)) { return Self.literal(e) }
                return nil
            case ".", "^", "$":
                i += 1
                return .other
            case "*", "+", "?", "{", ")", "|":
                return nil
            default:
                i += 1
                return Self.literal(c)
            }
        }

        /// A literal character usable as a word: ASCII (compared without case) or a caseless
        /// character (CJK, fullwidth punctuation); anything with case of its own is not used.
        static func literal(_ c: Unicode.Scalar) -> Atom {
            if c.isASCII {
                if ("A"..."Z").contains(c) { return .literal(Unicode.Scalar(c.value + 0x20)!) }
                return .literal(c)
            }
            let str = String(c)
            if str.lowercased() == str && str.uppercased() == str && c.value >= 0x2000 && !(0xFB00...0xFB4F).contains(c.value) { return .literal(c) }
            return .other
        }

        /// The quantifier after an atom, as its minimum count (1 with none); ok false when unreadable.
        mutating func quantifier() -> (Int, ok: Bool) {
            quantified = false
            guard i < s.count else { return (1, true) }
            var min = 1
            switch s[i] {
            case "?": min = 0; i += 1
            case "*": min = 0; i += 1
            case "+": min = 1; i += 1
            case "{":
                var j = i + 1
                var digits = ""
                while j < s.count && ("0"..."9").contains(s[j]) { digits.unicodeScalars.append(s[j]); j += 1 }
                guard let n = Int(digits), j < s.count else { return (1, false) }
                while j < s.count && s[j] != "}" { j += 1 }
                guard j < s.count else { return (1, false) }
                min = n
                i = j + 1
            default:
                return (1, true)
            }
            quantified = true
            // Lazy or possessive marks.
            if i < s.count && (s[i] == "?" || s[i] == "+") { i += 1 }
            if i < s.count && ("*+?{".unicodeScalars.contains(s[i])) { return (1, false) }
            return (min, true)
        }
    }
}

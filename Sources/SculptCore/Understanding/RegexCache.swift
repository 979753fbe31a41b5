import Foundation

/// Compiled regular expressions shared by every parse: compiling one costs far more than matching
/// a clause, and the parser's patterns are fixed, so each is compiled once, and only when a text
/// first holds the words it needs (`RegexPrefilter`): most clauses are passed over without matching.
enum RegexCache {
    private struct Entry {
        var prefilter: RegexPrefilter
        /// Nil until first needed; `.some(nil)` when the pattern does not compile.
        var regex: NSRegularExpression??
    }

    /// A pattern as a dictionary key, hashed and compared by its bytes: `String` hashing normalises
    /// Unicode first, which made the look-up of a Chinese pattern cost more than many matches.
    private struct Key: Hashable {
        let pattern: String
        func hash(into hasher: inout Hasher) {
            var p = pattern
            p.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        static func == (a: Key, b: Key) -> Bool { a.pattern.sameBytes(as: b.pattern) }
    }

    private static let entries = Locked<[Key: Entry]>([:])

    /// Every pattern seen so far (for tests that check the prefilters against real patterns).
    static var patterns: [String] { entries.value.keys.map(\.pattern) }

    /// The compiled pattern (case-insensitive), or nil when it does not compile.
    static func regex(_ pattern: String) -> NSRegularExpression? {
        let key = Key(pattern: pattern)
        if let e = entries.value[key], let r = e.regex { return r }
        let r = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        entries.mutate { $0[key] = Entry(prefilter: $0[key]?.prefilter ?? RegexPrefilter(pattern: pattern), regex: .some(r)) }
        return r
    }

    /// The compiled pattern when it may match `text`; nil when the text lacks a word every match
    /// needs (or the pattern does not compile): then there is no match.
    static func regex(_ pattern: String, for text: String) -> NSRegularExpression? {
        let key = Key(pattern: pattern)
        let entry = entries.value[key]
        let prefilter: RegexPrefilter
        if let entry { prefilter = entry.prefilter } else {
            prefilter = RegexPrefilter(pattern: pattern)
            entries.mutate { if $0[key] == nil { $0[key] = Entry(prefilter: prefilter, regex: nil) } }
        }
        guard prefilter.mayMatch(text) else { return nil }
        if let r = entry?.regex { return r }
        return regex(pattern)
    }
}

extension String {
    /// Whether a (case-insensitive, cached) regular expression matches somewhere in the string.
    func matches(_ pattern: String) -> Bool {
        guard let re = RegexCache.regex(pattern, for: self) else { return false }
        return re.firstMatch(in: self, range: NSRange(location: 0, length: (self as NSString).length)) != nil
    }

    /// Replaces every match of a (case-insensitive, cached) regular expression with a template ("$1").
    func replacing(pattern: String, with template: String) -> String {
        guard let re = RegexCache.regex(pattern, for: self) else { return self }
        return re.stringByReplacingMatches(in: self, range: NSRange(location: 0, length: (self as NSString).length), withTemplate: template)
    }
}

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

    private static let entries = Locked<[String: Entry]>([:])

    /// Every pattern seen so far (for tests that check the prefilters against real patterns).
    static var patterns: [String] { Array(entries.value.keys) }

    /// The compiled pattern (case-insensitive), or nil when it does not compile.
    static func regex(_ pattern: String) -> NSRegularExpression? {
        if let e = entries.value[pattern], let r = e.regex { return r }
        let r = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        entries.mutate { $0[pattern] = Entry(prefilter: $0[pattern]?.prefilter ?? RegexPrefilter(pattern: pattern), regex: .some(r)) }
        return r
    }

    /// The compiled pattern when it may match `text`; nil when the text lacks a word every match
    /// needs (or the pattern does not compile): then there is no match.
    static func regex(_ pattern: String, for text: String) -> NSRegularExpression? {
        let entry = entries.value[pattern]
        let prefilter: RegexPrefilter
        if let entry { prefilter = entry.prefilter } else {
            prefilter = RegexPrefilter(pattern: pattern)
            entries.mutate { if $0[pattern] == nil { $0[pattern] = Entry(prefilter: prefilter, regex: nil) } }
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

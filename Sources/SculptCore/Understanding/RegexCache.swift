import Foundation

/// Compiled regular expressions shared by every parse: compiling one costs far more than matching
/// a clause, and the parser's patterns are fixed, so each is compiled once.
enum RegexCache {
    private static let compiled = Locked<[String: NSRegularExpression]>([:])

    static func regex(_ pattern: String) -> NSRegularExpression? {
        if let r = compiled.value[pattern] { return r }
        guard let r = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        compiled.mutate { $0[pattern] = r }
        return r
    }
}

extension String {
    /// Whether a (case-insensitive, cached) regular expression matches somewhere in the string.
    func matches(_ pattern: String) -> Bool {
        guard let re = RegexCache.regex(pattern) else { return false }
        return re.firstMatch(in: self, range: NSRange(location: 0, length: (self as NSString).length)) != nil
    }

    /// Replaces every match of a (case-insensitive, cached) regular expression with a template ("$1").
    func replacing(pattern: String, with template: String) -> String {
        guard let re = RegexCache.regex(pattern) else { return self }
        return re.stringByReplacingMatches(in: self, range: NSRange(location: 0, length: (self as NSString).length), withTemplate: template)
    }
}

import Foundation

/// One constraint phrase found in a requirement ("at most 100 characters" → maxLength 100).
struct ConstraintHit: Equatable, Sendable {
    enum Kind: String, Decodable, Sendable {
        case lengthRange, maxLength, minLength, range, nonNegative, positive, minimum, exclusiveMinimum, maximum
        case required, optional, unique, integer, number, `default`, allowed
    }

    var kind: Kind
    /// The captured groups: numbers, a default value, a list of allowed values.
    var values: [String]
    /// Where the phrase starts, in characters from the start of the text read.
    var offset: Int
    var phrase: String

    func number(_ i: Int) -> Double? { i < values.count ? Double(values[i]) : nil }
}

/// Finds constraint phrases with the patterns of `Resources/Lexicon/constraints.json`.
///
/// Patterns are tried in order and each match is blanked out before the next pattern runs, so a
/// precise phrase ("3到20个字符") is never read again by a looser one ("至少3").
struct ConstraintReader: Sendable {
    private struct Rule: Decodable { var kind: ConstraintHit.Kind; var pattern: String }
    private struct File: Decodable { var zh: [Rule]; var en: [Rule] }

    private let rules: [(ConstraintHit.Kind, NSRegularExpression)]

    init(language: Language) throws {
        let file = try JSONDecoder().decode(File.self, from: Resources.data("Lexicon/constraints.json"))
        let list = language == .zh ? file.zh + file.en : file.en
        rules = try list.map { ($0.kind, try NSRegularExpression(pattern: $0.pattern, options: [.caseInsensitive])) }
    }

    func read(_ text: String) -> [ConstraintHit] {
        var working = text as NSString
        var hits: [ConstraintHit] = []
        for (kind, regex) in rules {
            let matches = regex.matches(in: working as String, range: NSRange(location: 0, length: working.length))
            for m in matches {
                var values: [String] = []
                for g in 1..<max(1, m.numberOfRanges) where m.range(at: g).location != NSNotFound {
                    values.append(working.substring(with: m.range(at: g)).trimmingCharacters(in: .whitespaces))
                }
                let prefix = working.substring(to: m.range.location)
                hits.append(ConstraintHit(kind: kind, values: values, offset: prefix.count, phrase: working.substring(with: m.range)))
            }
            for m in matches.reversed() {
                working = working.replacingCharacters(in: m.range, with: String(repeating: " ", count: m.range.length)) as NSString
            }
        }
        return hits.sorted { $0.offset < $1.offset }
    }
}

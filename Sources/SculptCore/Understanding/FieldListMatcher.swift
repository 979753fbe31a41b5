import Foundation

/// Finds "X has A, B and C" / "X包括A、B和C" in a clause: the subject and the listed items.
enum FieldListMatcher {
    struct Match: Equatable {
        var subject: String
        var items: [String]
    }

    static let zhVerbs = "(?:都|均|应|需要|要)?(?:包括|包含|含有|具有|拥有|字段有|属性有|信息有|信息包括|需要填写|需要输入|要填写|要输入|需要提供|要填|需填|需要填|还有|还包括|另外还有|填写|输入|记录(?!包括|包含|有|的|中|里|表|信息)|(?<![所没只拥具还])有)"
    static let enVerbs = "(?:has|have|enters?|provides?|gives?|supplies|fills? in|types?|inputs?|chooses?|picks?|contains?|includes?|consists of|is made up of|should have|must have|needs?|records?|stores?|tracks?|with)"

    /// Every way to read the clause as "subject VERB items", first verb first: "anyone with an account
    /// can open a ticket with a subject" is read at the second "with" when the first reading fails.
    static func candidates(_ text: String, language: Language) -> [Match] {
        let verbs = language == .zh ? zhVerbs : "\\b" + enVerbs + "\\b"
        guard let re = RegexCache.regex(verbs + (language == .zh ? "[：:]?\\s*" : "[:]?\\s*"), for: text) else { return [] }
        let ns = text as NSString
        let limit = language == .zh ? 14 : 100
        var out: [Match] = []
        for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) where m.range.location <= limit * 3 {
            let subject = ns.substring(to: m.range.location).trimmingWhitespace()
            guard subject.count <= limit else { break }
            let items = splitItems(ns.substring(from: m.range.location + m.range.length), language: language)
            if !items.isEmpty { out.append(Match(subject: subject, items: items)) }
        }
        return out
    }

    static func match(_ text: String, language: Language) -> Match? {
        let pattern = language == .zh
            ? "^(.{0,14}?)" + zhVerbs + "[：:]?\\s*(.+)$"
            : "^(.{0,100}?)\\b" + enVerbs + "\\b[:]?\\s*(.+)$"
        guard let re = RegexCache.regex(pattern, for: text) else { return nil }
        let ns = text as NSString
        guard let m = re.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        let subject = ns.substring(with: m.range(at: 1)).trimmingWhitespace()
        let rest = ns.substring(with: m.range(at: 2))
        let items = splitItems(rest, language: language)
        guard !items.isEmpty else { return nil }
        return Match(subject: subject, items: items)
    }

    /// Items separated by 、，, and 和/与/及/以及 or "and"/", and", outside parentheses.
    static func splitItems(_ s: String, language: Language) -> [String] {
        var text = s.trimmingCharacters(in: CharacterSet(charactersIn: "。. "))
        // "a level — beginner, intermediate or advanced — and a price": a dashed aside is a parenthesis.
        if language == .en {
            text = text.replacing(pattern: "\\s[—–]\\s([^—–()]+?)\\s[—–]\\s", with: " ($1) ")
            // "status — available, pending, or adopted" at the end: the aside runs to the end.
            text = text.replacing(pattern: "\\s[—–]\\s([^—–()]+,[^—–()]+)$", with: " ($1)")
            // "between 0 and 2000" and "date and time" are one item each.
            text = text.replacing(pattern: "\\b(between\\s+[\\w.-]+)\\s+and\\s+", with: "$1 to ")
            text = text.replacing(pattern: "\\bdate and time\\b", with: "date/time")
        }
        var marker = "\u{1F}"
        // Protect separators inside parentheses by splitting only at depth 0.
        var out = ""
        var depth = 0
        let connectorsZH = ["以及", "还有", "和", "与", "及", "跟"]
        let connectorStartsZH: Set<Character> = ["以", "还", "和", "与", "及", "跟"]
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "(", "（": depth += 1
            case ")", "）": depth = max(0, depth - 1)
            default: break
            }
            if depth == 0 {
                switch c {
                case "、", "，", ",", ";", "；": out += marker; i += 1; continue
                default: break
                }
                if language == .zh {
                    // Only where a connector can start (以及 还有 和 与 及 跟).
                    if connectorStartsZH.contains(c), let conn = connectorsZH.first(where: { w in i + w.count <= chars.count && String(chars[i..<i + w.count]) == w }) {
                        out += marker; i += conn.count; continue
                    }
                } else if c == " " {
                    // Every connector starts with a space.
                    // The next 12 characters are all the connectors need (the whole rest made this quadratic).
                    let rest = String(chars[i..<min(chars.count, i + 12)]).lowercased()
                    if rest.hasPrefix(" and ") || rest.hasPrefix(" as well as ") || rest.hasPrefix(" plus ") {
                        out += marker
                        i += rest.hasPrefix(" and ") ? 5 : rest.hasPrefix(" plus ") ? 6 : 12
                        continue
                    }
                }
            }
            out.append(c)
            i += 1
        }
        text = out
        marker = "\u{1F}"
        let pieces = text.components(separatedBy: marker).map {
            var t = $0.trimmingWhitespace()
            if t.lowercased().hasPrefix("and ") { t = String(t.dropFirst(4)) }
            return t
        }.filter { !$0.isEmpty }
        return language == .en ? mergeValueLists(pieces) : pieces
    }

    /// "a status that can be draft", "published or cancelled": an item that opens a list of values
    /// keeps the following bare words until the next item that starts like a noun phrase.
    static func mergeValueLists(_ pieces: [String]) -> [String] {
        var out: [String] = []
        var open = false
        let opener = "(?:\\b(?:can be|one of|either|such as|is|are|values?|like)\\s+|:\\s*)[\\w-]+$"
        for p in pieces {
            let startsItem = p.matches("^(?:a|an|the|its|their|and a|and an)\\s")
            if open, !startsItem, let last = out.last {
                out[out.count - 1] = last + ", " + p
                open = !p.lowercased().contains(" or ") && !p.contains("(")
                continue
            }
            out.append(p)
            open = p.matches(opener)
        }
        return out
    }
}

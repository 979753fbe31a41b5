import Foundation

/// Splits a requirement into sentences and clauses, the units whose understanding is reported.
///
/// Parentheses are respected, so "价格（大于0，保留两位小数）" stays one piece.
enum ClauseSplitter {
    struct Piece: Equatable {
        var text: String
        /// Which sentence the clause belongs to; context (the entity being described) carries within it.
        var sentence: Int
        /// The part before a colon that opens a sentence ("Product catalog: ..."), a title candidate.
        var isHeading: Bool
        /// The sentence was a bullet or numbered line ("- name (required)", "1. 课程：…").
        var isBullet = false
        /// A heading whose sentence has nothing after the colon ("Fields per listing:"): it
        /// introduces the lines that follow.
        var opensList = false
        /// The whole sentence the piece comes from, without its bullet mark.
        var line = ""
    }

    static func language(of text: String) -> Language {
        let han = text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }.count
        let latin = text.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }.count
        return han > 0 && han * 3 >= latin / 2 ? .zh : .en
    }

    static func split(_ text: String, language: Language) -> [Piece] {
        var out: [Piece] = []
        for (n, raw) in sentences(text).enumerated() {
            let (sentence, bullet) = stripBullet(raw)
            var body = sentence
            if let colon = topLevelIndex(of: [":", "："], in: body) {
                let head = String(body[..<colon]).trimmingWhitespace()
                let rest = String(body[body.index(after: colon)...])
                if !head.isEmpty && head.count <= 80 {
                    let empty = rest.trimmingWhitespaceAndNewlines().isEmpty
                    out.append(Piece(text: head, sentence: n, isHeading: true, isBullet: bullet, opensList: empty, line: sentence))
                    body = rest
                }
            }
            let separators: Set<Character> = language == .zh ? ["，", ",", "；"] : [";"]
            for part in splitTopLevel(body, on: separators) {
                let t = part.trimmingWhitespaceAndNewlines()
                if !t.isEmpty { out.append(Piece(text: t, sentence: n, isHeading: false, isBullet: bullet, line: sentence)) }
            }
        }
        return out
    }

    /// "- a", "* a", "• a", "1. a", "1、a", "(1) a" → ("a", true).
    ///
    /// Scans the scalars as `^(?:[-*•·+]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）])\s*` would match, without a
    /// regular expression (it has no word a prefilter could look for, and runs on every sentence).
    static func stripBullet(_ s: String) -> (String, Bool) {
        let t = s.trimmingWhitespace()
        let u = Array(t.unicodeScalars)
        func digit(_ i: Int) -> Bool { i < u.count && u[i].properties.numericType == .decimal }
        func one(_ i: Int, of set: String) -> Bool { i < u.count && set.unicodeScalars.contains(u[i]) }
        var end: Int?
        if one(0, of: "-*•·+") {
            end = 1
        } else if digit(0) {
            let j = digit(1) ? 2 : 1
            if one(j, of: ".、)）") { end = j + 1 }
        } else if one(0, of: "（("), digit(1) {
            let j = digit(2) ? 3 : 2
            if one(j, of: ")）") { end = j + 1 }
        }
        guard var i = end else { return (t, false) }
        // ICU's \s: tab, line feed, form feed, carriage return and the Z categories.
        while i < u.count, u[i] == "\t" || u[i] == "\n" || u[i] == "\u{0C}" || u[i] == "\r"
            || [.spaceSeparator, .lineSeparator, .paragraphSeparator].contains(u[i].properties.generalCategory) { i += 1 }
        guard i < u.count else { return (t, false) }
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: u[i...])
        return (String(rest).trimmingWhitespace(), true)
    }

    /// Sentences end at 。！？!? ; newlines, and at a period followed by a space or the end.
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        var depth = 0
        for (i, c) in chars.enumerated() {
            switch c {
            case "(", "（", "[": depth += 1
            case ")", "）", "]": depth = max(0, depth - 1)
            default: break
            }
            let next = i + 1 < chars.count ? chars[i + 1] : " "
            // "1. " numbers a line and "e.g. " abbreviates: neither ends a sentence.
            let numbering = c == "." && (current.trimmingWhitespace().allSatisfy(\.isNumber)
                || ["e.g", "i.e", "vs"].contains { current.lowercased().hasSuffix($0) })
            // "done? (defaults to false)": an English ? or ! ends a sentence only before a new one.
            let after = i + 2 < chars.count ? chars[i + 2] : " "
            let latinMark = (c == "?" || c == "!") && !(next.isWhitespace && (after.isUppercase || after.isWhitespace || i + 2 >= chars.count) || i + 1 >= chars.count)
            let ends = !latinMark && Self.sentenceEnds(c) || c == ";" && depth == 0 || (c == "." && !numbering && (next.isWhitespace) && depth == 0)
            if ends && depth == 0 || (c == "\n") {
                if c == ";" || c == "；" { current.append(c) }
                let t = current.trimmingWhitespaceAndNewlines()
                if !t.isEmpty { out.append(t) }
                current = ""
            } else {
                current.append(c)
            }
        }
        let t = current.trimmingWhitespaceAndNewlines().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if !t.isEmpty { out.append(t) }
        // A semicolon keeps the sentence's context: re-join is not needed, but drop the trailing mark.
        return out.map { $0.hasSuffix(";") || $0.hasSuffix("；") ? String($0.dropLast()) : $0 }
    }

    /// 。！？!? a newline or ；: the marks that end a sentence (the Latin ones with conditions).
    static func sentenceEnds(_ c: Character) -> Bool {
        switch c {
        case "。", "！", "？", "!", "?", "\n", "；": return true
        default: return false
        }
    }

    static func topLevelIndex(of marks: Set<Character>, in s: String) -> String.Index? {
        var depth = 0
        for i in s.indices {
            let c = s[i]
            switch c {
            case "(", "（": depth += 1
            case ")", "）": depth = max(0, depth - 1)
            default: if depth == 0 && marks.contains(c) { return i }
            }
        }
        return nil
    }

    /// Splits on separators outside parentheses.
    static func splitTopLevel(_ s: String, on seps: Set<Character>) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        for c in s {
            switch c {
            case "(", "（": depth += 1
            case ")", "）": depth = max(0, depth - 1)
            default: break
            }
            if depth == 0 && seps.contains(c) {
                out.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        out.append(current)
        return out
    }
}

import Foundation

/// Numbers as people write them: digits, English words ("fifty", "twenty-five") and Chinese
/// numerals ("五十", "一百二十", "两千"), so "不超过五十个字" and "at most fifty characters" read as 50.
enum NumberWords {
    static let unitsEN: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let digitsZH: [Character: Double] = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
    static let scalesZH: [Character: Double] = ["十": 10, "百": 100, "千": 1000, "万": 10000]

    /// A regular expression alternative matching one written number (for the constraint patterns).
    static func pattern(_ language: Language, englishWords: Bool = true) -> String {
        let words = (unitsEN.keys.sorted { $0.count > $1.count } + ["hundred", "thousand"]).joined(separator: "|")
        let en = "\\b(?:a |one )?(?:\(words))(?:[- ](?:\(words)))*\\b"
        let zh = "[零〇一二两三四五六七八九十百千万]+"
        var alternatives = ["\\d+(?:\\.\\d+)?"]
        if language == .zh { alternatives.append(zh) }
        if englishWords { alternatives.append(en) }
        return "(?:" + alternatives.joined(separator: "|") + ")"
    }

    /// Whether the text has an English number word ("fifty", "one to five"), a quick scan.
    static func hasEnglishNumberWord(_ text: String) -> Bool {
        var word = ""
        for c in text.lowercased() + " " {
            if c.isLetter { word.append(c) } else {
                if unitsEN[word] != nil || word == "hundred" || word == "thousand" { return true }
                word = ""
            }
        }
        return false
    }

    static func value(_ s: String) -> Double? {
        let t = s.trimmingWhitespace()
        if let d = Double(t) { return d }
        if let c = t.first, digitsZH[c] != nil || scalesZH[c] != nil { return chinese(t) }
        return english(t)
    }

    static func chinese(_ s: String) -> Double? {
        var total = 0.0, section = 0.0, digit = 0.0
        var any = false
        for c in s {
            if let d = digitsZH[c] { digit = d; any = true } else if let scale = scalesZH[c] {
                any = true
                if scale == 10000 { total += (section + digit) * scale; section = 0 } else { section += (digit == 0 ? 1 : digit) * scale }
                digit = 0
            } else { return nil }
        }
        return any ? total + section + digit : nil
    }

    static func english(_ s: String) -> Double? {
        var total = 0.0, current = 0.0
        var any = false
        for w in s.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }) {
            let word = String(w)
            if word == "a" || word == "and" { continue }
            if let v = unitsEN[word] { current += v; any = true } else if word == "hundred" { current = max(current, 1) * 100; any = true } else if word == "thousand" {
                total += max(current, 1) * 1000; current = 0; any = true
            } else { return nil }
        }
        return any ? total + current : nil
    }
}

import Foundation

/// Gives a Chinese noun the lexicon does not know an English identifier by composing the parts it
/// does know: 目标金额 → `target_amount`, 剩余票数 → `remaining_tickets`, 是否辣 → `is_spicy`.
///
/// The parts are the lexicon's own field and entity words plus its `morphemes` table, matched
/// longest first; only what no part covers falls back to pinyin, so a name is never a guess.
struct MorphemeTranslator: Sendable {
    /// The parts table, built at the first unknown noun (many requirements have none).
    private let table: Table

    private final class Table: @unchecked Sendable {
        private let lexicon: Lexicon
        private let lock = NSLock()
        private var built: (words: [String: String], longest: Int)?

        init(lexicon: Lexicon) { self.lexicon = lexicon }

        var value: (words: [String: String], longest: Int) {
            lock.lock(); defer { lock.unlock() }
            if let built { return built }
            var w: [String: String] = [:]
            for f in lexicon.fields { for z in f.zh where w[z] == nil { w[z] = f.name } }
            for e in lexicon.entities { for z in e.zh where w[z] == nil { w[z] = e.name } }
            for (k, v) in lexicon.morphemes ?? [:] { w[k] = v }
            let b = (w, w.keys.map(\.count).max() ?? 1)
            built = b
            return b
        }
    }

    init(lexicon: Lexicon) {
        table = Table(lexicon: lexicon)
    }

    /// The identifier, and whether every part of it was translated (false: some pinyin remains).
    func identifier(_ text: String) -> (String, translated: Bool) {
        let (words, longest) = table.value
        let chars = Array(text)
        var parts: [String] = []
        var unknown = ""
        var translated = true
        func flush() {
            if !unknown.isEmpty { parts.append(Identifiers.pinyin(unknown)); translated = false; unknown = "" }
        }
        var i = 0
        while i < chars.count {
            var hit = false
            for len in stride(from: min(longest, chars.count - i), through: 1, by: -1) {
                if let en = words[String(chars[i..<i + len])] {
                    flush()
                    if !en.isEmpty { parts.append(en) }
                    i += len
                    hit = true
                    break
                }
            }
            if !hit {
                if chars[i] == "的" || chars[i].isWhitespace { flush() } else { unknown.append(chars[i]) }
                i += 1
            }
        }
        flush()
        // "is_" before an adjective-like part only; a repeated word collapses ("ticket_ticket").
        var out: [String] = []
        for p in parts.flatMap({ $0.split(separator: "_").map(String.init) }) where out.last != p { out.append(p) }
        let name = Identifiers.snake(out)
        // A word that translates to nothing ("所在") leaves an empty name; callers drop it.
        return (name, translated)
    }
}

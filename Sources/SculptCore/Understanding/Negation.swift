import Foundation

/// Finds the words of a clause that are negated: "不能删除", "不需要删除功能", "grades can't be
/// deleted", "never edited or deleted", "deleting isn't allowed", "no login needed".
///
/// A negated verb rules an operation out instead of asking for it; a negated account word
/// ("不用登录", "doesn't need login") asks for no accounts.
enum Negation {
    static let cuesZH = ["不能", "不可以", "不可", "不允许", "不要", "不需要", "不用", "不提供", "不得", "禁止", "无需", "无须", "不支持",
                         "不必", "不准", "没有", "不开放", "不让", "不能够", "免"]
    /// Words that may stand between a Chinese cue and its verb ("不能再修改", "不提供删除").
    static let bridgeZH = ["再", "被", "也", "进行", "提供", "随意", "自行", "任意", "对其", "去", "来"]
    static let cuesEN: Set<String> = ["not", "never", "no", "can't", "cannot", "don't", "doesn't", "won't", "mustn't", "shouldn't",
                                      "isn't", "aren't", "without", "nor", "neither", "can’t", "don’t", "doesn’t"]
    static let bridgeEN: Set<String> = ["be", "to", "need", "needs", "be able to", "able", "allowed", "ever", "a", "an", "the", "any",
                                        "require", "requires", "required", "want", "it", "them", "they", "get"]
    static let afterEN: Set<String> = ["isn't", "is not", "aren't", "not", "never", "can't", "cannot", "won't"]
    static let afterObjectEN: Set<String> = ["allowed", "permitted", "possible", "needed", "necessary", "required", "supported", "available"]

    /// Indexes of the tokens that carry a meaning and are negated.
    static func negated(_ tokens: [Token], language: Language) -> Set<Int> {
        var out = Set<Int>()
        for (i, t) in tokens.enumerated() where !t.meanings.isEmpty {
            if language == .zh ? negatedZH(tokens, i) : negatedEN(tokens, i, out) { out.insert(i) }
        }
        return out
    }

    private static func negatedZH(_ tokens: [Token], _ i: Int) -> Bool {
        guard i > 0 else { return false }
        var before = tokens[i - 1].text
        guard tokens[i - 1].meanings.isEmpty || tokens[i - 1].meanings == [.filler] else {
            // "也不能修改、删除": a verb right after a negated verb shares its negation.
            return false
        }
        var changed = true
        while changed {
            if cuesZH.contains(where: { before.hasSuffix($0) }) { return true }
            changed = false
            for b in bridgeZH where before.hasSuffix(b) && before.count > b.count { before = String(before.dropLast(b.count)); changed = true }
        }
        return false
    }

    private static func negatedEN(_ tokens: [Token], _ i: Int, _ already: Set<Int>) -> Bool {
        // Looking back: "can't be deleted", "never delete", "no login needed", "don't need an account".
        var j = i - 1
        var steps = 0
        while j >= 0, steps < 4 {
            let w = tokens[j].text.lowercased()
            if cuesEN.contains(w) { return true }
            // "never edited or deleted": coordination shares the negation.
            if ["or", "and", "nor"].contains(w), j > 0, already.contains(j - 1) { return true }
            if !tokens[j].meanings.isEmpty || !bridgeEN.contains(w) { break }
            j -= 1
            steps += 1
        }
        // Looking ahead: "deleting isn't allowed", "login is not needed", "no login needed".
        var k = i + 1
        var sawNot = false
        while k < tokens.count, k <= i + 4 {
            let w = tokens[k].text.lowercased()
            if afterEN.contains(w) { sawNot = true } else if sawNot && afterObjectEN.contains(w) { return true } else if !["is", "are", "be", "was", "really", "at", "all"].contains(w) { break }
            k += 1
        }
        return false
    }
}

import Foundation

/// Domain actions (contract v2): a verb whose object is an entity ("借书", "vote", "like", "cancel",
/// "approve") is an action on that entity, never a new entity; its rules come from the words around
/// it ("借书时库存减一", "库存为0时不能借", "can like a photo once", "only while it is pending",
/// "approving sets the status to approved", "每次借书生成一条借阅记录").
extension Reading {
    struct VerbHit {
        var word: DomainLexicon.ActionWord
        var start: Int
        var length: Int
        var object: String?
    }

    struct RuleHit {
        var rule: RuleDraft
        var start: Int
        var length: Int
    }

    // MARK: - Verbs

    static func inflections(_ w: String) -> [String] {
        var f: [String] = [w, w + "s", w + "es", w + "ed", w + "d", w + "ing"]
        if w.hasSuffix("e") { f.append(String(w.dropLast()) + "ing") }
        if w.hasSuffix("y"), w.count > 1, !"aeiou".contains(w[w.index(w.endIndex, offsetBy: -2)]) {
            f += [String(w.dropLast()) + "ies", String(w.dropLast()) + "ied"]
        }
        if let last = w.last, "lptnmgbr".contains(last), w.count >= 3, !"aeiou".contains(last),
           "aeiou".contains(w[w.index(w.endIndex, offsetBy: -2)]) {
            f += [w + String(last) + "ed", w + String(last) + "ing"]
        }
        let irregular = ["buy": ["bought"], "pay": ["paid"]]
        f += irregular[w] ?? []
        return f
    }

    static func verbPattern(_ term: String) -> String {
        let words = term.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        guard let first = words.first else { return "(?!)" }
        let head = "(?:" + inflections(first).map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|") + ")"
        return "\\b" + ([head] + words.dropFirst().map { NSRegularExpression.escapedPattern(for: $0) }).joined(separator: "[\\s-]*") + "\\b"
    }

    static let ruleVerbsEN = "(?:sets?|takes?|uses?|adds?|frees?|marks?|creates?|reduces?|increases?|decreases?|removes?|consumes?|subtracts?|gives?|makes?|changes?|turns?|records?|generates?|costs?|moves?|puts?|requires?)"
    static let cuesBeforeZH = ["可以", "能够", "才能", "才可以", "不能再", "不能", "不可以", "只能", "只可以", "就可以", "也可以", "都可以", "都能", "允许",
                               "能", "来", "去", "要", "和", "、", "或", "及", "并", "就", "再", "每次", "每人"]
    static let cuesAfterZH = ["时", "后", "以后", "之后", "的时候", "前", "一次", "成功"]

    /// The action verbs of a clause, with the entity each acts on when it is named.
    func actionVerbs(_ text: String, hasRules: Bool = false) -> [VerbHit] {
        var hits: [VerbHit] = []
        let chars = Array(text)
        let lower = text.lowercased()
        func overlaps(_ s: Int, _ l: Int) -> Bool { hits.contains { s < $0.start + $0.length && $0.start < s + l } }
        if language == .zh {
            let present = Set(chars)
            for (word, term) in Self.actionTermsZH(domain) where term.first.map(present.contains) ?? true {
                for s in DomainLexicon.occurrences(of: Array(term), in: chars) {
                    guard !overlaps(s, term.count) else { continue }
                    let before = String(chars[max(0, s - 4)..<s])
                    let after = String(chars[min(chars.count, s + term.count)...])
                    let cueBefore = Self.cuesBeforeZH.contains { before.hasSuffix($0) } || actorEnds(before)
                    let afterTokens = index.tokens(String(after.prefix(8)))
                    let objectToken = afterTokens.first.flatMap { $0.entity() != nil ? $0 : nil }
                    // A thing this requirement named itself ("借器材"): its written form right after the verb.
                    let unknownLength = (1...min(8, max(1, after.count))).reversed().first { unknownForms[String(after.prefix($0))] != nil }
                    let unknownObject = unknownLength.flatMap { unknownForms[String(after.prefix($0))] }
                    // "借书时", "借工具时": the time word may follow the verb's object.
                    let objectLength = objectToken?.text.count ?? unknownLength ?? 0
                    func timeCue(_ rest: String) -> Bool {
                        Self.cuesAfterZH.contains { rest.hasPrefix($0) } && !["时间", "时刻", "时长", "时段", "后台", "前台"].contains { rest.hasPrefix($0) }
                    }
                    // "入场时间", "是否可预订": a verb inside a noun or a yes/no field is not the verb.
                    let cueAfter = timeCue(after) || (objectLength > 0 && timeCue(String(after.dropFirst(objectLength))))
                    if before.hasSuffix("是否") || before.hasSuffix("是否可") || before.hasSuffix("可") { continue }
                    guard cueBefore || cueAfter else { continue }
                    if term.count == 1 {
                        let ok = after.isEmpty || ["时", "后", "一", "了", "过", "的时候", "。", "，"].contains { after.hasPrefix($0) } || objectToken != nil || unknownObject != nil
                        guard ok else { continue }
                    }
                    // "借阅记录", "借阅人", "借出日期", "购买日期": the verb inside a noun is not the verb, whether
                    // the noun's head is a known field word or not.
                    if !cueAfter, ["记录", "人", "日期", "时间", "数量", "状态", "单", "次数", "地点", "金额", "价格", "费用"].contains(where: { after.hasPrefix($0) }) { continue }
                    var object = objectToken.flatMap { surfaceName($0) } ?? unknownObject
                    if object == nil, let inner = index.tokens(term).last(where: { $0.entity() != nil && $0.text != term }) { object = surfaceName(inner) }
                    hits.append(VerbHit(word: word, start: s, length: term.count, object: object))
                }
            }
            return hits.sorted { $0.start < $1.start }
        }
        let ns = lower as NSString
        let bytes = Array(lower.utf8)
        let patterns = Self.verbPatternsEN(domain)
        for (k, (word, term)) in Self.actionTermsEN(domain).enumerated() {
            // Cheap test first: the verb's first letters must be there (long requirements stay fast).
            // An ASCII stem is searched in the bytes: Foundation's `contains` converted the clause to
            // UTF-16 for every verb of the lexicon.
            let stem = ["buy": "b", "pay": "pa"][term] ?? String(term.prefix(3))
            guard stem.utf8.allSatisfy({ $0 < 0x80 }) ? Self.occurs(Array(stem.utf8), in: bytes) : lower.contains(stem),
                  let re = RegexCache.regex(patterns[k], for: lower) else { continue }
            for m in re.matches(in: lower, range: NSRange(location: 0, length: ns.length)) {
                // Character offsets (the text may hold non-ASCII dashes).
                let s = lower.distance(from: lower.startIndex, to: String.Index(utf16Offset: m.range.location, in: lower))
                let l = ns.substring(with: m.range).count
                guard !overlaps(s, l) else { continue }
                let before = String(chars[..<s]).lowercased()
                let after = String(chars[(s + l)...]).lowercased()
                var object = objectAfter(after)
                // "an order can be cancelled only while…": the passive's subject is what the verb acts on.
                if object == nil, let g = before.groups("\\b([a-z][a-z-]*)\\s+(?:(?:can|may|could|must|should|will|cannot|can't)\\s+)?(?:only\\s+|not\\s+|also\\s+)*(?:be|is|are|gets?)\\s+$"),
                   let e = g.first.flatMap({ knownEntity($0) }) { object = e }
                let modal = before.matches("\\b(?:can|may|could|will|would|must|to|cannot|can't|can’t|should|only|also|then|not|never|please)\\s+(?:(?:only|also|not|still|then|just|now|even|easily|each|both)\\s+)*$")
                // "and sign up for a shift" joins verbs; "in progress or closed" lists values.
                let joined = before.matches("\\b(?:and|or)\\s+$") && object != nil
                let subjectStart = before.matches("(?:^|[;:,(—–]|\\s-|\\band|\\bthen)\\s*(?:(?:a|an|the|each|every|any|one|your|their|his|her)\\s+)?$")
                    && after.matches("^\\s*(?:[a-z'’-]+\\s+){0,3}?" + Self.ruleVerbsEN + "\\b")
                let passive = before.matches("\\bbe\\s+$")
                let known = actionDrafts.contains { $0.name == word.name }
                guard (modal && (object != nil || known || hasRules)) || joined || subjectStart || (passive && (known || object != nil || (current ?? lastEntity) != nil)) else { continue }
                hits.append(VerbHit(word: word, start: s, length: l, object: object))
            }
        }
        return hits.sorted { $0.start < $1.start }
    }

    /// Whether `needle` occurs in `haystack` (bytes; a plain scan, clauses are short).
    static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    private static let termCache = Locked<[Language: [(DomainLexicon.ActionWord, String)]]>([:])
    private static let patternCache = Locked<[String]?>(nil)

    /// `verbPattern` of each English action term, in `actionTermsEN` order, built once.
    static func verbPatternsEN(_ domain: DomainLexicon) -> [String] {
        if let p = patternCache.value { return p }
        let p = actionTermsEN(domain).map { verbPattern($0.1) }
        patternCache.set(p)
        return p
    }

    /// The action verbs' terms, longest first, sorted once per language.
    static func actionTermsZH(_ domain: DomainLexicon) -> [(DomainLexicon.ActionWord, String)] { actionTerms(domain, .zh) }
    static func actionTermsEN(_ domain: DomainLexicon) -> [(DomainLexicon.ActionWord, String)] { actionTerms(domain, .en) }
    static func actionTerms(_ domain: DomainLexicon, _ language: Language) -> [(DomainLexicon.ActionWord, String)] {
        if let t = termCache.value[language] { return t }
        let t = domain.actions.flatMap { a in (language == .zh ? a.zh : a.en).map { (a, $0) } }.sorted { $0.1.count > $1.1.count }
        termCache.mutate { $0[language] = t }
        return t
    }

    /// A people word ending the text before a Chinese verb ("学生选课时", "读者借书").
    func actorEnds(_ before: String) -> Bool {
        (lexicon.actors?(language) ?? []).contains { before.hasSuffix($0) }
    }

    /// The entity named right after an English verb: "a class", "to a spot", "the same class".
    func objectAfter(_ after: String) -> String? {
        let skip: Set<String> = ["a", "an", "the", "their", "its", "his", "her", "one", "given", "same", "this", "that", "each", "any",
                                 "another", "to", "for", "on", "in", "into", "at", "up", "other", "my", "your", "our", "particular", "specific"]
        let words = after.split(whereSeparator: { !($0.isLetter || $0 == "-" || $0 == "'") }).map(String.init).prefix(6)
        var seen = 0
        for w in words {
            if skip.contains(w) { continue }
            seen += 1
            if let e = knownEntity(w) { return e }
            if seen >= 2 { break }
        }
        return nil
    }

    // MARK: - Rules

    /// The rules a clause states, wherever they are.
    func actionRules(_ text: String) -> [RuleHit] {
        var out: [RuleHit] = []
        func add(_ r: RuleDraft, _ pattern: String, in t: String) {
            guard let re = RegexCache.regex(pattern, for: t) else { return }
            let ns = t as NSString
            if let m = re.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) {
                let s = t.distance(from: t.startIndex, to: String.Index(utf16Offset: m.range.location, in: t))
                out.append(RuleHit(rule: r, start: s, length: ns.substring(with: m.range).count))
            }
        }
        if language == .zh {
            let numbers = "(一|1|１|二|两|2|三|3|五|5|十|10)"
            if let g = text.groups("(.{1,14}?)(减少|减去|扣减|扣除|减|少了|增加|加上|加|多)\\s*" + numbers + "(?:个|张|本|份|件|名|次|位|点|分)?"), g.count == 3 {
                let phrase = Self.ruleFieldPhraseZH(g[0])
                let bad = ["参", "添", "附", "追", "更", "增"].contains { g[0].hasSuffix($0) }
                if !phrase.isEmpty && !bad {
                    let n = NumberWords.value(g[2]) ?? 1
                    add(.increment(phrase: phrase, by: g[1].contains("减") || g[1].contains("扣") || g[1].hasPrefix("少") ? -n : n), "(减少|减去|扣减|扣除|减|少了|增加|加上|加|多)", in: text)
                }
            }
            if let g = text.groups("(.{1,14}?)(?:为|是|等于|变成|变为|到|达到|只剩|剩)?\\s*(?:0|零|０)\\s*(?:个|张|本|份)?\\s*(?:时|的时候|后|以后|了)?\\s*[，,]?(?:就|则|便)?\\s*(?:不能|不可以|无法|不允许|不可|不再)"), g.count == 1 {
                let phrase = Self.ruleFieldPhraseZH(g[0])
                if !phrase.isEmpty { add(.precondition(phrase: phrase, op: .greater, value: .number(0)), "(?:0|零|０)", in: text) }
            } else if let g = text.groups("(.{1,10}?)(?:达到|等于|超过|到达|满了|大于等于)(?:了)?(.{1,10}?)(?:时|的时候|后|以后)?[，,]?(?:就|则)?(?:不能|不可以|无法|不允许)"), g.count == 2,
                      NumberWords.value(g[1]) == nil {
                let a = Self.ruleFieldPhraseZH(g[0]), b = Self.ruleFieldPhraseZH(g[1])
                if !a.isEmpty && !b.isEmpty { add(.precondition(phrase: a, op: .less, value: .field(b)), "(?:达到|等于|超过|到达|满了|大于等于)", in: text) }
            } else if let g = text.groups("(.{1,10}?)(?:不能|不可以|不得|不可|不允许)(?:超过|超出|多于|大于)(.{1,10}?)$"), g.count == 2, NumberWords.value(g[1]) == nil {
                // "报名人数不能超过容量": one more must still fit, so the count is below the limit before.
                let a = Self.ruleFieldPhraseZH(g[0]), b = Self.ruleFieldPhraseZH(g[1])
                if !a.isEmpty && !b.isEmpty { add(.precondition(phrase: a, op: .less, value: .field(b)), "(?:超过|超出|多于|大于)", in: text) }
            }
            if let g = text.groups("(.{1,12}?)(?:大于|多于|超过|高于)\\s*(0|零|０)\\s*(?:个|张|本|份|件)?\\s*(?:时|的时候)?[，,]?(?:才|方)(?:能|可以|可)"), g.count == 2 {
                // "库存大于0时才能借".
                let phrase = Self.ruleFieldPhraseZH(g[0])
                if !phrase.isEmpty { add(.precondition(phrase: phrase, op: .greater, value: .number(0)), "(?:大于|多于|超过|高于)", in: text) }
            }
            if text.matches("(?:只能|仅能|最多|只可以|限)\\S{0,6}?(?:一次|1次)") || text.contains("不能重复") || text.contains("不可重复") {
                add(.once, "(?:一次|1次|重复)", in: text)
            }
            if let g = text.groups("(?:生成|创建|产生|新增|新建|留下|增加|添加)(?:一条|一个|一份|一笔|一张|条|个|一项)(.{1,10}?)$"), g.count == 1 {
                add(.create(entity: g[0]), "(?:生成|创建|产生|新增|新建|留下|增加|添加)", in: text)
            }
            if let g = text.groups("只有(.{1,8}?)(?:是|为|等于)(.{1,10}?)的(?:.{0,6}?)才(?:能|可以|可)"), g.count == 2 {
                add(.precondition(phrase: Self.ruleFieldPhraseZH(g[0]), op: .equal, value: .text(Self.unquote(g[1]))), "只有", in: text)
            } else if let g = text.groups("只有(.{1,10}?)的(?:.{0,6}?)才(?:能|可以|可)"), g.count == 1 {
                add(.precondition(phrase: nil, op: .equal, value: .text(Self.unquote(g[0]))), "只有", in: text)
            } else if let g = text.groups("(.{1,8}?)(?:是|为)(.{1,10}?)(?:时|的时候)才(?:能|可以)"), g.count == 2 {
                add(.precondition(phrase: Self.ruleFieldPhraseZH(g[0]), op: .equal, value: .text(Self.unquote(g[1]))), "才(?:能|可以)", in: text)
            } else if let g = text.groups("^(?:已经)?(.{1,8}?)的.{0,6}?(?:不能|不可以|无法)(?:再|重复)"), g.count == 1 {
                add(.precondition(phrase: nil, op: .notEqual, value: .text(Self.unquote(g[0]))), "(?:不能|不可以|无法)", in: text)
            }
            if let g = text.groups("(.{1,10}?)(?:会|就|将)?(?:变为|变成|改为|改成|设为|设置为|变回|置为|更新为|标记为|变更为|改变为)(.{1,10}?)$"), g.count == 2 {
                add(.set(phrase: Self.ruleFieldPhraseZH(g[0]), value: Self.unquote(g[1])), "(?:变为|变成|改为|改成|设为|设置为|变回|置为|更新为|标记为|变更为|改变为)", in: text)
            }
            return out
        }
        let t = text.lowercased()
        let num = "(one|1|a|an|two|2|three|3)"
        for g in t.allGroups("\\b(?:takes?|uses?|consumes?|removes?|subtracts?|uses up|costs?)\\s+(?:up\\s+)?" + num + "\\s+(?:(?:from|off|of)\\s+(?:the\\s+|its\\s+|their\\s+)?)?([a-z][a-z-]*)") where g.count == 2 {
            add(.increment(phrase: g[1], by: -(NumberWords.value(g[0]) ?? 1)), "\\b(?:takes?|uses?|consumes?|removes?|subtracts?|costs?)\\s+(?:up\\s+)?" + num + "\\s+(?:(?:from|off|of)\\s+(?:the\\s+|its\\s+|their\\s+)?)?" + NSRegularExpression.escapedPattern(for: g[1]), in: t)
        }
        for g in t.allGroups("\\b(?:reduces?|decreases?|lowers?|decrements?)\\s+(?:the\\s+|its\\s+|their\\s+)?(?:[a-z]+'s\\s+)?([a-z][a-z ]*?)(?:\\s+by\\s+" + num + ")?(?=\\s*(?:[,.;)]|$|\\band\\b))") where g.count == 2 {
            add(.increment(phrase: g[0], by: -(NumberWords.value(g[1]) ?? 1)), "\\b(?:reduces?|decreases?|lowers?|decrements?)", in: t)
        }
        for g in t.allGroups("\\badds?\\s+" + num + "\\s+to\\s+(?:the\\s+|its\\s+|their\\s+)?(?:[a-z]+(?:'s|’s)\\s+)?([a-z][a-z ]*?)(?=\\s*(?:[,.;)]|$|\\band\\b))") where g.count == 2 {
            add(.increment(phrase: g[1], by: NumberWords.value(g[0]) ?? 1), "\\badds?\\s+" + num + "\\s+to", in: t)
        }
        for g in t.allGroups("\\b(?:increases?|raises?|bumps?|increments?)\\s+(?:the\\s+|its\\s+|their\\s+)?(?:[a-z]+(?:'s|’s)\\s+)?([a-z][a-z ]*?)(?:\\s+by\\s+" + num + ")?(?=\\s*(?:[,.;)]|$|\\band\\b))") where g.count == 2 {
            add(.increment(phrase: g[0], by: NumberWords.value(g[1]) ?? 1), "\\b(?:increases?|raises?|bumps?|increments?)", in: t)
        }
        for g in t.allGroups("\\b(?:frees?|releases?|gives?\\s+back|returns?)\\s+(?:up\\s+)?(?:the|a|one|that|their|its)\\s+([a-z][a-z-]*)") where g.count == 1 {
            add(.increment(phrase: g[0], by: 1), "\\b(?:frees?|releases?|gives?\\s+back|returns?)\\s+(?:up\\s+)?(?:the|a|one|that|their|its)\\s+" + NSRegularExpression.escapedPattern(for: g[0]), in: t)
        }
        if let g = t.groups("\\bonly\\s+(?:while|when|if|as long as)\\s+(?:it's\\s+|it’s\\s+|it\\s+is\\s+|its\\s+|the\\s+|they're\\s+|they\\s+are\\s+|there\\s+(?:is|are)\\s+)?(?:([a-z][a-z ]*?)\\s+(?:is|are)\\s+)?(not\\s+)?(?:still\\s+)?([a-z][a-z-]*)"), g.count == 3 {
            let value = g[2]
            if ["left", "remaining", "available"].contains(value), !g[0].isEmpty {
                add(.precondition(phrase: g[0], op: .greater, value: .number(0)), "\\bonly\\s+(?:while|when|if)", in: t)
            } else {
                add(.precondition(phrase: g[0].isEmpty ? nil : g[0], op: g[1].isEmpty ? .equal : .notEqual, value: .text(value)), "\\bonly\\s+(?:while|when|if|as long as)", in: t)
            }
        }
        if let g = t.groups("\\b(?:when|while|if|as\\s+long\\s+as)\\s+(?:the\\s+|its\\s+|their\\s+)?([a-z][a-z ]*?)\\s+(?:is|are|stays?|remains?)\\s+(?:still\\s+)?(?:above|greater\\s+than|more\\s+than|over|at\\s+least\\s+one|positive)(?:\\s+(?:zero|0))?\\b"), g.count == 1 {
            // "borrow a book when its stock is above zero".
            add(.precondition(phrase: g[0], op: .greater, value: .number(0)), "\\b(?:when|while|if|as\\s+long\\s+as)\\s+", in: t)
        } else if t.matches("\\b(?:when|if|once|while)\\s+(?:there\\s+(?:are|is)\\s+)?(?:none|nothing|no\\s+copies|no\\s+more)\\s+(?:are\\s+|is\\s+)?(?:left|remaining|available)\\b")
            || t.matches("\\b(?:when|if|once)\\s+(?:it|they)\\s+(?:is|are)\\s+(?:sold\\s+out|out\\s+of\\s+stock)\\b") {
            // "you can't borrow when none are left": the counter the action moves stays above zero.
            add(.precondition(phrase: nil, op: .greater, value: .number(0)), "\\b(?:when|if|once|while)\\s+", in: t)
        } else if let g = t.groups("\\b(?:no|zero|0)\\s+(?:more\\s+)?([a-z][a-z ]*?)\\s+(?:are\\s+|is\\s+)?(?:left|remaining|available)\\b"), g.count == 1 {
            add(.precondition(phrase: g[0], op: .greater, value: .number(0)), "\\b(?:no|zero|0)\\s+(?:more\\s+)?" + NSRegularExpression.escapedPattern(for: g[0]), in: t)
        } else if let g = t.groups("\\b(?:when|once|if)\\s+(?:the\\s+|its\\s+)?([a-z][a-z ]*?)\\s+(?:is|are|reaches|hits|drops to|falls to|gets to)\\s+(?:0|zero)\\b"), g.count == 1 {
            add(.precondition(phrase: g[0], op: .greater, value: .number(0)), "\\b(?:when|once|if)\\s+", in: t)
        } else if let g = t.groups("\\b(?:when|once|if)\\s+(?:the\\s+|its\\s+)?([a-z][a-z ]*?)\\s+(?:reaches|equals|hits|is equal to|gets to)\\s+(?:the\\s+|its\\s+)?([a-z][a-z ]*?)(?=\\s*(?:[,.;)]|$))"), g.count == 2, NumberWords.value(g[1]) == nil {
            add(.precondition(phrase: g[0], op: .less, value: .field(g[1])), "\\b(?:when|once|if)\\s+", in: t)
        }
        if let g = t.groups("\\b(?:a|an|the)\\s+([a-z][a-z-]*)\\s+[a-z]+\\s+(?:can't|can’t|cannot|can not|may not)\\s+be\\s+[a-z]+\\s+again"), g.count == 1 {
            add(.precondition(phrase: nil, op: .notEqual, value: .text(g[0])), "\\s+again", in: t)
        }
        for g in t.allGroups("\\bsets?\\s+(?:the\\s+|its\\s+|their\\s+)?(?:([a-z][a-z ]*?)\\s+)?(?:back\\s+)?(?:to|=|as)\\s*(?:the\\s+)?[\"'“]?([a-z0-9_-]+(?:\\s+[a-z]+)?)") where g.count == 2 {
            add(.set(phrase: g[0].isEmpty ? nil : g[0], value: g[1]), "\\bsets?\\s+(?:the\\s+|its\\s+|their\\s+)?" + NSRegularExpression.escapedPattern(for: g[0]), in: t)
        }
        for g in t.allGroups("\\b(?:marks?|flags?)\\s+(?:the\\s+|it\\s+|its\\s+|them\\s+)?(?:([a-z][a-z ]*?)\\s+)?as\\s+[\"'“]?([a-z-]+)") where g.count == 2 {
            add(.set(phrase: g[0].isEmpty ? nil : g[0], value: g[1]), "\\b(?:marks?|flags?)\\s+", in: t)
        }
        if t.matches("\\bonce\\b(?!\\s+(?:no|the|it|they|there|all|a|an|every|its|their|you|we|i|he|she|that|this|someone|somebody|approved|closed|created)\\b)")
            || t.matches("\\b(?:twice|at most once|more than once|only one (?:time|vote|like))\\b") {
            add(.once, "\\b(?:once|twice)\\b", in: t)
        }
        for g in t.allGroups("\\b(?:creates?|generates?|records?|opens?|makes?|produces?)\\s+(?:a|an|one)\\s+(?:new\\s+)?([a-z][a-z ]*?)(?:\\s+record)?(?=\\s*(?:[,.;)]|$|\\bfor\\b|\\band\\b|\\bwith\\b))") where g.count == 1 {
            if let e = knownEntity(g[0]) { add(.create(entity: e), "\\b(?:creates?|generates?|records?|opens?|makes?|produces?)\\s+(?:a|an|one)", in: t) }
        }
        return out
    }

    static func unquote(_ s: String) -> String {
        s.trimmingCharacters(in: CharacterSet(charactersIn: "“”\"'‘’「」 "))
    }

    /// "借书时库存" → "库存", "这本书的可借数量" → "可借数量", "同时这门课的剩余名额" → "剩余名额".
    static func ruleFieldPhraseZH(_ s: String) -> String {
        var t = s
        for cut in ["时", "后", "，", ",", "的", "了", "：", "就", "同时", "并且", "且", "：", "；", "则", "当"] {
            if let r = t.range(of: cut, options: .backwards) { t = String(t[r.upperBound...]) }
        }
        for p in ["这本书", "这门课", "这个", "该", "其", "它", "这", "那"] where t.hasPrefix(p) { t = String(t.dropFirst(p.count)) }
        return t.trimmingWhitespace()
    }

    // MARK: - One clause

    /// Reads the actions of a clause; returns refs and the clause without the action's words, so they
    /// make no entity, operation or constraint of their own.
    mutating func readActions(_ text: String) -> (refs: [String], text: String) {
        let rules = actionRules(text)
        let verbs = actionVerbs(text, hasRules: !rules.isEmpty)
        guard !verbs.isEmpty || (!rules.isEmpty && currentAction != nil) else { return ([], text) }
        var mask = Array(text)
        func blank(_ s: Int, _ l: Int) { for i in s..<min(mask.count, s + l) { mask[i] = " " } }
        var placed: [Int] = []  // action index per verb
        for v in verbs {
            // A standard operation's word (cancel) is an action only with a rule in its clause.
            if v.word.crud == true && rules.isEmpty && !actionDrafts.contains(where: { $0.name == v.word.name }) {
                placed.append(-1)
                continue
            }
            let surface = String(Array(text)[v.start..<(v.start + v.length)])
            let context = current ?? lastEntity
            var at = actionDrafts.firstIndex { $0.name == v.word.name && ($0.object == v.object || v.object == nil || $0.object == nil) }
            if at == nil {
                var access: [Grant] = [.signedIn]
                var roles: [DomainLexicon.RoleWord] = []
                // The limited side of a contrast ("学生只能查看课程和选课") is every signed-in user: a role
                // nobody can be given at sign-up must not be the only way to act.
                if let r = role(before: v.start, in: text), !isLimitedRole(r) { access = [.role(r.name)]; roles = [r] }
                let before = String(Array(text)[..<v.start])
                if index.tokens(before).contains(where: { $0.access() == "anyone" }) && roles.isEmpty { access = [.anyone] }
                actionDrafts.append(ActionDraft(name: v.word.name, label: v.word.label(language), object: v.object, context: context,
                                                access: access, crud: v.word.crud ?? false, surfaces: [surface], text: text, roles: roles))
                at = actionDrafts.count - 1
            } else if let i = at {
                if actionDrafts[i].object == nil { actionDrafts[i].object = v.object }
                if actionDrafts[i].access == [.signedIn], let r = role(before: v.start, in: text), !isLimitedRole(r) {
                    actionDrafts[i].access = [.role(r.name)]; actionDrafts[i].roles = [r]
                }
            }
            placed.append(at!)
            blank(v.start, v.length)
        }
        let used = placed.filter { $0 >= 0 }
        guard !used.isEmpty || (!rules.isEmpty && currentAction != nil) else { return ([], text) }
        for r in rules {
            // The rule belongs to the nearest verb before it, else the first verb, else the sentence's action.
            var target = currentAction
            if let k = verbs.indices.last(where: { verbs[$0].start <= r.start && placed[$0] >= 0 }) { target = placed[k] }
            else if let k = placed.firstIndex(where: { $0 >= 0 }) { target = placed[k] }
            guard let t = target else { continue }
            actionDrafts[t].rules.append(r.rule)
            // "approve or reject a request only while it is pending": verbs joined by and/or share a guard.
            if case .precondition = r.rule, let k = verbs.indices.last(where: { verbs[$0].start <= r.start && placed[$0] == t }) {
                let chars = Array(text)
                var j = k
                while j > 0, placed[j - 1] >= 0, placed[j - 1] != t {
                    let gap = String(chars[(verbs[j - 1].start + verbs[j - 1].length)..<verbs[j].start]).lowercased().trimmingWhitespace()
                    guard ["or", "and", ",", "、", "或", "和", "及", "或者", "and/or", ", or", ", and"].contains(gap) else { break }
                    actionDrafts[placed[j - 1]].rules.append(r.rule)
                    j -= 1
                }
            }
            if language == .zh { blank(0, mask.count) } else { blank(r.start, r.length) }
        }
        if let last = used.last { currentAction = last }
        if language == .zh, !rules.isEmpty { blank(0, mask.count) }
        let refs = Self.unique((used + (rules.isEmpty ? [] : [currentAction].compactMap { $0 })).map { "actions.\(actionDrafts[$0].name)" })
        return (refs, String(mask))
    }
}

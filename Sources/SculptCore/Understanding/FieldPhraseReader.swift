import Foundation

/// Reads one item of a field list ("a price (a positive number)", "标题（必填，最多50个字符）")
/// into a field with its constraints.
struct FieldPhraseReader {
    let lexicon: Lexicon
    let index: TermIndex
    let constraints: ConstraintReader
    let language: Language
    let translator: MorphemeTranslator

    static let leadingModifiersEN: Set<String> = ["unique", "optional", "required", "mandatory", "positive", "non-negative",
                                                  "nonnegative", "short", "long", "valid", "single", "main", "numeric", "boolean"]
    static let tailMarkersEN = [" that ", " which ", " who ", " of ", " with ", " must ", " should ", " cannot ", " can't ", " can ",
                                " is ", " are ", " - ", " — ", " – ", " defaulting ", " default ", " defaults ", " between ", " from ", " at ", " up to ", " no ", " for ",
                                " used ", " in ", " on ", " like ", " e.g", " such as ", " per "]
    static let modifierWordsZH = ["唯一的", "唯一", "必填的", "必填", "可选的", "可选", "选填的", "选填", "一个", "一段", "一些", "一张", "一份", "一条",
                                  "一项", "一位", "一串", "一组", "一种", "一篇", "每个", "的"]

    /// The field an item names, with every constraint the item states; nil when the item names nothing.
    func read(_ item: String, entityNames: [String]) -> (FieldDraft, note: String?)? {
        var (noun, modifiers) = Self.splitParentheses(item)
        // "e.g. Early Bird, VIP", "比如三室两厅": examples, not the allowed values.
        if modifiers.matches("^(?:e\\.g\\.?|eg|i\\.e\\.?|like|such as|for example|ex\\.|比如|例如|如|譬如)") {
            modifiers = ""
        }
        // "task: oil change | brake inspection", "fuel type: petrol, diesel or electric": the values follow a colon.
        if let colon = ClauseSplitter.topLevelIndex(of: [":", "："], in: noun) {
            let values = String(noun[noun.index(after: colon)...])
            noun = String(noun[..<colon])
            modifiers = modifiers.isEmpty ? values : values + "；" + modifiers
        }
        // "priority low/normal/high/urgent — normal by default": values joined by slashes right after the noun.
        if language == .en, let g = noun.groups("^(.*?[A-Za-z])\\s+([A-Za-z][\\w-]*(?:\\s*/\\s*[A-Za-z][\\w-]*)+)(.*)$"), g.count == 3 {
            let values = g[1].split(separator: "/").map { $0.trimmingWhitespace().lowercased() }
            let flags: Set<String> = ["yes", "no", "true", "false", "y", "n", "date", "time", "on", "off"]
            if values.count >= 2, !values.allSatisfy(flags.contains) {
                noun = g[0] + " " + g[2]
                modifiers = modifiers.isEmpty ? g[1] : g[1] + "；" + modifiers
            }
        }
        // Clauses in place of nouns: "what it is (title)", "where it was lost", "the date it was lost".
        if language == .en { (noun, modifiers) = Self.clauseNoun(noun, modifiers) }
        var flag = false
        // "whether it's refundable", "done?": a yes/no field.
        if language == .en, let m = noun.firstMatch("^(?:and\\s+)?whether\\s+(?:it'?s|it is|they are|they're|the \\w+ is|there is|there's|it has)?\\s*(.+)$") { noun = m; flag = true }
        if noun.hasSuffix("?") || noun.hasSuffix("？") { noun = String(noun.dropLast()); flag = true }
        let hits = constraints.read(item)
        // "the number of open slots": a count.
        let count = language == .en && noun.lowercased().matches("\\b(?:number|count) of ")
        noun = language == .zh ? chineseNoun(noun, hits: hits) : englishNoun(noun)
        guard !noun.isEmpty, noun.count <= 30 else { return nil }
        guard var draft = resolve(noun, entityNames: entityNames) else { return nil }
        let fromLexicon = draft.typeKnown
        if flag { draft.type = .boolean; draft.typeKnown = true }
        if count && !draft.typeKnown && draft.type == .string { draft.type = .integer; draft.typeKnown = true }
        for h in hits { Self.apply(h, to: &draft, language: language) }
        // "(pending, paid or shipped)": a bare list in parentheses is the allowed values, whatever the
        // lexicon's type, as long as the values are words rather than numbers.
        if draft.allowedValues == nil, !modifiers.isEmpty {
            var bare = modifiers
            for h in hits { bare = bare.replacingOccurrences(of: h.phrase, with: " ") }
            for part in bare.components(separatedBy: CharacterSet(charactersIn: ";；")) {
                // "单位元", "都是", "in km": remarks about units or the whole list are not values.
                let values = Self.valueList(part).filter { v in
                    !["单位", "都", "均", "in ", "unit", "e.g", "eg ", "km", "miles", "元", "分钟", "秒", "岁"].contains { v.lowercased().hasPrefix($0) }
                }
                // "(date and time)", "(yes/no)": type words, not values.
                let typeWords: Set<String> = ["date", "time", "datetime", "number", "text", "yes", "no", "true", "false", "integer", "decimal", "是", "否"]
                if values.count >= 2, values.allSatisfy({ typeWords.contains($0.lowercased()) }) {
                    if Set(values.map { $0.lowercased() }) == ["date", "time"] { draft.type = .datetime; draft.typeKnown = true }
                    if Set(values.map { $0.lowercased() }).isSubset(of: ["yes", "no", "true", "false", "是", "否"]) { draft.type = .boolean; draft.typeKnown = true }
                    break
                }
                if values.count >= 2, values.allSatisfy({ Double($0) == nil && $0.split(separator: " ").count <= 3 }), draft.type != .boolean {
                    draft.type = .enumeration; draft.allowedValues = values; draft.typeKnown = true; draft.stated.append("allowedValues")
                    if case .string(let d)? = draft.defaultValue, !values.contains(d) { draft.defaultValue = nil }
                    break
                }
            }
        }
        if draft.type == .enumeration, let vals = draft.allowedValues, case .number(let n)? = draft.defaultValue {
            draft.defaultValue = vals.contains(NumberText.format(n)) ? .string(NumberText.format(n)) : nil
        }
        var note: String? = nil
        if !fromLexicon {
            note = language == .zh
                ? "“\(noun)”不在词库中：字段名取为 \(draft.name)（\(draft.type.rawValue)）"
                : "'\(noun)' is not in the lexicon: named it \(draft.name) (\(draft.type.rawValue))"
        }
        return (draft, note)
    }

    /// "what it is (title, required)" → title; "where it was lost" → location; "when it was lost" →
    /// date; "the date it was lost" → lost date.
    static func clauseNoun(_ noun: String, _ modifiers: String) -> (String, String) {
        let n = noun.lowercased().trimmingWhitespace()
        if n.matches("^(?:and |or )?what (?:it|they|this) (?:is|are)$") {
            let parts = modifiers.components(separatedBy: CharacterSet(charactersIn: ",，;；"))
            if let first = parts.first?.trimmingWhitespace(), !first.isEmpty, first.split(separator: " ").count <= 2,
               !["required", "optional", "unique", "mandatory"].contains(first.lowercased()) {
                return (first, parts.dropFirst().joined(separator: ","))
            }
            return ("name", modifiers)
        }
        if n.matches("^(?:and |or )?where (?:it|they|this) (?:is|are|was|were)\\b") { return ("location", modifiers) }
        if n.matches("^(?:and |or )?when (?:it|they|this) (?:is|are|was|were)\\b") { return ("date", modifiers) }
        let reduced = n.replacing(pattern: "^(?:and |or )?(?:the |a |an )?(\\w+) (?:it|they|that|which) (?:was|were|is|are|got|get) (\\w+)$", with: "$2 $1")
        return (reduced != n ? reduced : noun, modifiers)
    }

    static func splitParentheses(_ s: String) -> (String, String) {
        var outside = "", inside = ""
        var depth = 0
        for c in s {
            if "(（".contains(c) { depth += 1; if depth == 1 { continue } }
            if ")）".contains(c) { depth = max(0, depth - 1); if depth == 0 { inside += "，"; continue } }
            if depth > 0 { inside.append(c) } else { outside.append(c) }
        }
        return (outside.trimmingWhitespace(), inside.trimmingCharacters(in: CharacterSet(charactersIn: "，, ")))
    }

    private func englishNoun(_ s: String) -> String {
        var text = " " + s.lowercased() + " "
        // "the number of open slots" is the open slots (a count), before " of " ends the noun.
        if let r = text.asciiRange(of: " number of ") ?? text.asciiRange(of: " count of ") { text = " " + String(text[r.upperBound...]) }
        for marker in Self.tailMarkersEN {
            if let r = text.asciiRange(of: marker), r.lowerBound > text.startIndex { text = String(text[..<r.lowerBound]) + " " }
        }
        text = text.replacingOccurrences(of: "'s ", with: " ").replacingOccurrences(of: "’s ", with: " ")
        var words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'") }).map(String.init)
        // "priority 1-3", "price 0+": numbers describe the range, not the name.
        words.removeAll { w in w.allSatisfy { $0.isNumber || $0 == "-" || $0 == "+" } }
        // "occupied true/false", "has_balcony yes/no": the flag words say the type, not the name.
        if words.count > 1 { words.removeAll { ["yes", "no", "true", "false", "y", "n"].contains($0) } }
        while let f = words.first, Identifiers.englishStopwords.contains(f) || Self.leadingModifiersEN.contains(f) || f == "and" || f == "or" {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    private func chineseNoun(_ s: String, hits: [ConstraintHit]) -> String {
        var text = s
        for h in hits where h.kind != .boolean { text = text.replacingOccurrences(of: h.phrase, with: "") }
        text = text.replacingOccurrences(of: "的", with: "", options: [], range: nil)
        for m in Self.modifierWordsZH where text.hasPrefix(m) { text = String(text.dropFirst(m.count)) }
        // "标题必填" → the noun is what comes before a trailing modifier.
        for m in Self.modifierWordsZH where text.hasSuffix(m) && text.count > m.count { text = String(text.dropLast(m.count)) }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: " 　：:"))
    }

    /// Maps a noun to a lexicon field, or makes a new one with a readable identifier and an inferred type.
    func resolve(_ noun: String, entityNames: [String]) -> FieldDraft? {
        let tokens = index.tokens(noun).filter { !$0.text.trimmingWhitespace().isEmpty }
        var fieldTokens = tokens.filter { $0.field() != nil }
        // "SKU编码", "ISBN号": a generic code word after a specific one adds nothing.
        if fieldTokens.count == 2, tokens.count == 2, ["code", "number", "serial_number", "id"].contains(fieldTokens[1].field() ?? ""),
           let first = fieldTokens[0].field(), lexicon.field(first) != nil {
            fieldTokens = [fieldTokens[0]]
            let w = lexicon.field(first)!
            return FieldDraft(name: w.name, label: noun, type: w.type, typeKnown: true)
        }
        if language == .en {
            let words = noun.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            if words == ["date", "time"] || words == ["date", "and", "time"] {
                return FieldDraft(name: "date_time", label: "Date and time", type: .datetime, typeKnown: true)
            }
        }
        // A whole noun the word parts know ("拍摄地点" → location, "最多人数" → max_people) keeps that name.
        if language == .zh, let en = lexicon.morphemes?[noun], !en.isEmpty {
            let type = fieldTokens.last.flatMap { $0.field() }.flatMap { lexicon.field($0)?.type } ?? inferType(noun)
            return FieldDraft(name: en, label: noun, type: type, typeKnown: fieldTokens.last != nil)
        }
        // The entity's own name before a field word is redundant: "商品名称" of a product is its name.
        let others = tokens.filter { t in
            t.field() == nil && !(t.entity().map(entityNames.contains) ?? false) && !Identifiers.englishStopwords.contains(t.text.lowercased())
                // "职位名称" of a position: the entity's own name, in the user's words, qualifies nothing.
                && !(language == .zh && t.meanings.isEmpty && entityNames.contains(translator.identifier(t.text).0))
        }
        if fieldTokens.count == 1, let name = fieldTokens[0].field(), let word = lexicon.field(name) {
            if others.isEmpty {
                // The label is what the user wrote ("姓名", "phone number"), so the page speaks their words.
                let own = fieldTokens[0].text
                let label = language == .zh ? own : (own.count > 3 ? Identifiers.sentenceCase(own) : word.label(.en))
                // "mileage" (the lexicon's distance), "card number": a synonym keeps the user's words as its name.
                if language == .en, !["username", "email", "password"].contains(word.name) {
                    let words = own.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
                    let mine = Identifiers.snake(words.dropLast() + [Inflection.singulars(of: words.last ?? "").first ?? words.last ?? ""])
                    let shared = Set(words).intersection(word.name.split(separator: "_").map(String.init))
                    if shared.isEmpty, !words.isEmpty, words.count <= 3, SpecValidator.isIdentifier(mine),
                       !SpecValidator.reservedFieldNames.contains(mine) {
                        return FieldDraft(name: mine, label: label, type: word.type, typeKnown: true)
                    }
                }
                return FieldDraft(name: word.name, label: label, type: word.type, typeKnown: true)
            }
            // "报销日期", "客户姓名", "shipping address": a qualifier before a known field word keeps
            // the field's type and becomes part of the name.
            if others.allSatisfy({ $0.access() == nil }) {
                // Words in the order written: "quantity available" → quantity_available, "报销日期" → reimbursement_date.
                var parts: [(Int, String)] = []
                if language == .zh {
                    // The words before and after the field word, each translated as a whole ("提交人" → submitter).
                    let chars = Array(noun)
                    let f = fieldTokens[0]
                    let before = String(chars[..<min(f.start, chars.count)]), after = String(chars[min(chars.count, f.start + f.text.count)...])
                    // "职位描述" of a position: the entity's own name qualifies nothing.
                    if !before.isEmpty, !entityNames.contains(translator.identifier(before).0) { parts.append((0, translator.identifier(before).0)) }
                    if !after.isEmpty { parts.append((f.start + 1, translator.identifier(after).0)) }
                } else {
                    parts = others.map { t in (t.start, t.entity() ?? Identifiers.snake(t.text)) }
                }
                // "stars count": a synonym of the field word keeps the user's word ("stars", not "rating").
                let own = fieldTokens[0].text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
                let sharesWord = !Set(own).intersection(word.name.split(separator: "_").map(String.init)).isEmpty
                // "cover letter", "age group": in English the last word is the head; a field word before
                // it only qualifies it, so it keeps the user's word and does not give its type.
                let qualifier = language == .en && others.contains { $0.start > fieldTokens[0].start }
                parts.append((fieldTokens[0].start, language == .en && (!sharesWord || qualifier) ? Identifiers.snake(own) : word.name))
                var ordered: [String] = []
                for p in parts.sorted(by: { $0.0 < $1.0 }).map(\.1) {
                    for piece in p.split(separator: "_").map(String.init) where ordered.last != piece { ordered.append(piece) }
                }
                // "学生学号" of student_id: a qualifier the field's name already says is dropped.
                let qualifierWords = Set(ordered).subtracting(word.name.split(separator: "_").map(String.init))
                let composed = qualifierWords.isEmpty ? word.name : Identifiers.snake(ordered)
                if SpecValidator.isIdentifier(composed) {
                    // "level number", "page number": a phrase the type hints know as a whole outranks its field word.
                    let type = phraseHint(noun) ?? (qualifier ? inferType(noun) : word.type)
                    return FieldDraft(name: composed, label: language == .zh ? noun : Identifiers.sentenceCase(noun), type: type, typeKnown: false)
                }
            }
        }
        // Words that are operations, accounts or access phrases are not field names.
        // ("open slots", "new members": an adjective that is also a verb qualifies the noun after it.)
        let adjective = language == .en && tokens.count >= 2 && ["open", "new", "free", "closed", "reserved", "booked", "published"].contains(tokens.first?.text.lowercased() ?? "")
        if let first = tokens.first, first.operation() != nil || first.account() != nil || first.access() != nil || first.isSearch, !adjective,
           fieldTokens.isEmpty, tokens.count <= 1 || first.operation() != "manage" {
            return nil
        }
        let type = inferType(noun)
        if language == .zh {
            var name = translator.identifier(noun).0
            // "职位名称" of a position is its name: the entity's own word adds nothing.
            for e in entityNames where name.hasPrefix(e + "_") && name.count > e.count + 1 { name = String(name.dropFirst(e.count + 1)) }
            return FieldDraft(name: name.isEmpty ? Identifiers.pinyin(noun) : name, label: noun, type: type, typeKnown: false)
        }
        var words = noun.split(separator: " ").map(String.init)
        if words.count > 1, words.last == "flag" { words.removeLast() }
        if words.count > 1, words.last == "timestamp" { words.removeLast(); words = words.flatMap { $0.split(separator: "-").map(String.init) }
            return FieldDraft(name: Identifiers.snake(words), label: Identifiers.sentenceCase(words.joined(separator: " ")), type: .datetime, typeKnown: true) }
        words = words.flatMap { $0.split(separator: "-").map(String.init) }
        if words.count > 1, entityNames.contains(where: { words.first == $0 }), let last = words.last, let f = lexicon.fields.first(where: { $0.en.contains(last) }) {
            return FieldDraft(name: f.name, label: f.label(.en), type: f.type, typeKnown: true)
        }
        let name = Identifiers.snake(words)
        guard !name.isEmpty, words.count <= 4 else { return nil }
        return FieldDraft(name: name, label: Identifiers.sentenceCase(words.joined(separator: " ")), type: type, typeKnown: false)
    }

    /// The type an English type hint of several words gives the whole noun ("level number" → integer).
    func phraseHint(_ noun: String) -> FieldType? {
        guard language == .en else { return nil }
        let n = noun.lowercased()
        for hint in lexicon.typeHints where hint.lang == .en {
            if let s = hint.suffix?.lowercased(), s.contains(" "), n == s || n.hasSuffix(" " + s) { return hint.type }
        }
        return nil
    }

    func inferType(_ noun: String) -> FieldType {
        let n = noun.lowercased()
        for hint in lexicon.typeHints where hint.lang == language || (language == .zh && hint.lang == .en) {
            // English hints match whole words ("count" is not the end of "account").
            let whole = hint.lang == .en
            if let s = hint.suffix?.lowercased(), whole ? (n == s || n.hasSuffix(" " + s)) : n.hasSuffix(s) { return hint.type }
            if let p = hint.prefix?.lowercased(), whole ? (n == p.trimmingWhitespace() || n.hasPrefix(p.hasSuffix(" ") ? p : p + " ")) : n.hasPrefix(p) { return hint.type }
        }
        return .string
    }

    /// "工作、生活或学习", "pending, paid or shipped", "A/B/C" → the values.
    static func valueList(_ s: String) -> [String] {
        var text = s
        for sep in ["或者", "或是", "或", "以及", "和", "及", " or ", " and ", "/", "|", "、", "，", ","] {
            text = text.replacingOccurrences(of: sep, with: "\u{1F}")
        }
        return text.split(separator: "\u{1F}").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'“”‘’「」《》.。:：")).replacingOccurrences(of: "either ", with: "")
        }.map { v in v.hasPrefix("a ") ? String(v.dropFirst(2)) : v }.map { v -> String in
            var t = v.replacing(pattern: "\\s*[(（]\\s*[)）]", with: "").trimmingWhitespace()
            for tail in [" and", " or", " etc", "等"] where t.lowercased().hasSuffix(tail) && t.count > tail.count { t = String(t.dropLast(tail.count)) }
            return t.trimmingWhitespace()
        }
            .filter { !$0.isEmpty && $0.count <= 40 && ($0 == "A" || !Identifiers.englishStopwords.contains($0.lowercased())) }
    }

    /// Applies one constraint phrase to a field, reading length limits on text and value limits on numbers.
    static func apply(_ h: ConstraintHit, to f: inout FieldDraft, language: Language) {
        func makeNumeric(integer: Bool = false) {
            if !f.type.isNumeric && (!f.typeKnown || f.type == .string) { f.type = integer ? .integer : .number; f.typeKnown = true }
            if f.type.isNumeric { f.typeKnown = true }
        }
        let text = f.type.isText || f.type == .string
        // Numeric limits never land on a field of values, a flag or a date (that spec would contradict itself).
        let numericKinds: Set<ConstraintHit.Kind> = [.range, .minimum, .maximum, .exclusiveMinimum, .positive, .nonNegative]
        if numericKinds.contains(h.kind), f.typeKnown, [.enumeration, .boolean, .date, .datetime, .email].contains(f.type) { return }
        switch h.kind {
        case .lengthRange, .range:
            guard let lo = h.number(0), let hi = h.number(1) else { return }
            if h.kind == .lengthRange || (text && f.typeKnown && !f.type.isNumeric) {
                if f.type.isNumeric { f.minimum = lo; f.maximum = hi } else { f.minLength = Int(lo); f.maxLength = Int(hi); f.stated += ["minLength", "maxLength"] }
            } else {
                makeNumeric(integer: lo == lo.rounded() && hi == hi.rounded())
                f.minimum = lo; f.maximum = hi; f.stated += ["minimum", "maximum"]
            }
        case .maxLength, .maximum:
            guard let n = h.number(0) else { return }
            if f.type.isNumeric || (h.kind == .maximum && !f.typeKnown) {
                makeNumeric(); f.maximum = n; f.stated.append("maximum")
            } else if f.type.isText { f.maxLength = Int(n); f.stated.append("maxLength") }
        case .minLength, .minimum:
            guard let n = h.number(0) else { return }
            if f.type.isNumeric || (h.kind == .minimum && !f.typeKnown) {
                makeNumeric(); f.minimum = n; f.exclusiveMinimum = nil; f.stated.append("minimum")
            } else if f.type.isText { f.minLength = Int(n); f.stated.append("minLength") }
        case .exclusiveMinimum:
            guard let n = h.number(0) else { return }
            makeNumeric()
            if f.type.isNumeric { f.exclusiveMinimum = n; f.minimum = nil; f.stated.append("exclusiveMinimum") }
        case .positive:
            makeNumeric()
            if f.type.isNumeric { f.exclusiveMinimum = 0; f.minimum = nil; f.stated.append("exclusiveMinimum") }
        case .nonNegative:
            makeNumeric()
            if f.type.isNumeric { f.minimum = 0; f.exclusiveMinimum = nil; f.stated.append("minimum") }
        case .exactLength:
            guard let n = h.number(0) else { return }
            if f.type.isNumeric && f.typeKnown { return }
            if !f.type.isText { f.type = .string; f.typeKnown = true }
            f.minLength = Int(n); f.maxLength = Int(n); f.stated += ["minLength", "maxLength"]
        case .boolean:
            f.type = .boolean; f.typeKnown = true; f.allowedValues = nil
        case .required: f.required = true; f.stated.append("required")
        case .optional: f.required = false; f.stated.append("optional")
        case .unique: f.unique = true; f.stated.append("unique")
        case .integer:
            if !f.typeKnown || f.type == .number { f.type = .integer; f.typeKnown = true }
        case .number:
            if !f.typeKnown || f.type == .integer { f.type = .number; f.typeKnown = true }
        case .default:
            guard let raw = h.values.first else { return }
            let v = raw.lowercased()
            if ["true", "yes", "是", "真", "已完成", "完成"].contains(v) && (f.type == .boolean || !f.typeKnown && !f.type.isNumeric) {
                f.type = .boolean; f.typeKnown = true; f.defaultValue = .bool(true)
            } else if ["false", "no", "否", "假", "未完成", "0"].contains(v) && (f.type == .boolean || !f.typeKnown && !f.type.isNumeric) {
                f.type = .boolean; f.typeKnown = true; f.defaultValue = .bool(false)
            } else if f.type == .boolean, language == .zh, !raw.isEmpty, f.label.hasSuffix(raw) || f.label.hasSuffix(raw.replacingOccurrences(of: "已", with: "")) {
                f.defaultValue = .bool(true)  // 是否公开（默认公开）
            } else if f.type == .boolean, language == .zh, raw.hasPrefix("不") || raw.hasPrefix("非") || raw.hasPrefix("未") {
                f.defaultValue = .bool(false)
            } else if let n = Double(raw), f.type.isNumeric || !f.typeKnown {
                if !f.type.isNumeric { f.type = n == n.rounded() ? .integer : .number; f.typeKnown = true }
                f.defaultValue = .number(n)
            } else if f.type == .boolean {
                return
            } else {
                f.defaultValue = .string(raw)
            }
            f.stated.append("default")
        case .allowed:
            guard let raw = h.values.first else { return }
            let values = valueList(raw)
            // "a priority that is one of low, medium or high": words as values make a field of values, whatever its usual type.
            let words = values.allSatisfy { Double($0) == nil }
            if values.count >= 2 && (f.type == .string || f.type == .enumeration || !f.typeKnown || words && f.type != .boolean) {
                f.type = .enumeration; f.typeKnown = true; f.allowedValues = values; f.stated.append("allowedValues")
            }
        }
    }
}

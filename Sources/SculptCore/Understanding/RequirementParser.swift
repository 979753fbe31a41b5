import Foundation

/// The offline understander: a deterministic bilingual parser over the lexicon.
///
/// It reads the requirement clause by clause, keeping the entity being described as context, and
/// reports every default it chose and every clause it could not place. No model, no network.
public struct RequirementParser: Sendable {
    /// The longest requirement read: 200,000 characters (about 200 KB of English). Parsing time grows
    /// linearly, so this bounds it (well under a second here); longer input is refused with a message.
    public static let maxCharacters = 200_000

    /// Build what was understood even when the requirement's purpose is out of scope (`--allow-partial`).
    public var allowPartial: Bool

    public init(allowPartial: Bool = false) { self.allowPartial = allowPartial }

    public func understand(_ requirement: String) throws -> Understanding {
        // Composed (NFC) first: the lexicon's terms are looked up by their bytes, and a requirement
        // typed with decomposed accents or CJK compatibility ideographs must still find them.
        let text = requirement.precomposedStringWithCanonicalMapping.trimmingWhitespaceAndNewlines()
        guard !text.isEmpty else { throw UnderstandingError.empty }
        guard text.count <= Self.maxCharacters else { throw UnderstandingError.tooLong(characters: text.count, limit: Self.maxCharacters) }
        let language = ClauseSplitter.language(of: text)
        var reading = try Reading(language: language)
        reading.read(text)
        let (spec, report) = try SpecAssembler(reading: reading, requirement: text, allowPartial: allowPartial).assemble()
        return Understanding(spec: spec, report: report)
    }
}

/// The state of one parse: what the clauses said so far.
struct Reading {
    let language: Language
    let lexicon: Lexicon
    let index: TermIndex
    let constraints: ConstraintReader
    let fieldReader: FieldPhraseReader
    let translator: MorphemeTranslator

    var title: String?
    var entities: [EntityDraft] = []
    var register = false, login = false, profile = false, accountsImplied = false
    var accountFields: [FieldDraft] = []
    var identityHint: String?
    var clauses: [Clause] = []
    var notUnderstood: [String] = []
    var notes: [String] = []
    var assumptions: [String] = []
    /// The entity the current sentence is about.
    var current: String?
    var lastEntity: String?
    /// The person the current sentence is about ("学生登录后只能查看成绩，不能改"): what they may not
    /// do is a rule about that role (contract v2), not about the data.
    var actor: String?
    /// "no login needed", "不用登录": accounts words in this requirement do not ask for accounts.
    var accountsNegated = false
    /// The unknown noun a verb acted on in the previous clause ("可以登记物品，包括…"): the subject of
    /// a list that follows without one.
    var lastObject: String?
    /// The fields the previous constraint clause of this sentence named ("备注选填，最多200个字").
    var lastFields: (entity: Int, fields: [Int])?
    /// The written forms of entities the lexicon does not know ("gadgets", "宝贝") → their names.
    var unknownForms: [String: String] = [:]
    /// The longest written form starting with each character, so a clause's words are looked up
    /// only where a form can start.
    var unknownFormLongest: [Character: Int] = [:]
    /// "nobody else uses it", "只给公司内部员工用": everything needs signing in.
    var privateApp = false
    /// What the requirement is for, when Sculpt does not build that ("converts videos into GIFs").
    var outOfScope: [String] = []

    /// Contract v2: the words of roles and actions, and what the clauses said about them.
    let domain: DomainLexicon
    var relations: [RelationDraft] = []
    var onDeleteHints: [(parent: String, child: String, rule: OnDelete)] = []
    var roleGrants: [RoleGrant] = []
    var actionDrafts: [ActionDraft] = []
    /// The action the current sentence is about ("借书时库存减一，库存为0时不能借").
    var currentAction: Int?
    var fullText = ""
    /// Answers about `fullText`, computed once per parse.
    var memo = ReadingMemo()
    /// The heading of the current sentence ("保养记录：每条记录属于一辆车"), which a generic noun may stand for.
    var sentenceHeading: String?
    /// A child named with "on them" whose parent is the thing its clause describes.
    var pendingParentOf: (child: String, text: String, before: String?)?
    /// A child word not yet an entity, linked to a parent once its clause has made it ("an application to an opening with …").
    var pendingChildOf: (word: String, parent: String, text: String)?
    /// Entities made only by an action's create effect: kept though the requirement lists no fields for them.
    var createdOnly: Set<String> = []

    init(language: Language) throws {
        // What does not need the lexicon first: with `RequirementParser.prepare()` a background thread
        // is meanwhile reading the lexicon and building the term table, which this then waits for.
        constraints = try ConstraintReader.shipped(language)
        domain = try DomainLexicon.shipped()
        _ = Preparation.regexReady
        Preparation.waitForTables(language)
        PhaseClock.mark("tables-ready")
        let shared = try Self.tables(language).get()
        let lexicon = try Lexicon.shipped()
        self.language = language
        self.lexicon = lexicon
        index = shared.index
        translator = shared.translator
        fieldReader = FieldPhraseReader(lexicon: lexicon, index: index, constraints: constraints, language: language, translator: translator)
    }

    /// The lexicon's tables for a parse in one language.
    struct Tables: Sendable {
        let index: TermIndex
        let translator: MorphemeTranslator

        init(_ language: Language) throws {
            let lexicon = try Lexicon.shipped()
            index = TermIndex(lexicon: lexicon, language: language)
            translator = MorphemeTranslator(lexicon: lexicon)
        }
    }

    /// Built once per language and process, at the first parse or by `RequirementParser.prepare()`
    /// on a background thread; a parse that needs them while they are being built waits (no double work).
    private static let zhTables = Result<Tables, any Error> { try Tables(.zh) }
    private static let enTables = Result<Tables, any Error> { try Tables(.en) }

    static func tables(_ language: Language) -> Result<Tables, any Error> { language == .zh ? zhTables : enTables }

    mutating func read(_ text: String) {
        fullText = text
        memo = ReadingMemo()
        let pieces = ClauseSplitter.split(text, language: language)
        var sentence = -1
        /// A heading that opened a list of bullet lines ("Fields per listing:").
        var listSubject: String?
        var skipSentence = -1
        var skipPiece = -1
        for (k, piece) in pieces.enumerated() {
            if piece.sentence != sentence {
                sentence = piece.sentence
                current = nil
                actor = nil
                currentAction = nil
                sentenceHeading = nil
                lastFields = nil
                if !piece.isBullet { listSubject = nil }
                // A bullet line under a heading that opened a list is one item of that list.
                if piece.isBullet, let subject = listSubject, isItemLine(piece.line), !describesThing(piece.line),
                   let refs = readFieldList(subject: subject, items: [piece.line]) {
                    clauses.append(Clause(text: piece.line, refs: Self.unique(refs)))
                    skipSentence = sentence
                    continue
                }
            }
            if piece.sentence == skipSentence || k == skipPiece { continue }
            if piece.sentence == 0 { noteScope(piece.text) }
            if piece.isHeading { sentenceHeading = piece.text }
            if piece.opensList { listSubject = piece.text }
            // "Rooms: name (required, unique), capacity, floor": a heading naming a thing, then a bare list.
            if piece.isHeading, !piece.opensList, k + 1 < pieces.count, pieces[k + 1].sentence == piece.sentence,
               let refs = readHeadedList(heading: piece.text, body: pieces[k + 1].text) {
                if piece.sentence == 0, title == nil, let t = titlePhrase(piece), subjectIsTitle(piece.text) { title = t }
                let use = readHeadingUse(piece.text)
                clauses.append(Clause(text: piece.text + (language == .zh ? "：" : ": ") + pieces[k + 1].text, refs: Self.unique(refs + use)))
                skipPiece = k + 1
                continue
            }
            let refs = readPiece(piece)
            let tokens = index.tokens(piece.text)
            let isFiller = !tokens.isEmpty && tokens.allSatisfy { $0.meanings.contains(.filler) || $0.text.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)).count <= 1 || ["否则", "otherwise", "then", "and"].contains($0.text.lowercased()) } && tokens.contains { $0.meanings.contains(.filler) }
            if refs.isEmpty {
                if isFiller, let last = clauses.last {
                    clauses[clauses.count - 1] = Clause(text: last.text + (language == .zh ? "，" : ", ") + piece.text, refs: last.refs)
                } else if !isFiller && !isOnlyFunctionWords(tokens) {
                    notUnderstood.append(piece.text)
                }
            } else {
                clauses.append(Clause(text: piece.text, refs: Self.unique(refs)))
            }
        }
    }

    /// "open tickets (subject, description, priority)", "上传照片的信息（图片地址、标题、标签）": a thing
    /// followed by a parenthesised list of fields. Returns the thing, the items and the clause without them.
    func parenthesizedList(_ text: String) -> (String, [String], String)? {
        guard let open = text.firstIndex(where: { $0 == "(" || $0 == "（" }),
              let close = text[open...].firstIndex(where: { $0 == ")" || $0 == "）" }) else { return nil }
        var before = String(text[..<open]).trimmingWhitespace()
        let inside = String(text[text.index(after: open)..<close])
        let items = FieldListMatcher.splitItems(inside, language: language)
        guard items.count >= 2, items.allSatisfy(itemLike) else { return nil }
        if language == .zh, let m = before.firstMatch("^(.+?)(?:的)?(?:信息|资料|内容|数据)$") { before = m }
        let tokens = index.tokens(before).filter { !$0.text.trimmingWhitespace().isEmpty }
        // The noun phrase just before the parenthesis: entity words and unknown words, after a verb.
        var run: [Token] = []
        for t in tokens.reversed() {
            guard run.count < 3, t.entity() != nil || t.meanings.isEmpty, !Identifiers.englishStopwords.contains(t.text.lowercased()) else { break }
            run.insert(t, at: 0)
        }
        guard !run.isEmpty else { return nil }
        let afterVerb = tokens.count > run.count && tokens[tokens.count - run.count - 1].operation() != nil
        guard run.contains(where: { $0.entity() != nil }) || (afterVerb && language == .en) else { return nil }
        let subject = run.map(\.text).joined(separator: language == .zh ? "" : " ")
        let rest = String(text[..<open]) + String(text[text.index(after: close)...])
        return (subject, items, rest)
    }

    /// "Signed-in users add pets: name, species", "Shelters (signed-in users) list pets: …": a heading
    /// before a field list may say who makes the thing. A verb that introduces the fields makes it
    /// ("list pets: name, …" puts pets up), so a reading verb there counts as creating.
    mutating func readHeadingUse(_ heading: String) -> [String] {
        guard let target = current else { return [] }
        let flat = heading.map { "(（)）".contains($0) ? " " : String($0) }.joined()
        var tokens = index.tokens(flat)
        guard tokens.contains(where: { $0.access() == "signedIn" || $0.account() == "login" }),
              !Negation.negated(tokens, language: language).contains(where: { tokens[$0].access() != nil || tokens[$0].account() != nil }) else { return [] }
        for i in tokens.indices where ["list", "get"].contains(tokens[i].operation() ?? "") { tokens[i].meanings = [.operation("create")] }
        guard tokens.contains(where: { $0.operation() != nil }) else { return [] }
        return readOperations(tokens, mentioned: [target])
    }

    /// Records what the opening sentence asks for when Sculpt does not build it ("converts videos into
    /// GIFs", "训练一个深度学习模型").
    mutating func noteScope(_ text: String) {
        let lower = text.lowercased()
        // Words that cannot be in the text are ruled out by their bytes before any pattern is made.
        for w in lexicon.outOfScope?(language) ?? [] where !outOfScope.contains(w) {
            let hit = language == .zh ? lower.contains(w.lowercased())
                : RegexPrefilter.mayContain(lower, word: w)
                    && lower.matches("\\b" + NSRegularExpression.escapedPattern(for: w.lowercased()))
            if hit { outOfScope.append(w) }
        }
        if language == .zh {
            for w in lexicon.outOfScope?(.en) ?? [] where !outOfScope.contains(w) && w.count >= 3 {
                if RegexPrefilter.mayContain(lower, word: w),
                   lower.matches("\\b" + NSRegularExpression.escapedPattern(for: w.lowercased()) + "\\b") { outOfScope.append(w) }
            }
        }
    }

    /// "领养状态", "Status values", "Priority": a heading that names a field, not a thing.
    func isFieldHeading(_ heading: String) -> Bool {
        let tokens = index.tokens(heading).filter { !$0.text.trimmingWhitespace().isEmpty }
        guard let last = tokens.last(where: { !["values", "value", "options", "choices"].contains($0.text.lowercased()) }) else { return false }
        return last.field() != nil && last.entity() == nil && tokens.count <= 3
    }

    /// "薪资范围（最低薪资和最高薪资，都是整数）", "salary range (min and max)": one item naming two fields.
    func expandRange(_ item: String) -> [String] {
        let (noun, mods) = FieldPhraseReader.splitParentheses(item)
        let parts = mods.components(separatedBy: CharacterSet(charactersIn: "，,;；"))
        guard let first = parts.first else { return [item] }
        let rest = parts.dropFirst().joined(separator: language == .zh ? "，" : ", ")
        let subs = FieldListMatcher.splitItems(first, language: language)
        guard subs.count >= 2 else { return [item] }
        var head = noun.trimmingWhitespace()
        for suffix in ["范围", "区间", " range", " ranges"] where head.lowercased().hasSuffix(suffix) { head = String(head.dropLast(suffix.count)) }
        guard head != noun.trimmingWhitespace(), !head.isEmpty else { return [item] }
        let bounds = ["min", "max", "minimum", "maximum", "lowest", "highest", "from", "to"]
        let named: [String] = subs.compactMap { s in
            if s.contains(head) { return s }
            if language == .en, bounds.contains(s.lowercased()) { return s + " " + head }
            return nil
        }
        guard named.count == subs.count else { return [item] }
        return named.map { rest.isEmpty ? $0 : $0 + (language == .zh ? "（" + rest + "）" : " (" + rest + ")") }
    }

    static func privatePhrases(_ language: Language) -> [String] {
        language == .zh ? ["内部使用", "内部员工用", "只给内部", "只给公司内部", "不对外", "仅限内部", "仅内部", "只供内部", "内部系统"]
            : ["nobody else", "no one else", "internal use", "internal tool", "staff only", "for staff only", "employees only", "not public",
               "only our staff", "only staff use", "internal only"]
    }

    /// Whether a heading also reads as the app's name ("Real estate listings", "公司会议室管理").
    func subjectIsTitle(_ heading: String) -> Bool {
        language == .zh ? SubjectPhrase.suffixesZH.contains(where: heading.hasSuffix) : heading.split(separator: " ").count >= 2
    }

    /// "1. 课程：课程名、课程代码（唯一，必填）、学分": a line naming a thing and listing its fields,
    /// not one field with its values ("task: oil change | brake inspection").
    func describesThing(_ line: String) -> Bool {
        guard let colon = ClauseSplitter.topLevelIndex(of: [":", "："], in: line) else { return false }
        let body = String(line[line.index(after: colon)...])
        let items = FieldListMatcher.splitItems(body, language: language)
        guard items.count >= 2 else { return false }
        let fieldLike = items.filter { item in
            item.contains("(") || item.contains("（") || index.tokens(item).contains { $0.field() != nil }
        }.count
        return fieldLike * 2 >= items.count
    }

    /// A bullet line that describes one field ("unit number (required, unique)", "task: a | b"),
    /// not a sentence about what people do ("- 必须登录才能看").
    func isItemLine(_ line: String) -> Bool {
        if let m = FieldListMatcher.match(line, language: language), !m.subject.isEmpty, m.items.count > 1 { return false }
        return itemLike(line)
    }

    /// No verb of use, access or accounts outside parentheses and before a colon.
    func itemLike(_ item: String) -> Bool {
        var (outside, _) = FieldPhraseReader.splitParentheses(item)
        if let colon = ClauseSplitter.topLevelIndex(of: [":", "："], in: outside) { outside = String(outside[..<colon]) }
        let tokens = index.tokens(outside).filter { !$0.text.trimmingWhitespace().isEmpty }
        // A verb opening the item ("search by make", "可以按名字搜") or any access word makes it a sentence.
        if let first = tokens.first, first.operation() != nil && first.entity() == nil && first.field() == nil || first.isSearch { return false }
        if tokens.contains(where: { $0.access() != nil || $0.account() == "login" || $0.account() == "register" || $0.isSearch }) { return false }
        if language == .en, outside.lowercased().hasPrefix("to ") { return false }
        // "an API for our rooms", "一个宠物信息管理的接口": the app itself, not a field.
        var head = " " + outside.lowercased() + " "
        for marker in FieldPhraseReader.tailMarkersEN { if let r = head.asciiRange(of: marker) { head = String(head[..<r.lowerBound]) } }
        let last = head.split(separator: " ").last.map(String.init) ?? ""
        if language == .en, ["api", "app", "application", "system", "website", "site", "tool", "service", "platform", "backend"].contains(last) { return false }
        if language == .zh, ["系统", "接口", "平台", "网站", "后台", "小程序"].contains(where: outside.contains) { return false }
        // "二十个人", "我们公司有…": counts and background, not fields.
        if language == .zh, outside.matches("^(?:[0-9]+|[二两三四五六七八九十百千万几][零一二两三四五六七八九十百千万]*)[个名位人辆台家套间条]") { return false }
        if language == .zh, ["我们", "我", "咱们"].contains(where: outside.hasPrefix) { return false }
        if language == .en, outside.matches("^\\s*\\d") { return false }
        return language == .zh ? outside.count <= 16 : head.split(separator: " ").count <= 6
    }

    /// The items of a "X has A, B and C" match that name fields: the list runs while its items look
    /// like fields ("a title and ingredients, and leave comments" ends before "leave comments").
    /// Nil when the subject is itself a list or too few items name fields.
    func listItems(subject: String, items: [String]) -> [String]? {
        if FieldPhraseReader.splitParentheses(subject).0.contains(where: { ",，、".contains($0) }) { return nil }
        let prefix = Array(items.prefix { itemLike($0) })
        guard !prefix.isEmpty, prefix.count * 2 >= items.count else { return nil }
        return prefix
    }

    /// Whether a "X has A, B and C" match is a field list: a subject that is not itself a list, and
    /// items that mostly name fields ("Need CRUD plus search by make" is not one).
    func acceptsList(subject: String, items: [String]) -> Bool {
        if FieldPhraseReader.splitParentheses(subject).0.contains(where: { ",，、".contains($0) }) { return false }
        let good = items.filter(itemLike).count
        return items.count == 1 ? good == 1 : Double(good) >= 0.75 * Double(items.count)
    }

    /// "车辆：车牌号（必填）、品牌、型号", "For each car we keep: VIN (unique), make, model".
    mutating func readHeadedList(heading: String, body: String) -> [String]? {
        // "Orders have a customer name and a status: pending, baked or cancelled (default pending)":
        // the heading is the list, its last item the field the values belong to.
        if language == .en, let m = FieldListMatcher.match(heading, language: language), !m.subject.isEmpty, m.items.count >= 1,
           let last = m.items.last, index.tokens(last).last?.field() != nil, acceptsList(subject: m.subject, items: m.items) {
            let (values, mods) = FieldPhraseReader.splitParentheses(body)
            guard FieldListMatcher.splitItems(values, language: language).count >= 2 else { return nil }
            let item = last + " (one of " + values + (mods.isEmpty ? "" : "; " + mods) + ")"
            return readFieldList(subject: m.subject, items: Array(m.items.dropLast()) + [item])
        }
        if language == .en, let target = current ?? lastEntity, isFieldHeading(heading) {
            // "Status values: submitted, approved, rejected — new claims are submitted".
            var values = body
            var rest = ""
            for dash in [" — ", " – ", " -- "] { if let r = values.range(of: dash) { rest = String(values[r.upperBound...]); values = String(values[..<r.lowerBound]) } }
            let items = FieldListMatcher.splitItems(values, language: language)
            if items.count >= 2, items.allSatisfy({ $0.split(separator: " ").count <= 3 }) {
                let name = heading.replacing(pattern: "(?i)\\s*(?:values?|options?|choices?)$", with: "")
                let list = items.joined(separator: ", ")
                // "— new claims are submitted", "starts as open": the value a new record takes.
                let start = rest.lowercased().firstMatch("(?:\\bnew\\s+[a-z]+\\s+(?:are|is|start as|starts as)|\\bstarts?\\s+as|\\bdefaults?\\s+(?:to|is)|\\bdefault:?)\\s+([a-z][a-z -]*?)\\s*[.;,]?$")
                let def = start.flatMap { d in items.first { $0.lowercased() == d } }.map { "; default " + $0 } ?? ""
                let refs = readFieldList(subject: "", items: [name + " (one of " + list + def + ")"], into: target) ?? []
                return refs.isEmpty ? nil : refs
            }
        }
        if let m = FieldListMatcher.match(body, language: language), !m.subject.isEmpty, acceptsList(subject: m.subject, items: m.items) { return nil }
        let items = FieldListMatcher.splitItems(body, language: language)
        guard items.count >= 2, acceptsList(subject: "", items: items) else { return nil }
        // "领养状态：待领养、已预定、已领养", "Status values: a, b, c": a field of the current thing and its values.
        if let target = current ?? lastEntity, isFieldHeading(heading) {
            let values = items.joined(separator: language == .zh ? "、" : ", ")
            var name = heading.replacing(pattern: "(?i)\\s*(?:values?|options?|choices?)$", with: "")
            // "预约有个状态：待确认、已确认": the field is what follows 有个.
            if language == .zh, let m = name.firstMatch("^.+?(?:有一个|有个|还有|有|的)(.+)$"), index.tokens(m).contains(where: { $0.field() != nil }) { name = m }
            return readFieldList(subject: "", items: [name + (language == .zh ? "（" : " (") + values + (language == .zh ? "）" : ")")], into: target)
        }
        guard subjectEntity(heading, create: false) != nil else { return nil }
        return readFieldList(subject: heading, items: items)
    }

    func isOnlyFunctionWords(_ tokens: [Token]) -> Bool {
        let filler: Set<String> = ["否则", "然后", "并且", "otherwise", "then", "and", "also", "please", "请"]
        return tokens.allSatisfy { filler.contains($0.text.lowercased()) || $0.text.trimmingWhitespace().isEmpty }
    }

    static func unique(_ refs: [String]) -> [String] {
        var seen = Set<String>()
        return refs.filter { seen.insert($0).inserted }
    }

    // MARK: - One clause

    /// "As a shop owner, I want to add products…", "作为店主，我希望可以添加商品…": the role and the request.
    static func userStory(_ text: String, language: Language) -> (role: String, rest: String)? {
        let pattern = language == .zh
            ? "^作为(?:一[个名位])?(.{1,12}?)[，,]?\\s*我(?:想要|希望|想|要|需要|可以|能够|能)(?:可以|能够|能)?(.+)$"
            : "^as (?:an? |the )?([\\w' -]{1,40}?),? i (?:want|would like|'d like|need|wish|can|should be able) (?:to |that )?(?:be able to )?(.+)$"
        guard let re = RegexCache.regex(pattern, for: text) else { return nil }
        let ns = text as NSString
        guard let m = re.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)), m.numberOfRanges == 3 else { return nil }
        var rest = ns.substring(with: m.range(at: 2))
        // "…so that I can find them later": the reason is not a requirement.
        for cut in [" so that ", " so i ", ", so ", "以便", "这样"] { if let r = rest.range(of: cut) { rest = String(rest[..<r.lowerBound]) } }
        return (ns.substring(with: m.range(at: 1)), rest)
    }

    mutating func readPiece(_ original: ClauseSplitter.Piece) -> [String] {
        var refs: [String] = []
        var piece = original
        if let story = Self.userStory(piece.text, language: language) {
            piece.text = story.rest
            actor = story.role
            refs.append("notes")
        }
        // Contract v2: links between things, and verbs with rules; their words are then left out.
        let (relationRefs, relationText) = readRelation(piece.text)
        let (actionRefs, actionText) = readActions(relationText)
        refs += relationRefs + actionRefs
        if actionText != piece.text {
            piece.text = actionText
            if piece.text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).isEmpty { return refs }
        }
        piece.text = ownerWording(piece.text)
        refs += readClause(piece, original: original)
        refs += settlePendingParent()
        return refs + readRoles(piece.text)
    }

    /// One clause of v1 meaning: the title, field lists, operations, access, constraints and search.
    mutating func readClause(_ piece: ClauseSplitter.Piece, original: ClauseSplitter.Piece) -> [String] {
        var refs: [String] = []
        // "…、标签，以及是否锁定（默认否）": a list that goes on after a comma.
        if language == .zh, current != nil, let rest = piece.text.firstMatch("^(?:以及|及|还有|另外还有|另外|外加|并且有)(.+)$"), itemLike(rest),
           let r = readFieldList(subject: "", items: FieldListMatcher.splitItems(rest, language: language)) {
            return r
        }
        if let t = titlePhrase(piece) {
            if title == nil { title = t }
            refs.append("title")
        }
        // A title names the application; the things it mentions are described by later clauses.
        if refs == ["title"] && (piece.isHeading || titleOnly(piece.text)) {
            var tokens = index.tokens(piece.text)
            for i in Negation.negated(tokens, language: language) where tokens[i].account() != nil || tokens[i].access() == "signedIn" {
                accountsNegated = true
                tokens[i].meanings = []
            }
            refs += readAccounts(tokens)
            return refs
        }
        var scanText = piece.text
        var listTarget: String?
        var listed = false
        for list in original.opensList ? [] : FieldListMatcher.candidates(piece.text, language: language) {
            guard let items = listItems(subject: list.subject, items: list.items),
                  let r = readFieldList(subject: list.subject, items: items) else { continue }
            refs += r
            // What follows the list's last field is read as a clause of its own ("…, and leave comments").
            let rest = list.items.dropFirst(items.count).joined(separator: language == .zh ? "，" : ", ")
            scanText = list.subject + (rest.isEmpty ? "" : " " + rest)
            listTarget = current
            listed = true
            break
        }
        if listed {
        } else if let (subject, items, rest) = parenthesizedList(piece.text), let r = readFieldList(subject: subject, items: items) {
            // "HR admins create job openings (title, department, location)": the fields in parentheses.
            refs += r
            scanText = rest
            listTarget = current
        }
        // The words after "by" / 按 name fields to search by, not things: "按设备ID搜索" mentions no device.
        let searchWords = searchPhrase(scanText)
        let clauseText = searchWords.map { scanText.replacingOccurrences(of: $0, with: " ") } ?? scanText
        if Self.privatePhrases(language).contains(where: { clauseText.lowercased().contains($0) }) {
            privateApp = true
            refs.append("accounts")
        }
        var tokens = verbsInEntityWords(index.tokens(clauseText))
        // "Position is open, closed or locked, closed when created": after a field word, values and the
        // moment a default applies name no operation.
        let maskValues = tokens.contains { $0.field() != nil } && tokens.contains { $0.operation() != nil }
        for h in maskValues ? constraints.read(clauseText) : [] where h.kind == .allowed || h.kind == .default {
            let before = tokens.filter { $0.start < h.offset }
            guard before.contains(where: { $0.field() != nil }), !before.contains(where: { $0.operation() != nil || $0.isSearch }) else { continue }
            for i in tokens.indices where tokens[i].start >= h.offset && tokens[i].start < h.offset + h.phrase.count && tokens[i].operation() != nil {
                tokens[i].meanings.removeAll { if case .operation = $0 { return true } else { return false } }
            }
        }
        // Negated words rule things out: "不能删除" forbids delete, "no login needed" asks for no accounts.
        var forbidden: Set<EntityOperation> = []
        for i in Negation.negated(tokens, language: language).sorted() {
            if tokens[i].account() != nil || tokens[i].access() == "signedIn" {
                accountsNegated = true
                tokens[i].meanings = []
                refs.append("accounts")
            } else if let op = tokens[i].operation() {
                forbidden.formUnion(op == "manage" ? Set(EntityOperation.allCases) : EntityOperation(rawValue: op).map { [$0] } ?? [])
                tokens[i].meanings = []
            }
        }
        updateActor(tokens)
        refs += readAccounts(tokens)
        var entityNames = targets(of: tokens)
        // "job openings (title, …)": the word "job" inside the list's subject is that subject.
        if let listTarget {
            entityNames = Self.unique(entityNames.map { $0 == listTarget || listTarget.split(separator: "_").contains(Substring($0)) ? listTarget : $0 })
        }
        for e in entityNames { _ = ensureEntity(e) }
        if let e = entityNames.last { current = e; lastEntity = e }
        // "可以登记物品": the thing a verb acts on, kept for a list that follows ("，包括…").
        lastObject = nil
        if language == .zh, entityNames.isEmpty, let v = tokens.lastIndex(where: { $0.operation() != nil }), v + 1 < tokens.count,
           tokens[v + 1].meanings.isEmpty, (1...6).contains(tokens[v + 1].text.count) {
            lastObject = tokens[v + 1].text
        }
        // "每首歌属于一个歌单", "each photo belongs to an album": the sentence is about the first thing.
        if let owner = piece.text.firstMatch(language == .zh ? "^(.{1,12}?)(?:都|均)?(?:属于|对应|关联|隶属于|归属于)" : "^(.{1,40}?)\\s+(?:belongs? to|is for|is part of|lives? in(?:side)?)\\b"),
           let e = subjectEntity(owner, create: true) {
            current = e; lastEntity = e
        }
        // "Each issue belongs to a project and has a title": the list's subject stays the topic.
        if let listTarget { current = listTarget; lastEntity = listTarget }
        refs += readOperations(tokens, mentioned: entityNames)
        if !forbidden.isEmpty {
            let targets = !entityNames.isEmpty ? entityNames : [current ?? lastEntity].compactMap { $0 }
            if actor == nil {
                for target in targets {
                    let i = ensureEntity(target)
                    entities[i].forbidden.formUnion(forbidden)
                    refs.append("entities.\(target)")
                }
            } else if let actor {
                // "学生只能查看成绩，不能改": a rule about one kind of user is a role (not built yet).
                notes.append(language == .zh ? "“\(actor)”不能做的事是角色权限，暂不支持：\(piece.text)"
                                             : "what \(actor) may not do is a role rule, not supported yet: \(piece.text)")
                refs.append("notes")
            }
        }
        if scanText == piece.text { refs += readConstraintClause(piece.text, tokens: tokens) }
        refs += readSearch(tokens, text: scanText)
        return refs
    }

    /// The person a clause is about: a people word before its first verb sets it, a thing or
    /// "anyone" clears it, and a clause with no subject keeps the sentence's.
    mutating func updateActor(_ tokens: [Token]) {
        let verb = tokens.firstIndex { $0.operation() != nil || $0.isSearch || $0.account() == "login" || $0.account() == "register" } ?? tokens.count
        for t in tokens[..<verb] {
            if t.access() == "anyone" { actor = nil; return }
            if isActorWord(t) { actor = t.text; return }
            if t.entity() != nil { actor = nil; return }
        }
    }

    /// "学生", "admins", "staff", "users": people who use the app, not things it stores.
    func isActorWord(_ t: Token) -> Bool {
        if t.account() == "account" { return true }
        let w = t.text.lowercased()
        let words = lexicon.actors?(language) ?? []
        if language == .zh { return words.contains { w.hasSuffix($0) } }
        return words.contains(w) || words.contains(Inflection.singulars(of: w).first ?? w)
    }

    /// Whether a title clause says nothing more than the title ("做一个电影评论网站", "A todo list").
    func titleOnly(_ text: String) -> Bool {
        !index.tokens(text).contains { $0.isSearch || $0.access() != nil }
    }

    func titlePhrase(_ piece: ClauseSplitter.Piece) -> String? {
        let t = piece.text
        let patterns: [String] = language == .zh
            ? ["^(?:请|帮我|我想|我要|需要|我想要|我需要|想要)?(?:做|创建|开发|实现|写|搭建|设计|建立|制作|构建|建|要|有)?(?:一个|一套|个|一款|一份)(.+?)(?:功能|模块)?$"]
            : ["^(?:please\\s+)?(?:create|build|make|write|develop|implement|design|generate)\\s+(?:me\\s+)?(?:a|an|the)\\s+(.+?)(?:\\s+(?:feature|module|functionality))?$",
               "^(?:i|we)\\s+(?:need|want|would like)\\s+(?:a|an)\\s+(.+)$",
               "^(?:a|an)\\s+(.+)$"]
        for p in patterns {
            if let m = t.firstMatch(p) { return cleanTitle(m) }
        }
        if piece.isHeading { return cleanTitle(t) }
        return nil
    }

    func cleanTitle(_ s: String) -> String? {
        let words = s.split(separator: " ")
        if language == .en && words.count > 6 { return nil }
        // "A user can apply for a given pet only once", "Candidates don't need an account": a sentence
        // about what people do (its verbs already taken out as blanks) does not name the app.
        if language == .en, s.contains("  ") || s.lowercased().matches("\\b(?:can|may|must|should|will|cannot|can't|can’t|don't|don’t|doesn't|doesn’t|won't|needs? to)\\b") { return nil }
        if language == .zh && s.count > 20 { return nil }
        return language == .en ? Identifiers.sentenceCase(s) : s
    }

    // MARK: - Field lists

    /// "文章包括标题和内容", "each product has a name, a unique SKU and a price": fields of an entity or an account.
    mutating func readFieldList(subject: String, items: [String], into fixed: String? = nil) -> [String]? {
        let tokens = index.tokens(subject)
        let accountSubject = tokens.contains { $0.account() != nil } && !tokens.contains { $0.entity() != nil }
        var target: String?
        if let fixed {
            target = fixed
        } else if accountSubject && !(accountsNegated && items.count >= 2) {
            target = nil
        } else if let e = subjectEntity(subject, create: true) {
            target = e
        } else if subject.trimmingWhitespace().isEmpty || isPronoun(subject) {
            if current == nil, let object = lastObject, let e = subjectEntity(object, create: true) { current = e }
            target = current ?? lastEntity
            if target == nil && (register || login) { target = nil } else if target == nil { return nil }
        } else {
            return nil
        }
        var refs: [String] = []
        if let target {
            _ = ensureEntity(target)
            current = target
            lastEntity = target
        }
        let entityNames = target.map { [$0] } ?? []
        var previous: FieldDraft?
        for item in items.flatMap(expandRange) {
            // "若干选项", "several options": a part of its own, linked to the thing (contract v2).
            if let target, let part = quantifiedPart(item), let r = readCountedPart(part, of: target, item: item) {
                refs += r
                continue
            }
            guard var (draft, note) = fieldReader.read(item, entityNames: entityNames) else { continue }
            // "a start time and an end time (both required)": the constraint is the pair's.
            let mods = FieldPhraseReader.splitParentheses(item).1.lowercased()
            if let prev = previous, mods.hasPrefix("both") || mods.hasPrefix("两者") || mods.hasPrefix("都"), let target,
               let i = entities.firstIndex(where: { $0.name == target }), let at = entities[i].fields.firstIndex(where: { $0.name == prev.name }) {
                if draft.required != nil { entities[i].fields[at].required = draft.required }
                if draft.unique { entities[i].fields[at].unique = true }
            }
            defer { previous = draft }
            draft.stated = Self.unique(draft.stated)
            if let note { notes.append(note) }
            if let target {
                if let i = entities.firstIndex(where: { $0.name == target }) {
                    let at = entities[i].upsert(draft)
                    merge(draft, into: &entities[i].fields[at])
                    refs.append("entities.\(target).fields.\(draft.name)")
                    refs += draft.stated.map { "entities.\(target).fields.\(draft.name).\($0)" }
                }
            } else {
                refs += addAccountField(draft)
            }
        }
        return refs.isEmpty ? nil : refs
    }

    func merge(_ d: FieldDraft, into f: inout FieldDraft) {
        if f.name == d.name && f.stated == d.stated && f.type == d.type { f = d; return }
        if d.required != nil { f.required = d.required }
        f.unique = f.unique || d.unique
        f.minLength = d.minLength ?? f.minLength
        f.maxLength = d.maxLength ?? f.maxLength
        f.minimum = d.minimum ?? f.minimum
        f.exclusiveMinimum = d.exclusiveMinimum ?? f.exclusiveMinimum
        f.maximum = d.maximum ?? f.maximum
        f.allowedValues = d.allowedValues ?? f.allowedValues
        f.defaultValue = d.defaultValue ?? f.defaultValue
        if d.typeKnown { f.type = d.type; f.typeKnown = true }
        f.stated += d.stated
    }

    mutating func addAccountField(_ d: FieldDraft) -> [String] {
        switch d.name {
        case "password":
            if let i = accountFields.firstIndex(where: { $0.name == "password" }) { merge(d, into: &accountFields[i]) } else { accountFields.append(d) }
            return ["accounts.password.required"] + d.stated.map { "accounts.password.\($0)" }
        case "username", "email":
            if identityHint == nil || (register && identityHint != d.name && d.name == "email" && !accountFields.contains { $0.name == "username" }) {
                identityHint = d.name
            }
            if let i = accountFields.firstIndex(where: { $0.name == d.name }) { merge(d, into: &accountFields[i]) } else { accountFields.append(d) }
            return ["accounts.identity.required"] + d.stated.map { "accounts.identity.\($0)" }
        default:
            if let i = accountFields.firstIndex(where: { $0.name == d.name }) { merge(d, into: &accountFields[i]) } else { accountFields.append(d) }
            return ["accounts.fields.\(d.name)"] + d.stated.map { "accounts.fields.\(d.name).\($0)" }
        }
    }

    static let pronouns: Set<String> = ["i", "we", "you", "they", "it", "he", "she", "this", "that", "there", "which", "who", "me",
                                        "us", "them", "它", "它们", "其", "其中", "这", "那", "他们", "她们"]
    /// Words that cannot name a table in the generated code.
    static let keywords: Set<String> = ["class", "def", "import", "return", "for", "in", "is", "if", "else", "while", "with", "from",
                                        "as", "pass", "global", "lambda", "try", "yield", "type", "self", "none", "true", "false",
                                        "struct", "func", "let", "var", "new", "delete", "default", "case", "switch", "object"]

    func isPronoun(_ s: String) -> Bool {
        let words = s.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        return !words.isEmpty && words.allSatisfy { Self.pronouns.contains($0) || ["and", "also", "then", "each", "every"].contains($0) }
            || Self.pronouns.contains(s.trimmingWhitespace())
    }

    /// The entity a list's subject or a heading names, in the user's words ("service tasks" →
    /// `service_task`, "items" → `item`, "班次" → `shift`); nil when it names no thing.
    mutating func subjectEntity(_ subject: String, create: Bool) -> String? {
        if language == .zh {
            guard var phrase = SubjectPhrase.chinese(subject) else { return nil }
            if let m = phrase.firstMatch("^(?:需要|要|想|请)?(?:记录|管理|登记|保存|存储|跟踪|维护)(.+)$") { phrase = m }
            if isPronoun(phrase) { return nil }
            let tokens = index.tokens(phrase)
            if let last = tokens.last, let e = last.entity() {
                if create { ensureEntity(e) }
                return e
            }
            if tokens.contains(where: { $0.operation() != nil || $0.access() != nil || $0.account() != nil || $0.isSearch }) { return nil }
            guard phrase.count <= 8, phrase.allSatisfy({ $0.unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) } ?? false }) else { return nil }
            var (name, translated) = translator.identifier(phrase)
            if name.isEmpty { (name, translated) = (Identifiers.pinyin(phrase), false) }
            guard SpecValidator.isIdentifier(name), !Self.keywords.contains(name) else { return nil }
            if create {
                if !entities.contains(where: { $0.name == name }) {
                    notes.append(translated ? "“\(phrase)”不在词库中：按词义译为实体名 \(name)" : "“\(phrase)”不在词库中：实体名取为拼音 \(name)")
                }
                _ = addUnknownEntity(name: name, plural: name + "s", label: phrase)
            }
            return name
        }
        // "users can add products", "admins post classes": the thing is what follows the last verb.
        var subjectText = subject
        var afterVerb = false
        let verbs = index.tokens(subject)
        // A verb form that ends the phrase is a noun ("listing", "booking", "recording").
        // ("…submit an application to an opening": the verb is "submit", not the noun "opening".)
        let isVerb = { (t: Token) in t.operation() != nil && t.entity() == nil || t.access() != nil || t.isSearch }
        var lastVerb = verbs.lastIndex(where: isVerb)
        if let i = lastVerb, i == verbs.count - 1, verbs[i].access() == nil { lastVerb = verbs[..<i].lastIndex(where: isVerb) }
        if let v = lastVerb {
            let t = verbs[v]
            let chars = Array(subject)
            subjectText = String(chars[min(chars.count, t.start + t.text.count)...])
            afterVerb = t.operation() != nil
        }
        guard let all = SubjectPhrase.english(subjectText, object: afterVerb), !all.allSatisfy(Self.pronouns.contains) else { return nil }
        // "anyone", "everyone", "signed-in users": who may act, never a thing to store.
        if let head = index.tokens(all.joined(separator: " ")).last, head.access() != nil { return nil }
        // "admins post classes": the thing is the last entity word with the unknown words before it.
        var words = all
        let tokens = index.tokens(all.joined(separator: " "))
        var lexiconName: String?
        if let li = tokens.lastIndex(where: { $0.entity() != nil || $0.account() != nil }) {
            // "grade entry", "service tasks", "lost item": nouns before the head word belong to it…
            var first = li
            while first > 0, tokens[first - 1].meanings.isEmpty || tokens[first - 1].entity() != nil,
                  !Identifiers.englishStopwords.contains(tokens[first - 1].text.lowercased()), !isActorWord(tokens[first - 1]) { first -= 1 }
            // …unless a person opens them: "admins post classes" is about classes.
            if first > 0, isActorWord(tokens[first - 1]) || tokens[first - 1].account() != nil { first = li }
            if first < li, isActorWord(tokens[first]) { first = li }
            let startWord = tokens[first].text.lowercased().split(separator: " ").first.map(String.init) ?? ""
            if let at = words.firstIndex(of: startWord) { words = Array(words[at...]) }
            lexiconName = tokens[li].entity()
            if tokens[li].account() != nil && tokens[li].entity() == nil && !accountsNegated { return nil }
        }
        guard (1...3).contains(words.count) else { return nil }
        let head = Inflection.singulars(of: words.last!).first ?? words.last!
        let singular = Array(words.dropLast()) + [head]
        var name = Identifiers.snake(singular)
        var qualified = false
        if Self.keywords.contains(name) || SpecValidator.reservedEntityNames.contains(name) {
            if singular.count == 1, let q = qualifiedName(name) {
                name = q.name; qualified = true
            } else {
                guard let l = lexiconName else { return nil }
                name = l
            }
        }
        guard SpecValidator.isIdentifier(name) else { return nil }
        if create, !entities.contains(where: { $0.name == name }), qualified, let q = qualifiedName(singular[0]) {
            // "Gym class booking … admins post classes": the user's own compound, with the lexicon's meaning.
            entities.append(EntityDraft(name: q.name, plural: q.plural, label: q.label, lexiconName: lexiconName, authored: false, known: lexiconName != nil))
        } else if create, !entities.contains(where: { $0.name == name }) {
            let plural = name == lexiconName ? (lexicon.entity(name)?.plural ?? name + "s")
                : Identifiers.snake(Array(singular.dropLast()) + [Inflection.plural(of: head)])
            let label = Identifiers.sentenceCase(singular.joined(separator: " "))
            if let l = lexiconName, let word = lexicon.entity(l) {
                entities.append(EntityDraft(name: name, plural: plural, label: name == l ? word.label(.en) : label, lexiconName: l,
                                            authored: name == l && word.authored, known: true))
            } else {
                notes.append("'\(singular.joined(separator: " "))' is not in the lexicon: made it an entity named \(name)")
                _ = addUnknownEntity(name: name, plural: plural, label: label)
            }
        }
        return name
    }

    /// The entity a Chinese word names when it is the entity's name without a generic last word
    /// ("成绩" for 成绩记录, "借阅" for 借阅记录, "订单" for 订单信息).
    func shortFormEntity(_ word: String) -> String? {
        guard word.count >= 2 else { return nil }
        let forms = Set(["记录", "信息", "单", "表", "资料"].map { word + $0 })
        for e in entities {
            if forms.contains(e.label) { return e.name }
            if let l = e.lexiconName, lexiconTermsZH(l).contains(where: forms.contains) { return e.name }
        }
        return nil
    }

    /// The lexicon entity's Chinese terms (looked up once per parse).
    func lexiconTermsZH(_ name: String) -> [String] {
        if let known = memo.entityTermsZH[name] { return known }
        let terms = lexicon.entity(name)?.zh ?? []
        memo.entityTermsZH[name] = terms
        return terms
    }

    /// A word that cannot name a table ("class") qualified the way the requirement itself qualifies it
    /// ("Gym class booking" → `gym_class`): the first "<noun> class" in the text whose first word is
    /// not a determiner, a verb or a people word. Nil when the text never qualifies it.
    func qualifiedName(_ word: String) -> (name: String, plural: String, label: String)? {
        guard language == .en else { return nil }
        if let known = memo.qualified[word] { return known }
        let q = findQualifiedName(word)
        memo.qualified[word] = .some(q)
        return q
    }

    /// The requirement, lower-cased (once per parse).
    var lowerText: String {
        if let t = memo.lowerText { return t }
        let t = fullText.lowercased()
        memo.lowerText = t
        return t
    }

    private func findQualifiedName(_ word: String) -> (name: String, plural: String, label: String)? {
        let plural = Inflection.plural(of: word)
        let pattern = "\\b([a-z]+)[ -]+(?:" + NSRegularExpression.escapedPattern(for: word) + "|" + NSRegularExpression.escapedPattern(for: plural) + ")\\b"
        let skip: Set<String> = ["same", "other", "another", "new", "next", "this", "that", "these", "those", "first", "last", "which",
                                 "what", "whole", "one", "no", "my", "every", "per", "own", "given", "full", "open", "whose", "and", "or", "to", "in", "on", "at", "by", "with", "from", "as", "is", "are", "be"]
        for g in lowerText.allGroups(pattern) {
            guard let m = g.first, !skip.contains(m), !Identifiers.englishStopwords.contains(m), m.count > 1 else { continue }
            if let t = index.tokens(m).first, t.operation() != nil || t.access() != nil || t.account() != nil || isActorWord(t) { continue }
            let name = m + "_" + word
            guard SpecValidator.isIdentifier(name), !Self.keywords.contains(name) else { continue }
            return (name, m + "_" + plural, Identifiers.sentenceCase(m + " " + word))
        }
        return nil
    }

    /// The entity an English word names in the user's own words: "items" → `item`, though the
    /// lexicon files it under `product`. An entity already made from the same lexicon word is reused.
    func surfaceName(_ t: Token) -> String? {
        guard let e = t.entity() else { return nil }
        if entities.contains(where: { $0.name == e }) || language != .en { return e }
        let words = t.text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        guard let last = words.last else { return e }
        let singular = Array(words.dropLast()) + [Inflection.singulars(of: last).first ?? last]
        let name = Identifiers.snake(singular)
        if entities.contains(where: { $0.name == name }) { return name }
        // "tickets" after "support tickets", "properties" after "listings": the entity this requirement already has.
        if let same = entities.first(where: { $0.lexiconName == e || $0.name.hasSuffix("_" + name) || $0.name.hasPrefix(name + "_") }) { return same.name }
        if Self.keywords.contains(name) || SpecValidator.reservedEntityNames.contains(name), singular.count == 1,
           let q = qualifiedName(name) { return q.name }
        guard name != e, SpecValidator.isIdentifier(name), !Self.keywords.contains(name),
              !SpecValidator.reservedEntityNames.contains(name) else { return e }
        return name
    }

    mutating func addUnknownEntity(name: String, plural: String, label: String) -> String {
        if !entities.contains(where: { $0.name == name }) {
            entities.append(EntityDraft(name: name, plural: plural, label: label, known: false))
            for form in language == .zh ? [label] : [name, plural] where unknownForms[form] == nil {
                unknownForms[form] = name
                if let f = form.first { unknownFormLongest[f] = max(unknownFormLongest[f] ?? 0, form.count) }
            }
        }
        return name
    }

    @discardableResult
    mutating func ensureEntity(_ name: String) -> Int {
        if let i = entities.firstIndex(where: { $0.name == name }) { return i }
        if let word = lexicon.entity(name) {
            entities.append(EntityDraft(name: name, plural: word.plural, label: word.label(language), lexiconName: word.name,
                                        authored: word.authored, known: true))
        } else {
            // A name in the user's words for a lexicon entity ("item" for the lexicon's product).
            let parts = name.split(separator: "_").map(String.init)
            // "gym_class": a word that cannot name a table, qualified, keeps the lexicon's meaning of that word.
            let word = lexicon.entities.first { $0.en.contains { Identifiers.snake($0) == name } }
                ?? (parts.count > 1 && Self.keywords.contains(parts.last ?? "") ? lexicon.entities.first { $0.en.contains(parts.last ?? "") } : nil)
            let plural = Identifiers.snake(Array(parts.dropLast()) + [Inflection.plural(of: parts.last ?? name)])
            entities.append(EntityDraft(name: name, plural: plural, label: Identifiers.sentenceCase(parts.joined(separator: " ")),
                                        lexiconName: word?.name, authored: word?.authored ?? false, known: word != nil))
        }
        return entities.count - 1
    }

    /// "Staff can add patients": when entities follow the first verb, those before it are the actors,
    /// not things to store (unless the requirement already made them entities).
    func targets(of tokens: [Token]) -> [String] {
        // "读者注册登录后…", "Customers register and log in": a people word that signs up or logs in is
        // the account, never a thing to store (unless the requirement already described it).
        // "readers can like an article": so is one that is the subject of a modal verb.
        let modals: Set<String> = ["can", "may", "must", "could", "will", "should", "可以", "能", "才能", "可", "都可以", "也可以"]
        if let signIn = tokens.firstIndex(where: { $0.account() == "register" || $0.account() == "login" || modals.contains($0.text.lowercased().trimmingWhitespace()) }) {
            let actors = entityMentions(tokens[..<signIn].filter(isActorWord))
                .filter { name in !entities.contains { $0.name == name && !$0.fields.isEmpty } }
            if !actors.isEmpty {
                var rest = tokens
                for i in rest.indices where i < signIn && isActorWord(rest[i]) { rest[i].meanings = [] }
                return targets(of: rest)
            }
        }
        let all = entityMentions(tokens)
        guard let verb = tokens.firstIndex(where: { $0.operation() != nil || $0.isSearch }) else { return all }
        let after = entityMentions(Array(tokens[verb...]))
        if !after.isEmpty { return after }
        // "老师可以录入学生的成绩": the verb has an object we do not know; the actor is not it.
        let rest = tokens[tokens.index(after: verb)...].filter { t in
            let bare = t.text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
            return !bare.isEmpty && !["的", "了", "吧", "呢", "them", "it", "all", "one"].contains(bare.lowercased())
                && t.operation() == nil && t.access() == nil && t.field() == nil && !t.isSearch
        }
        return rest.isEmpty ? all : []
    }

    /// "People can post recipes", "users can book rooms": an entity word after a modal verb is a verb.
    /// Followed by another entity it means creating that one; alone ("can comment") it creates itself.
    func verbsInEntityWords(_ tokens: [Token]) -> [Token] {
        guard language == .en else { return tokens }
        let modals: Set<String> = ["can", "may", "must", "should", "to", "will", "could", "and", "or"]
        var out = tokens
        for i in out.indices.dropFirst() where out[i].entity() != nil && i + 1 < out.count && out[i + 1].entity() != nil
            && isActorWord(out[i - 1]) && out[i - 1].entity() == nil {
            // "Cooks post recipes": a thing-word between people and a thing is their verb.
            out[i].meanings = [.operation("create")]
        }
        for i in out.indices.dropFirst() where out[i].entity() != nil && modals.contains(out[i - 1].text.lowercased()) {
            guard out[i - 1].text.lowercased() != "and" && out[i - 1].text.lowercased() != "or" || (i >= 2 && out[i - 2].operation() != nil) else { continue }
            let rest = out[(i + 1)...].prefix(3).filter { !["a", "an", "the", "new", "their", "own", "on"].contains($0.text.lowercased()) }
            out[i].meanings = [.operation("create")]
            if rest.first?.entity() == nil {
                out.insert(Token(text: tokens[i].text, start: tokens[i].start, meanings: tokens[i].meanings.filter { if case .entity = $0 { return true }; return false }), at: i + 1)
                return verbsAfter(out, from: i + 2, modals: modals)
            }
        }
        return out
    }

    private func verbsAfter(_ tokens: [Token], from: Int, modals: Set<String>) -> [Token] {
        guard from < tokens.count else { return tokens }
        let head = Array(tokens[..<from])
        return head + verbsInEntityWords(Array(tokens[from...]))
    }

    /// Entities named in a clause: lexicon words, and entities this requirement introduced itself.
    func entityMentions(_ tokens: [Token]) -> [String] {
        var out: [String] = []
        for (i, t) in tokens.enumerated() {
            // "学生的成绩": an entity before 的 qualifies the noun after it.
            if language == .zh, t.entity() != nil, i + 1 < tokens.count, tokens[i + 1].text.hasPrefix("的"),
               tokens[i + 1].text.count > 1 || i + 2 < tokens.count { continue }
            // "patient name", "student email": an entity word before a field word qualifies the field.
            if language == .en, t.entity() != nil, i + 1 < tokens.count, tokens[i + 1].field() != nil, tokens[i + 1].entity() == nil,
               !t.text.lowercased().hasSuffix("s") { continue }
            if let resolved = surfaceName(t) {
                if !out.contains(resolved) { out.append(resolved) }
                continue
            }
            // "查看成绩" where this requirement made 成绩 a thing: the field word names that thing here.
            if t.field() != nil, t.entity() == nil, let e = unknownForms[t.text.lowercased()] {
                if !out.contains(e) { out.append(e) }
                continue
            }
            guard t.meanings.isEmpty else { continue }
            // Entities this requirement introduced, by their written forms (a lookup, so long texts stay linear).
            let word = t.text.lowercased()
            if language == .zh {
                let chars = Array(word)
                for len in stride(from: min(8, chars.count), through: 1, by: -1) {
                    for start in 0...(chars.count - len) where len <= unknownFormLongest[chars[start]] ?? 0 {
                        if let e = unknownForms[String(chars[start..<start + len])], !out.contains(e) { out.append(e) }
                    }
                }
                // "查看成绩" of 成绩记录: a described thing named without its generic last word.
                if let e = shortFormEntity(word), !out.contains(e) { out.append(e) }
            } else {
                for form in [word] + Inflection.singulars(of: word) {
                    if let e = unknownForms[form], !out.contains(e) { out.append(e) }
                }
            }
        }
        return out
    }

    // MARK: - Accounts, operations, access

    mutating func readAccounts(_ tokens: [Token]) -> [String] {
        var refs: [String] = []
        for t in tokens {
            switch t.account() {
            case "register": register = true; refs.append("accounts.register")
            case "login": login = true; refs.append("accounts.login")
            case "profile": profile = true; refs.append("accounts.profile")
            case "token": login = true; refs.append("accounts.login")
            default: break
            }
            if t.access() == "signedIn" { login = true }
        }
        // "创建新的用户" / "create a new account": creating an account is signing up.
        let creates = tokens.contains { $0.operation() == "create" }
        let accountNoun = tokens.contains { $0.account() == "account" }
        if creates && accountNoun && !accountsNegated && !tokens.contains(where: { $0.entity() != nil }) { register = true; refs.append("accounts.register") }
        // Identity fields named in an account clause ("log in with their email").
        if !refs.isEmpty {
            for t in tokens { if let f = t.field(), f == "email" || f == "username" { identityHint = identityHint ?? f } }
        }
        return refs
    }

    mutating func readOperations(_ tokens: [Token], mentioned: [String]) -> [String] {
        var ops: Set<EntityOperation> = []
        var manage = false
        for t in tokens {
            switch t.operation() {
            case "create": ops.insert(.create)
            case "list": ops.insert(.list)
            case "get": ops.insert(.get)
            case "update": ops.insert(.update)
            case "delete": ops.insert(.delete)
            case "manage": manage = true
            default: break
            }
        }
        if manage { ops.formUnion(EntityOperation.allCases) }
        // Reading one and reading the list go together: "查看文章", "browse events".
        if ops.contains(.get) || ops.contains(.list) { ops.formUnion([.list, .get]) }
        var accessWords = tokens.compactMap { $0.access() }
        // "Teachers log in to add grades", "creating listings needs a login": logging in is the condition.
        if !ops.isEmpty, !mentioned.isEmpty || (current ?? lastEntity) != nil, !accessWords.contains("signedIn"),
           tokens.contains(where: { $0.account() == "login" }) {
            accessWords.append("signedIn")
        }
        let profileClause = tokens.contains { $0.account() == "profile" }
        let accountOnly = tokens.contains { $0.account() == "register" || $0.account() == "login" } && mentioned.isEmpty && ops.isEmpty
        if profileClause || accountOnly { return [] }
        if ops.isEmpty && accessWords.isEmpty { return [] }
        var targets = !mentioned.isEmpty ? mentioned : [current ?? lastEntity].compactMap { $0 }
        // "to add, change or delete anything": every thing described so far.
        if mentioned.isEmpty, tokens.contains(where: { ["anything", "everything", "all data", "所有内容", "任何内容", "所有数据", "一切"].contains($0.text.lowercased()) }) {
            targets = entities.map(\.name)
        }
        guard !targets.isEmpty else { return [] }
        // "Each issue belongs to a project … Projects have a name. Only the reporter can edit them": the
        // owner's "them" is the record people make inside the thing last named, not the container.
        if mentioned.isEmpty, accessWords.contains("owner"), targets.count == 1,
           tokens.contains(where: { ["them", "it", "they", "其", "它", "它们"].contains($0.text.lowercased().trimmingWhitespace()) }),
           let child = relations.first(where: { r in r.parent == targets[0] && entities.contains { $0.name == r.child && !$0.fields.isEmpty } })?.child {
            targets = [child]
        }
        // A create verb next to an account noun with no entity is sign-up, handled above.
        var refs: [String] = []
        for target in targets {
            let i = ensureEntity(target)
            if accessWords.isEmpty { entities[i].operations.formUnion(ops) } else { entities[i].accessOperations.formUnion(ops) }
            if roles(in: tokens.map(\.text).joined()).isEmpty { entities[i].openOperations.formUnion(ops) }
            refs += ops.sorted { $0.rawValue < $1.rawValue }.map { "entities.\(target).\($0.rawValue)" }
            let reads = ops.contains(.list) || ops.contains(.get)
            let writes = ops.contains(.create) || ops.contains(.update) || ops.contains(.delete)
            for a in accessWords {
                switch a {
                case "owner":
                    accountsImplied = true
                    if reads && tokens.contains(where: { ["只能", "only", "仅", "只"].contains($0.text.lowercased()) || $0.text.contains("只能") || $0.text.lowercased().contains("only") }) {
                        entities[i].read = entities[i].read.atLeast(.owner)
                    }
                    if writes || !reads { entities[i].write = entities[i].write.atLeast(.owner) }
                    refs.append("entities.\(target).access")
                case "signedIn":
                    accountsImplied = true
                    if writes { entities[i].write = entities[i].write.atLeast(.signedIn) }
                    if reads || manage { entities[i].read = entities[i].read.atLeast(.signedIn) }
                    refs.append("entities.\(target).access")
                case "anyone":
                    if reads { refs.append("entities.\(target).access") }
                default: break
                }
            }
        }
        return refs
    }

    // MARK: - Constraints stated outside field lists, and search

    /// "密码至少8位", "each email can only be used once", "价格必须大于0".
    mutating func readConstraintClause(_ text: String, tokens: [Token]) -> [String] {
        // Value lists and defaults are read only where a field is being described, not in clauses
        // about what users do ("items can be searched by name or barcode").
        // A verb before the constraint, or a value list of verbs ("can be edited or deleted"), is about use;
        // "Status is open, in progress or closed" lists values that happen to be verbs.
        // "Status is open, in progress or closed, open when created": words inside a value list are values.
        let allHits = constraints.read(text)
        let valueSpans = allHits.filter { $0.kind == .allowed }.map { $0.offset..<($0.offset + $0.phrase.count) }
        func describesUse(_ h: ConstraintHit) -> Bool {
            if tokens.contains(where: \.isSearch) { return true }
            let chars = Array(text)
            let before = tokens.filter { t in t.start < h.offset && !valueSpans.contains { $0.contains(t.start) && $0 != h.offset..<(h.offset + h.phrase.count) } }
            // "新建的时候默认是待确认": a verb saying when is not a use.
            func saysWhen(_ t: Token) -> Bool {
                let after = String(chars[min(chars.count, t.start + t.text.count)...])
                return ["的时候", "时", "后", "when"].contains { after.trimmingWhitespace().hasPrefix($0) }
            }
            if before.contains(where: { $0.operation() != nil && !["new", "新"].contains($0.text.lowercased()) && !saysWhen($0) }) { return true }
            if h.kind == .default { return false }
            let inside = tokens.filter { $0.start >= h.offset && $0.start < h.offset + h.phrase.count }
            if language == .zh { return inside.contains { $0.operation() != nil } }
            return inside.contains { $0.operation() != nil && ($0.text.lowercased().hasSuffix("ed") || $0.text.lowercased().hasSuffix("ing")) }
        }
        var hits = allHits.filter { ($0.kind != .allowed && $0.kind != .default) || !describesUse($0) }
        guard !hits.isEmpty else { return [] }
        var refs: [String] = []
        // "Make, model and year are required", "金额、日期、类别必填": each named field takes the constraint.
        if let target = current ?? lastEntity, let ei = entities.firstIndex(where: { $0.name == target }) {
            var from = 0
            var rest: [ConstraintHit] = []
            let chars = Array(text)
            for h in hits {
                let prefix = String(chars[min(from, h.offset)..<min(h.offset, chars.count)])
                from = max(from, h.offset + h.phrase.count)
                var named = coordinatedFields(prefix, entity: ei)
                // "总票数至少1张": a word inside the field's name (票) may have named another thing; the
                // field belongs to the described thing that has it.
                if named == nil, entities[ei].fields.isEmpty, !prefix.trimmingWhitespace().isEmpty,
                   let alt = entities.indices.first(where: { $0 != ei && !entities[$0].fields.isEmpty && coordinatedFields(prefix, entity: $0) != nil }),
                   let at = coordinatedFields(prefix, entity: alt) {
                    lastFields = (alt, at)
                    for i in at {
                        FieldPhraseReader.apply(h, to: &entities[alt].fields[i], language: language)
                        refs.append("entities.\(entities[alt].name).fields.\(entities[alt].fields[i].name).\(h.kind.rawValue)")
                    }
                    continue
                }
                // "备注选填，最多200个字": a constraint with no subject goes on with the last one named.
                if named == nil, prefix.trimmingWhitespace().isEmpty || prefix.trimmingWhitespace().count <= 1,
                   let last = lastFields, last.entity == ei { named = last.fields }
                if let at = named {
                    lastFields = (ei, at)
                    for i in at {
                        FieldPhraseReader.apply(h, to: &entities[ei].fields[i], language: language)
                        refs.append("entities.\(target).fields.\(entities[ei].fields[i].name).\(h.kind.rawValue)")
                    }
                } else if h.kind == .default, case let values = entities[ei].fields.indices.filter({ entities[ei].fields[$0].allowedValues?.contains(h.values.first ?? "") ?? false }), values.count == 1 {
                    // "新车默认可租": a default that is one of a field's values belongs to that field.
                    FieldPhraseReader.apply(h, to: &entities[ei].fields[values[0]], language: language)
                    refs.append("entities.\(target).fields.\(entities[ei].fields[values[0]].name).default")
                } else {
                    rest.append(h)
                }
            }
            hits = rest
        }
        let fieldTokens = tokens.filter { t in t.field() != nil && !valueSpans.contains { $0.contains(t.start) } }
        guard !hits.isEmpty, !fieldTokens.isEmpty else { return refs }
        for h in hits {
            let before = fieldTokens.last { $0.start <= h.offset } ?? fieldTokens.first!
            guard let name = before.field() else { continue }
            let accountField = ["password", "username", "email"].contains(name) || accountFields.contains { $0.name == name }
            let target = current ?? lastEntity
            if (register || login || accountsImplied || accountFields.contains { $0.name == name }) && (accountField && (target == nil || !(entities.first { $0.name == target }?.fields.contains { $0.name == name } ?? false))) {
                var d = accountFields.first { $0.name == name } ?? lexiconDraft(name)
                FieldPhraseReader.apply(h, to: &d, language: language)
                d.stated = d.stated.filter { !$0.isEmpty }
                refs += addAccountField(d)
                if name == "username" || name == "email" { identityHint = identityHint ?? name }
            } else if let target, let i = entities.firstIndex(where: { $0.name == target }) {
                let at = entities[i].upsert(lexiconDraft(name))
                FieldPhraseReader.apply(h, to: &entities[i].fields[at], language: language)
                refs.append("entities.\(target).fields.\(name).\(h.kind.rawValue)")
            }
        }
        return refs
    }

    static let linkWordsEN: Set<String> = ["are", "is", "must", "be", "should", "all", "both", "also", "too", "each", "every", "and",
                                            "but", "only", "always", "will", "need", "needs", "to", "the", "a", "an", "has", "have",
                                            "field", "fields", "can", "may", "value", "values", "it", "its", "for"]
    static let linkWordsZH = ["都是", "都要", "都必须", "也是", "均为", "都", "均", "是", "为", "也", "且", "需要", "要", "必须", "其中", "并且",
                              "而且", "另外", "但是", "但", "还有", "同时", "这些", "这几项", "几项", "字段", "项"]

    /// The fields of entity `ei` a coordinated phrase names, when it names only fields it already
    /// has (or one short new noun): "Name and price", "学号、科目和分数都".
    func coordinatedFields(_ prefix: String, entity ei: Int) -> [Int]? {
        var text = prefix.trimmingCharacters(in: CharacterSet(charactersIn: " ,，、;；:：.。—-"))
        if language == .zh {
            var changed = true
            while changed {
                changed = false
                for w in Self.linkWordsZH {
                    if text.hasSuffix(w) && text.count > w.count { text = String(text.dropLast(w.count)); changed = true }
                    if text.hasPrefix(w) && text.count > w.count { text = String(text.dropFirst(w.count)); changed = true }
                }
                text = text.trimmingCharacters(in: CharacterSet(charactersIn: " ,，、"))
            }
        } else {
            var words = text.split(separator: " ").map(String.init)
            while let l = words.last, Self.linkWordsEN.contains(l.lowercased()) { words.removeLast() }
            while let f = words.first, Self.linkWordsEN.contains(f.lowercased()) { words.removeFirst() }
            text = words.joined(separator: " ")
        }
        guard !text.isEmpty else { return nil }
        let items = FieldListMatcher.splitItems(text, language: language)
        guard !items.isEmpty, items.count <= 12 else { return nil }
        var out: [Int] = []
        for item in items {
            guard let i = FieldReference.find(item, in: entities[ei].fields, index: index, language: language) else { return nil }
            if !out.contains(i) { out.append(i) }
        }
        return out
    }

    func lexiconDraft(_ name: String) -> FieldDraft {
        let w = lexicon.field(name)
        return FieldDraft(name: name, label: w?.label(language) ?? name, type: w?.type ?? .string, typeKnown: w != nil)
    }

    /// "按标题搜索", "search products by name or SKU", "search by make and model", "可以按名字搜".
    mutating func readSearch(_ tokens: [Token], text: String) -> [String] {
        guard tokens.contains(where: \.isSearch) || searchPhrase(text) != nil else { return [] }
        let named = tokens.compactMap { t -> String? in surfaceName(t) }.filter { n in entities.contains { $0.name == n } }
        guard let target = named.last ?? current ?? lastEntity,
              let i = entities.firstIndex(where: { $0.name == target }) else { return [] }
        var found: [String] = []
        // The fields after "by" / 按: each item is a field the entity has (or a lexicon field).
        if let phrase = searchPhrase(text) {
            for item in FieldListMatcher.splitItems(phrase.replacingOccurrences(of: " or ", with: ", ").replacingOccurrences(of: "或", with: "、"), language: language) {
                if let at = FieldReference.find(item, in: entities[i].fields, index: index, language: language) {
                    found.append(entities[i].fields[at].name)
                } else if let f = index.tokens(item).compactMap({ $0.field() }).first {
                    found.append(f)
                }
            }
        }
        if found.isEmpty {
            for t in tokens {
                if let f = t.field() { found.append(f) }
            }
        }
        if found.isEmpty {
            // An unknown field named by label ("按会议室名称搜索").
            for f in entities[i].fields where text.contains(f.label) || text.lowercased().contains(f.label.lowercased()) { found.append(f.name) }
        }
        if found.isEmpty {
            entities[i].searchWithoutField = true
        } else {
            for f in found where !entities[i].searchable.contains(f) {
                _ = entities[i].upsert(lexiconDraft(f))
                entities[i].searchable.append(f)
            }
        }
        return ["entities.\(target).search"]
    }

    /// The words naming what to search by: "by make and model" → "make and model", "按学号和姓名查询" → "学号和姓名".
    func searchPhrase(_ text: String) -> String? {
        if language == .zh {
            guard let m = text.firstMatch("(?:按照|按|根据|通过|用)(.+?)(?:来|进行)?(?:模糊)?(?:搜索|查找|查询|检索|筛选|搜|查)") else { return nil }
            return m
        }
        guard text.matches("\\b(?:search|find|look up|filter|query|searchable|searched|found)"),
              var m = text.firstMatch("\\bby\\s+(.+)$") else { return nil }
        for stop in [" would ", " should ", " is ", " in ", " with ", " - ", " — ", " to "] {
            if let r = m.range(of: stop) { m = String(m[..<r.lowerBound]) }
        }
        return m.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
    }
}

extension String {
    /// The first capture group of a regular expression match, or nil.
    func firstMatch(_ pattern: String) -> String? {
        guard let re = RegexCache.regex(pattern, for: self) else { return nil }
        let ns = self as NSString
        guard let m = re.firstMatch(in: self, range: NSRange(location: 0, length: ns.length)), m.numberOfRanges > 1,
              m.range(at: 1).location != NSNotFound else { return nil }
        return ns.substring(with: m.range(at: 1)).trimmingWhitespace()
    }
}

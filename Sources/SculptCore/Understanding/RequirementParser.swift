import Foundation

/// The offline understander: a deterministic bilingual parser over the lexicon.
///
/// It reads the requirement clause by clause, keeping the entity being described as context, and
/// reports every default it chose and every clause it could not place. No model, no network.
public struct RequirementParser: Sendable {
    public init() {}

    public func understand(_ requirement: String) throws -> Understanding {
        let text = requirement.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw UnderstandingError.empty }
        let language = ClauseSplitter.language(of: text)
        var reading = try Reading(language: language)
        reading.read(text)
        let (spec, report) = try SpecAssembler(reading: reading, requirement: text).assemble()
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

    init(language: Language) throws {
        self.language = language
        lexicon = try Lexicon.shipped()
        index = TermIndex(lexicon: lexicon, language: language)
        constraints = try ConstraintReader(language: language)
        fieldReader = FieldPhraseReader(lexicon: lexicon, index: index, constraints: constraints, language: language)
    }

    mutating func read(_ text: String) {
        var sentence = -1
        for piece in ClauseSplitter.split(text, language: language) {
            if piece.sentence != sentence { sentence = piece.sentence; current = nil }
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

    func isOnlyFunctionWords(_ tokens: [Token]) -> Bool {
        let filler: Set<String> = ["否则", "然后", "并且", "otherwise", "then", "and", "also", "please", "请"]
        return tokens.allSatisfy { filler.contains($0.text.lowercased()) || $0.text.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    static func unique(_ refs: [String]) -> [String] {
        var seen = Set<String>()
        return refs.filter { seen.insert($0).inserted }
    }

    // MARK: - One clause

    mutating func readPiece(_ piece: ClauseSplitter.Piece) -> [String] {
        var refs: [String] = []
        if let t = titlePhrase(piece) {
            if title == nil { title = t }
            refs.append("title")
        }
        // A title names the application; the things it mentions are described by later clauses.
        if refs == ["title"] && (piece.isHeading || titleOnly(piece.text)) {
            refs += readAccounts(index.tokens(piece.text))
            return refs
        }
        var scanText = piece.text
        if let list = FieldListMatcher.match(piece.text, language: language) {
            if let r = readFieldList(subject: list.subject, items: list.items) {
                refs += r
                scanText = list.subject
            }
        }
        let tokens = verbsInEntityWords(index.tokens(scanText))
        refs += readAccounts(tokens)
        let entityNames = targets(of: tokens)
        for e in entityNames { _ = ensureEntity(e) }
        if let e = entityNames.last { current = e; lastEntity = e }
        refs += readOperations(tokens, mentioned: entityNames)
        if scanText == piece.text { refs += readConstraintClause(piece.text, tokens: tokens) }
        refs += readSearch(tokens, text: scanText)
        return refs
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
        if language == .zh && s.count > 20 { return nil }
        return language == .en ? Identifiers.sentenceCase(s) : s
    }

    // MARK: - Field lists

    /// "文章包括标题和内容", "each product has a name, a unique SKU and a price": fields of an entity or an account.
    mutating func readFieldList(subject: String, items: [String]) -> [String]? {
        let tokens = index.tokens(subject)
        let accountSubject = tokens.contains { $0.account() != nil }
        let subjectEntity = tokens.compactMap { $0.entity() }.last
        var target: String?
        if let e = subjectEntity {
            target = e
        } else if accountSubject {
            target = nil
        } else if let e = newEntity(fromSubject: subject) {
            target = e
        } else if subject.trimmingCharacters(in: .whitespaces).isEmpty || tokens.allSatisfy({ $0.meanings.isEmpty && $0.text.count <= 2 }) {
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
        for item in items {
            guard let (draft, note) = fieldReader.read(item, entityNames: entityNames) else { continue }
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

    /// An entity the lexicon does not know, named by a field list's subject ("每个会议室有…", "each widget has").
    mutating func newEntity(fromSubject subject: String) -> String? {
        var noun = subject.trimmingCharacters(in: .whitespaces)
        if language == .zh {
            if let m = noun.firstMatch("^(?:每|每一)(?:个|本|件|条|位|名|篇|张|台|辆|家|门|项|笔|份|部|首|间|只|套|场|次|种)?(.+?)(?:都|均|需要|要|应该)?$") { noun = m }
            guard noun.count >= 1, noun.count <= 8, noun.allSatisfy({ $0.unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) } ?? false }) else { return nil }
            let name = Identifiers.pinyin(noun)
            notes.append("“\(noun)”不在词库中：实体名取为 \(name)")
            return addUnknownEntity(name: name, plural: name + "s", label: noun)
        }
        var words = noun.lowercased().split(separator: " ").map(String.init)
        while let f = words.first, ["each", "every", "a", "an", "the", "all", "our"].contains(f) { words.removeFirst() }
        let pronouns: Set<String> = ["i", "we", "you", "they", "it", "he", "she", "this", "that", "there", "which", "who", "me", "us", "them"]
        if words.contains(where: pronouns.contains) { return nil }
        guard (1...3).contains(words.count), words.allSatisfy({ $0.allSatisfy { $0.isLetter } }) else { return nil }
        let head = Inflection.singulars(of: words.last!).first ?? words.last!
        let singular = Array(words.dropLast()) + [head]
        let name = Identifiers.snake(singular)
        guard SpecValidator.isIdentifier(name) else { return nil }
        notes.append("'\(singular.joined(separator: " "))' is not in the lexicon: made it an entity named \(name)")
        return addUnknownEntity(name: name, plural: Identifiers.snake(Array(singular.dropLast()) + [Inflection.plural(of: head)]),
                                label: Identifiers.sentenceCase(singular.joined(separator: " ")))
    }

    mutating func addUnknownEntity(name: String, plural: String, label: String) -> String {
        if !entities.contains(where: { $0.name == name }) {
            entities.append(EntityDraft(name: name, plural: plural, label: label, known: false))
        }
        return name
    }

    @discardableResult
    mutating func ensureEntity(_ name: String) -> Int {
        if let i = entities.firstIndex(where: { $0.name == name }) { return i }
        let word = lexicon.entity(name)
        entities.append(EntityDraft(name: name, plural: word?.plural ?? name + "s", label: word?.label(language) ?? name,
                                    authored: word?.authored ?? false, known: word != nil))
        return entities.count - 1
    }

    /// "Staff can add patients": when entities follow the first verb, those before it are the actors,
    /// not things to store (unless the requirement already made them entities).
    func targets(of tokens: [Token]) -> [String] {
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
            if let e = t.entity() {
                // "tickets" after "support tickets": the entity this requirement already has.
                let resolved = entities.first { $0.name.hasSuffix("_" + e) }?.name ?? e
                if !out.contains(resolved) { out.append(resolved) }
                continue
            }
            guard t.meanings.isEmpty else { continue }
            for e in entities where !e.known && !out.contains(e.name) {
                let word = t.text.lowercased()
                let hit = language == .zh ? word.contains(e.label)
                    : (word == e.name || word == e.plural || Inflection.singulars(of: word).contains(e.name))
                if hit { out.append(e.name) }
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
        if creates && accountNoun && !tokens.contains(where: { $0.entity() != nil }) { register = true; refs.append("accounts.register") }
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
        let accessWords = tokens.compactMap { $0.access() }
        let profileClause = tokens.contains { $0.account() == "profile" }
        let accountOnly = tokens.contains { $0.account() == "register" || $0.account() == "login" } && mentioned.isEmpty
        if profileClause || accountOnly { return [] }
        if ops.isEmpty && accessWords.isEmpty { return [] }
        let targets = !mentioned.isEmpty ? mentioned : [current ?? lastEntity].compactMap { $0 }
        guard !targets.isEmpty else { return [] }
        // A create verb next to an account noun with no entity is sign-up, handled above.
        var refs: [String] = []
        for target in targets {
            let i = ensureEntity(target)
            if accessWords.isEmpty { entities[i].operations.formUnion(ops) } else { entities[i].accessOperations.formUnion(ops) }
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
        let describesUse = tokens.contains { $0.operation() != nil || $0.isSearch }
        let hits = constraints.read(text).filter { !describesUse || ($0.kind != .allowed && $0.kind != .default) }
        let fieldTokens = tokens.filter { $0.field() != nil }
        guard !hits.isEmpty, !fieldTokens.isEmpty else { return [] }
        var refs: [String] = []
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

    func lexiconDraft(_ name: String) -> FieldDraft {
        let w = lexicon.field(name)
        return FieldDraft(name: name, label: w?.label(language) ?? name, type: w?.type ?? .string, typeKnown: w != nil)
    }

    /// "按标题搜索", "search products by name or SKU".
    mutating func readSearch(_ tokens: [Token], text: String) -> [String] {
        guard tokens.contains(where: \.isSearch) else { return [] }
        guard let target = tokens.compactMap({ $0.entity() }).last ?? current ?? lastEntity,
              let i = entities.firstIndex(where: { $0.name == target }) else { return [] }
        var found: [String] = []
        for t in tokens {
            if let f = t.field() { found.append(f) }
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
}

extension String {
    /// The first capture group of a regular expression match, or nil.
    func firstMatch(_ pattern: String) -> String? {
        guard let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        let ns = self as NSString
        guard let m = re.firstMatch(in: self, range: NSRange(location: 0, length: ns.length)), m.numberOfRanges > 1,
              m.range(at: 1).location != NSNotFound else { return nil }
        return ns.substring(with: m.range(at: 1)).trimmingCharacters(in: .whitespaces)
    }
}

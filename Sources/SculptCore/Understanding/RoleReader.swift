import Foundation

/// Roles (contract v2): "管理员可以…", "only admins can…", "老师可以…而学生只能…", "the owner or an
/// admin may edit". A people word that is only a signed-in user (读者, customers) stays the account.
extension Reading {
    /// Where a role's clause ends: the next clause or a contrast ("而学生只能看").
    static func roleSegmentEnd(_ text: String, language: Language) -> Int {
        let breaks = language == .zh ? ["，", "；", "。", "而", "但", ",", ";"] : [";", " but ", " while ", " whereas ", " — ", " - ", ". ", ", and ", ", anyone", ", everyone"]
        var end = text.count
        for b in breaks {
            if let r = text.range(of: b) { end = min(end, text.distance(from: text.startIndex, to: r.lowerBound)) }
        }
        return end
    }

    /// `domain.roles(in:language:)`, remembered for the last text asked (a clause asks several times).
    func roles(in text: String) -> [(word: DomainLexicon.RoleWord, start: Int, length: Int)] {
        if let last = memo.lastRoles, last.text.sameBytes(as: text) { return last.found }
        let found = domain.roles(in: text, language: language)
        memo.lastRoles = (text, found)
        return found
    }

    /// "only", "只有" just before a people word: the rights that follow are theirs alone.
    func onlyBefore(_ text: String, at offset: Int) -> Bool {
        let chars = Array(text)
        let before = String(chars[max(0, offset - 14)..<offset]).lowercased().trimmingWhitespace()
        if language == .zh { return ["只有", "仅", "只", "仅限", "只允许", "只能由", "由"].contains { before.hasSuffix($0) } }
        return before.hasSuffix("only") || before.hasSuffix("only the") || before.hasSuffix("only an") || before.hasSuffix("only a")
            || before.hasSuffix("just") || before.hasSuffix("only the owner or") || before.hasSuffix("or an") || before.hasSuffix("or the")
    }

    /// The role a verb at `offset` is performed by: a role word earlier in the same clause.
    func role(before offset: Int, in text: String) -> DomainLexicon.RoleWord? {
        let chars = Array(text)
        var found: DomainLexicon.RoleWord?
        for r in roles(in: text) where r.start + r.length <= offset {
            let between = String(chars[(r.start + r.length)..<offset])
            if Self.roleSegmentEnd(between, language: language) == between.count { found = r.word }
        }
        return found
    }

    /// Records who may call which operations when a clause names a role as its subject.
    mutating func readRoles(_ text: String) -> [String] {
        let found = roles(in: text)
        guard !found.isEmpty else { return [] }
        let chars = Array(text)
        var refs: [String] = []
        for (k, f) in found.enumerated() {
            let next = k + 1 < found.count ? found[k + 1].start : chars.count
            var seg = String(chars[min(chars.count, f.start + f.length)..<next])
            // "主办方（管理员）发布…", "Coordinators (admins) create…": the words after the parenthesis.
            if seg.trimmingWhitespace().allSatisfy({ "（()）".contains($0) }), k + 1 < found.count { continue }
            seg = String(seg.prefix(Self.roleSegmentEnd(seg, language: language)))
            var tokens = index.tokens(seg)
            let negated = Negation.negated(tokens, language: language)
            for i in negated { tokens[i].meanings = [] }
            // "approve a request", "handle the order": after a determiner a verb-looking word is a thing.
            if language == .en {
                for i in tokens.indices.dropFirst() where tokens[i].operation() != nil && tokens[i].entity() == nil
                    && ["a", "an", "the", "each", "every", "any", "their", "its"].contains(tokens[i - 1].text.lowercased().trimmingWhitespace()) {
                    tokens[i].meanings = []
                }
            }
            // "Admins post classes": a thing-word used as the verb before another thing.
            if language == .en, let first = tokens.firstIndex(where: { !$0.meanings.isEmpty }), tokens[first].entity() != nil,
               tokens[(first + 1)...].contains(where: { $0.entity() != nil }) {
                tokens[first].meanings = [.operation("create")]
            }
            var ops: Set<EntityOperation> = []
            // The verbs right after the role ("can add, edit or delete boats"), not verbs inside what
            // follows ("create shifts with … open slots").
            let joiners: Set<String> = ["and", "or", "can", "may", "also", "only", "to", "must", "will", "和", "、", "或", "及", "并", "以及", "可以", "才能", "能", "都", "也", "负责", "登录后", "才可以", "可"]
            var run: [Token] = []
            for t in tokens.drop(while: { $0.operation() == nil }) {
                let w = t.text.trimmingWhitespace().lowercased()
                if t.operation() != nil { run.append(t); continue }
                if w.isEmpty || joiners.contains(w) || w.allSatisfy({ ",，、".contains($0) }) || t.access() != nil { continue }
                break
            }
            for t in run {
                guard let op = t.operation() else { continue }
                if op == "manage" {
                    // "增删改", "manage": the writes; reading is given (or not) separately.
                    ops.formUnion([.create, .update, .delete])
                    if t.text.contains("查") { ops.formUnion([.list, .get]) }
                } else if let o = EntityOperation(rawValue: op) {
                    ops.insert(o)
                    if o == .get || o == .list { ops.formUnion([.list, .get]) }
                }
            }
            guard !ops.isEmpty else { continue }
            let verb = tokens.firstIndex { $0.operation() != nil } ?? 0
            var objects = entityMentions(Array(tokens[verb...]))
            if objects.isEmpty {
                let pronoun = tokens.contains { ["them", "it", "they", "它", "它们", "其"].contains($0.text.lowercased()) }
                if !pronoun && !index.tokens(text).contains(where: { $0.entity() != nil }) && language == .zh {
                    // "管理员登录后才能增删改": no object named, so every thing described so far.
                    objects = entities.filter { !$0.fields.isEmpty }.map(\.name)
                }
                if objects.isEmpty { objects = [current ?? lastEntity].compactMap { $0 } }
            }
            let only = onlyBefore(text, at: f.start)
            let orOwner = index.tokens(text).contains { $0.access() == "owner" } && text.lowercased().contains(language == .zh ? "或" : " or ")
            for e in objects {
                roleGrants.append(RoleGrant(role: f.word, entity: e, operations: ops, orOwner: orOwner, text: text,
                                            only: only))
                refs += EntityOperation.allCases.filter(ops.contains).map { "entities.\(e).permissions.\($0.rawValue)" }
            }
        }
        return Self.unique(refs)
    }

    /// A role that is not one by name (teacher, staff) is kept when the requirement gives it rights others lack:
    /// "only teachers can…", or another kind of user is limited ("而学生只能查看", "students can only view").
    func isRoleByContrast(_ role: DomainLexicon.RoleWord) -> Bool {
        if let known = memo.roleByContrast[role.name] { return known }
        let own = Set((role.zh + role.en).map { $0.lowercased() })
        let others = (lexicon.actors?(language) ?? []).filter { !own.contains($0.lowercased()) && !own.contains(Inflection.singulars(of: $0.lowercased()).first ?? "") }
        let answer = others.contains { !$0.isEmpty && saysOnlyInText($0) }
        memo.roleByContrast[role.name] = answer
        return answer
    }

    /// `saysOnly` over the whole requirement, once per word.
    func saysOnlyInText(_ word: String) -> Bool {
        if let known = memo.saysOnly[word] { return known }
        let answer = saysOnly(word, in: lowerText)
        memo.saysOnly[word] = answer
        return answer
    }

    /// "学生登录后只能查看", "students can only view": the people word is limited to what follows.
    func saysOnly(_ word: String, in lowerText: String) -> Bool {
        let w = NSRegularExpression.escapedPattern(for: word.lowercased())
        let pattern = language == .zh
            ? w + "(?:登录后|们)?(?:只能|只可以|仅能|只可)"
            : "\\b" + w + "s?\\s+(?:can|may)\\s+only\\b|\\b" + w + "s?\\s+only\\s+(?:can|see|view|read)"
        return lowerText.matches(pattern)
    }

    /// The limited side of a contrast ("老师可以录入…，学生只能查看"): a kind of user of its own, whose
    /// limit the other role's grants already express, so it gets no grants (they would shut the others out).
    func isLimitedRole(_ role: DomainLexicon.RoleWord) -> Bool {
        !role.privileged && (role.zh + role.en).contains { !$0.isEmpty && saysOnlyInText($0) }
    }

    /// Turns the role clauses into `accounts.roles` and per-operation grants.
    mutating func settleRoles() -> [Role] {
        var roles: [Role] = []
        var contrast: [String: Bool] = [:]
        for g in roleGrants where !g.role.privileged && !g.only && contrast[g.role.name] == nil { contrast[g.role.name] = isRoleByContrast(g.role) }
        func kept(_ g: RoleGrant) -> Bool { g.role.privileged || g.only || contrast[g.role.name] == true }
        for g in roleGrants {
            if !kept(g), isLimitedRole(g.role), roleGrants.contains(where: { $0.role.name != g.role.name && $0.entity == g.entity && kept($0) }) {
                if !roles.contains(where: { $0.name == g.role.name }) { roles.append(Role(name: g.role.name, label: g.role.label(language))) }
                continue
            }
            guard kept(g) else { continue }
            // "job openings" may have been read as "job" in the clause: the described thing holding the word.
            guard let i = entities.firstIndex(where: { $0.name == g.entity && !$0.fields.isEmpty })
                    ?? entities.firstIndex(where: { !$0.fields.isEmpty && $0.name.split(separator: "_").contains(Substring(g.entity)) })
                    ?? entities.firstIndex(where: { $0.name == g.entity }) else { continue }
            if !roles.contains(where: { $0.name == g.role.name }) { roles.append(Role(name: g.role.name, label: g.role.label(language))) }
            for op in g.operations {
                var grants = entities[i].grants[op] ?? []
                if g.orOwner && !grants.contains(.owner) { grants.append(.owner) }
                if !grants.contains(.role(g.role.name)) { grants.append(.role(g.role.name)) }
                entities[i].grants[op] = grants
            }
        }
        // A role given some writes of a thing has all its writes, unless others were given them.
        for i in entities.indices {
            let writes: [EntityOperation] = [.create, .update, .delete]
            let given = writes.compactMap { entities[i].grants[$0] }
            // Only a role's own grants spread: "the owner or an admin may edit" says nothing of creating.
            guard let first = given.first(where: { !$0.contains(.owner) }) else { continue }
            // "用户可以发布帖子…管理员可以删除帖子": users still post; what nobody was given goes to the
            // author or the role.
            let usersCreate = entities[i].openOperations.contains(.create)
            for op in writes where entities[i].grants[op] == nil && !entities[i].accessOperations.contains(op) && !entities[i].openOperations.contains(op) {
                entities[i].grants[op] = usersCreate ? [.owner] + first.filter { $0 != .owner } : first
            }
            // "管理员发布活动": who publishes a thing also corrects and removes it; nobody else may.
            if let create = entities[i].grants[.create], !create.contains(.owner), !create.allowsAnyone, !entities[i].operations.isEmpty {
                for op in [EntityOperation.update, .delete] where !entities[i].operations.contains(op) && !entities[i].forbidden.contains(op)
                    && entities[i].grants[op] == create {
                    entities[i].operations.insert(op)
                    assumptions.append(language == .zh ? "“\(entities[i].label)”的\(op == .update ? "修改" : "删除")只交给能新增它的角色"
                                                       : "\(entities[i].label) can be \(op == .update ? "updated" : "deleted") by the role that creates it, and nobody else")
                }
            }
        }
        return roles
    }

    /// "only the reporter of an issue can edit it", "只有发布者可以修改": the person who created the record
    /// is its owner. Rewritten to the owner words the lexicon knows; a role word is left alone.
    func ownerWording(_ text: String) -> String {
        if language == .zh {
            return text.replacing(pattern: "(只有|仅)(?:该|这个)?[\\p{Han}]{0,6}?的?(?:发布者|发布人|提交者|提交人|创建者|创建人|上传者|上传人|提问人|提问者|报告人|发起人|所有者|主人)(?:本人|自己)?",
                                  with: "$1本人")
        }
        guard let g = text.lowercased().groups("\\bonly\\s+(?:the|its|their)\\s+([a-z]+(?:er|or|ist|ant))\\b"), let noun = g.first,
              noun != "owner", domain.roles(in: noun, language: .en).isEmpty else { return text }
        guard let r = text.range(of: noun, options: .caseInsensitive) else { return text }
        return text.replacingCharacters(in: r, with: "owner")
    }
}

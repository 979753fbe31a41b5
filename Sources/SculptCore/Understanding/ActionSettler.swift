import Foundation

/// Turns the action drafts into `entity.actions` once every field is known: each rule's words are
/// matched to a field of the entity acted on (or a counter the requirement names but did not list,
/// created with minimum 0 and default 0), and what cannot be placed is reported.
extension Reading {
    /// The field of entity `ei` a rule's words name ("库存", "spot", "the photo's like count").
    func ruleField(_ phrase: String, in ei: Int) -> Int? {
        let fields = entities[ei].fields
        var p = phrase.trimmingWhitespace()
        if language == .en {
            p = p.lowercased().replacingOccurrences(of: "’", with: "'")
            for drop in ["the ", "its ", "their ", "a ", "an ", "one "] where p.hasPrefix(drop) { p = String(p.dropFirst(drop.count)) }
            if let r = p.range(of: "'s ") { p = String(p[r.upperBound...]) }
            for drop in [" again", " back", " field", " count of", " number"] where p.hasSuffix(drop) && p != drop { p = String(p.dropLast(drop.count)) }
        }
        guard !p.isEmpty else { return nil }
        if let i = FieldReference.find(p, in: fields, index: index, language: language), fields[i].relation == nil { return i }
        if language == .en {
            // "spot" for `spots`, "slot" for `open_slots`: every word of the phrase among the field's words, singular.
            let w = p.split(separator: " ").map { Inflection.singulars(of: String($0)).first ?? String($0) }
            let hits = fields.indices.filter { i in
                let fw = Set(fields[i].name.split(separator: "_").map { Inflection.singulars(of: String($0)).first ?? String($0) })
                return fields[i].relation == nil && w.allSatisfy(fw.contains)
            }
            if hits.count >= 1 { return hits.first { fields[$0].type.isNumeric } ?? hits[0] }
        } else {
            // "余票" for 剩余票数: the characters in order.
            let hits = fields.indices.filter { i in
                var rest = Substring(fields[i].label)
                for c in p { guard let at = rest.firstIndex(of: c) else { return false }; rest = rest[rest.index(after: at)...] }
                return fields[i].relation == nil
            }
            if hits.count == 1 { return hits[0] }
        }
        return nil
    }

    /// A field whose type was only guessed from its name ("copies" as text) but that a rule counts:
    /// it is a whole number, at least 0.
    mutating func countable(_ fi: Int, in ei: Int) -> Int {
        let f = entities[ei].fields[fi]
        guard !f.type.isNumeric, !f.typeKnown, f.allowedValues == nil, f.relation == nil, f.type == .string || f.type == .text else { return fi }
        entities[ei].fields[fi].type = .integer
        entities[ei].fields[fi].typeKnown = true
        if entities[ei].fields[fi].minimum == nil { entities[ei].fields[fi].minimum = 0 }
        entities[ei].fields[fi].minLength = nil
        entities[ei].fields[fi].maxLength = nil
        assumptions.append(language == .zh ? "“\(f.label)”在规则中被计数，所以是整数（最小0）"
                                           : "\(f.name) is counted by a rule, so it is a whole number (at least 0)")
        return fi
    }

    /// A counter the requirement names only in a rule ("a like adds one to the photo's like count"):
    /// a new integer field, at least 0, starting at 0.
    mutating func counterField(_ phrase: String, in ei: Int, boolean: Bool = false) -> Int? {
        var name: String
        var label: String
        if language == .zh {
            guard phrase.count <= 8, !phrase.isEmpty else { return nil }
            let tokens = index.tokens(phrase)
            if tokens.count == 1, let f = tokens[0].field() { name = f } else { name = translator.identifier(phrase).0 }
            label = phrase
        } else {
            var words = phrase.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
                .filter { !Identifiers.englishStopwords.contains($0) }
            if let i = words.lastIndex(where: { $0.hasSuffix("'s") || $0 == "s" }) { words.removeFirst(i + 1) }
            guard !words.isEmpty, words.count <= 3 else { return nil }
            name = Identifiers.snake(words)
            label = Identifiers.sentenceCase(words.joined(separator: " "))
        }
        guard SpecValidator.isIdentifier(name), !SpecValidator.reservedFieldNames.contains(name),
              entities.allSatisfy({ $0.name != name }) else { return nil }
        var f = FieldDraft(name: name, label: label, type: boolean ? .boolean : .integer, typeKnown: true, required: false)
        if boolean { f.defaultValue = .bool(false) } else { f.minimum = 0; f.defaultValue = .number(0) }
        assumptions.append(language == .zh ? "“\(entities[ei].label)”加上字段“\(label)”（\(boolean ? "是否，默认否" : "整数，最小0，默认0")），供“\(phrase)”的规则使用"
                                           : "\(entities[ei].label) gets a field \(name) (\(boolean ? "yes/no, false by default" : "a whole number, at least 0, 0 by default")) for the rule on \"\(phrase)\"")
        return entities[ei].upsert(f)
    }

    /// The field whose allowed values hold `value` ("pending" → status), or a flag named by it ("occupied").
    func fieldHolding(_ value: String, in ei: Int) -> (Int, JSONValue)? {
        let fields = entities[ei].fields
        let v = value.lowercased()
        for (i, f) in fields.enumerated() {
            if let hit = f.allowedValues?.first(where: { Self.sameValue($0, v) }) { return (i, .string(hit)) }
        }
        if let i = FieldReference.find(value, in: fields, index: index, language: language), fields[i].type == .boolean { return (i, .bool(true)) }
        return nil
    }

    /// "In progress" and "in_progress" are one value; Chinese values compare as written.
    static func sameValue(_ a: String, _ b: String) -> Bool {
        if a.lowercased() == b.lowercased() { return true }
        let x = Identifiers.snake(a), y = Identifiers.snake(b)
        return !x.isEmpty && x == y
    }

    func constant(_ value: String, for f: FieldDraft) -> JSONValue? {
        let v = value.lowercased()
        switch f.type {
        case .boolean:
            if ["true", "yes", "是", "真", "on"].contains(v) { return .bool(true) }
            if ["false", "no", "否", "假", "off"].contains(v) { return .bool(false) }
            return nil
        case .integer, .number:
            return NumberWords.value(value).map { .number($0) }
        case .enumeration:
            return f.allowedValues?.first { Self.sameValue($0, v) }.map { .string($0) }
        default:
            return f.allowedValues == nil && !v.isEmpty ? .string(value) : (f.allowedValues?.first { $0.lowercased() == v }).map { .string($0) }
        }
    }

    /// "借阅记录", "loan record": the record an action leaves, named from its words when no clause described it.
    mutating func recordEntity(_ phrase: String) -> String? {
        let p = phrase.trimmingWhitespace()
        let name = language == .zh ? translator.identifier(p).0 : Identifiers.snake(p.lowercased().split(separator: " ").map(String.init))
        guard !p.isEmpty, p.count <= 12, SpecValidator.isIdentifier(name), !Self.keywords.contains(name),
              !SpecValidator.reservedEntityNames.contains(name) else { return nil }
        if entities.contains(where: { $0.name == name }) { return name }
        let parts = name.split(separator: "_").map(String.init)
        let plural = Identifiers.snake(Array(parts.dropLast()) + [Inflection.plural(of: parts.last ?? name)])
        notes.append(language == .zh ? "“\(p)”由操作生成：实体名取为 \(name)" : "'\(p)' is made by an action: named it \(name)")
        return addUnknownEntity(name: name, plural: plural, label: p)
    }

    /// Settles every action on its entity. Returns the roles the actions use.
    mutating func settleActions(described: Set<String>) -> [DomainLexicon.RoleWord] {
        var roles: [DomainLexicon.RoleWord] = []
        // With no word on accounts, anyone may act; once per user needs to know the user.
        let accounts = register || login || accountsImplied || privateApp || roleGrants.contains { $0.role.privileged || $0.only }
        // "check-in sets occupied = true and check out sets it back to false": "it" is the field last named.
        var lastField: String?
        for a in actionDrafts {
            if a.crud && a.rules.isEmpty { continue }
            func report(_ why: String) {
                notes.append(language == .zh ? "“\(a.text)”：\(why)" : "\"\(a.text)\": \(why)")
            }
            // The entity acted on: the verb's object when it is stored, else the thing whose fields the rules name.
            var target: String? = a.object.flatMap { described.contains($0) ? $0 : nil }
            if target == nil {
                // The thing whose fields the rules name ("同时这门课的剩余名额减一").
                var phrases: [String] = []
                for r in a.rules {
                    switch r {
                    case .increment(let p, _): phrases.append(p)
                    case .precondition(let p?, _, _): phrases.append(p)
                    default: break
                    }
                }
                let created = a.rules.compactMap { r -> String? in if case .create(let p) = r { return knownEntity(p) } else { return nil } }
                for p in phrases {
                    if let e = entities.indices.first(where: { described.contains(entities[$0].name) && !created.contains(entities[$0].name) && ruleField(p, in: $0) != nil }) {
                        target = entities[e].name; break
                    }
                }
            }
            if target == nil {
                // "only while it is pending": the thing with a field holding that value.
                for r in a.rules {
                    guard case .precondition(nil, _, .text(let word)) = r,
                          let e = entities.indices.first(where: { described.contains(entities[$0].name) && fieldHolding(word, in: $0) != nil }) else { continue }
                    target = entities[e].name; break
                }
            }
            if target == nil { target = a.context.flatMap { described.contains($0) ? $0 : nil } }
            if target == nil { target = entities.first { described.contains($0.name) }?.name }
            guard let name = target, let ei = entities.firstIndex(where: { $0.name == name }) else {
                report(language == .zh ? "找不到“\(a.label)”作用的对象，没有生成这个操作" : "no stored thing for '\(a.name)' to act on; the action was not built")
                continue
            }
            var action = DomainAction(name: a.name, label: a.label, access: a.access)
            // Effects first: a rule naming no field ("when none are left") is about the number the action moves.
            let isIncrement: (RuleDraft) -> Bool = { if case .increment = $0 { return true } else { return false } }
            for rule in a.rules.filter(isIncrement) + a.rules.filter({ !isIncrement($0) }) {
                switch rule {
                case .once:
                    action.oncePerUser = true
                case .increment(let phrase, let by):
                    guard let fi = (ruleField(phrase, in: ei).map { countable($0, in: ei) }) ?? counterField(phrase, in: ei), entities[ei].fields[fi].type.isNumeric else {
                        report(language == .zh ? "“\(phrase)”不是\(entities[ei].label)的数字字段" : "'\(phrase)' is not a number field of \(name)"); continue
                    }
                    let f = entities[ei].fields[fi].name
                    lastField = f
                    if !action.effects.contains(where: { $0.field == f }) { action.effects.append(.increment(field: f, by: by)) }
                case .precondition(let phrase, let op, let value):
                    var fi: Int?
                    var rhs: Operand?
                    switch value {
                    case .number(let n):
                        fi = phrase.flatMap { p in ruleField(p, in: ei).map { countable($0, in: ei) } ?? counterField(p, in: ei) }
                        // "can't borrow when none are left": the number the action moves.
                        if phrase == nil {
                            let moved = action.effects.compactMap { e -> String? in if case .increment(let f, _) = e { return f } else { return nil } }.first ?? lastField
                            fi = moved.flatMap { m in entities[ei].fields.firstIndex { $0.name == m && $0.type.isNumeric } }
                        }
                        rhs = .constant(.number(n))
                    case .field(let other):
                        fi = phrase.flatMap { ruleField($0, in: ei) ?? counterField($0, in: ei) }
                        if let oi = ruleField(other, in: ei) ?? counterField(other, in: ei) { rhs = .field(entities[ei].fields[oi].name) }
                    case .text(let word):
                        if let p = phrase, let i = ruleField(p, in: ei), let c = constant(word, for: entities[ei].fields[i]) {
                            fi = i; rhs = .constant(c)
                        } else if let (i, c) = fieldHolding(word, in: ei) {
                            fi = i
                            // "only if it's not occupied": a flag compared with true/false.
                            if case .bool = c { rhs = .constant(.bool(op == .equal)); fi = i } else { rhs = .constant(c) }
                        }
                    }
                    var cmp = op
                    if case .text = value, case .constant(.bool(_))? = rhs { cmp = .equal }
                    guard let i = fi, let r = rhs else {
                        report(language == .zh ? "没能把条件对应到\(entities[ei].label)的字段" : "the condition names no field of \(name)"); continue
                    }
                    let f = entities[ei].fields[i]
                    if [.greater, .less, .greaterOrEqual, .lessOrEqual].contains(cmp), !f.type.isNumeric, f.type != .date, f.type != .datetime {
                        report(language == .zh ? "“\(f.label)”不是数字，不能比较大小" : "'\(f.name)' is not a number"); continue
                    }
                    lastField = f.name
                    let p = Precondition(field: f.name, op: cmp, value: r)
                    if !action.preconditions.contains(p) { action.preconditions.append(p) }
                case .set(let phrase, let value):
                    var target: (Int, JSONValue)?
                    let named = phrase.flatMap { p -> Int? in
                        if ["it", "them", "它"].contains(p.lowercased()), let l = lastField { return entities[ei].fields.firstIndex { $0.name == l } }
                        return ruleField(p, in: ei)
                    }
                    if let i = named, let c = constant(value, for: entities[ei].fields[i]) { target = (i, c) }
                    else if let hit = fieldHolding(value, in: ei) { target = hit }
                    else if language == .en, value.split(separator: " ").count == 1, !["true", "false", "yes", "no"].contains(value),
                            let i = counterField(value, in: ei, boolean: true) {
                        // "accepting marks the answer as accepted": a flag named by the state.
                        target = (i, .bool(true))
                    }
                    guard let (i, c) = target else {
                        report(language == .zh ? "“\(value)”不是\(entities[ei].label)某个字段的取值" : "'\(value)' is not a value of a field of \(name)"); continue
                    }
                    let f = entities[ei].fields[i].name
                    lastField = f
                    action.effects.removeAll { $0.field == f }
                    action.effects.append(.set(field: f, value: c))
                case .create(let phrase):
                    guard let made = knownEntity(phrase) ?? subjectEntity(phrase, create: true) ?? recordEntity(phrase), made != name,
                          let mi = Optional(ensureEntity(made)) else {
                        report(language == .zh ? "没能确定“\(phrase)”是什么" : "could not tell what '\(phrase)' is"); continue
                    }
                    makeRecord(mi, by: a, on: name, described: described)
                    action.effects.append(.create(entity: made))
                }
            }
            implyRules(&action, on: ei, draft: a, described: described)
            if action.preconditions.isEmpty && action.effects.isEmpty && !action.oncePerUser {
                if a.crud { continue }
                // "借书和还书" with a rule only for borrowing: giving back could be the inverse, but nothing
                // could check that the one returning had borrowed, so anyone could raise the count.
                if let inverse = domain.actions.first(where: { $0.name == a.name })?.inverse,
                   let done = entities[ei].actions.first(where: { inverse.contains($0.name) }),
                   let moved = done.effects.first(where: { if case .increment = $0 { return true } else { return false } })?.field {
                    let f = entities[ei].fields.first { $0.name == moved }?.label ?? moved
                    report(language == .zh
                        ? "“\(a.label)”没有说明规则：它可以是“\(done.label)”的反向操作（\(f)加一），但无法核对归还的人确实借过，任何人都能把\(f)加上去，所以没有生成这个操作；写明规则即可生成（如“还书时\(f)加一”）"
                        : "'\(a.name)' states no rule: it could undo '\(done.name)' (\(moved) + 1), but nothing could check the caller had done '\(done.name)', so anyone could raise \(moved); it was not built (state its rule to build it, e.g. 'returning adds one to the \(moved)')")
                    continue
                }
                report(language == .zh ? "“\(a.label)”没有说明规则或效果，没有生成这个操作" : "'\(a.name)' has no rule or effect, so it was not built")
                continue
            }
            if action.access == [.signedIn] && !accounts && !action.oncePerUser && action.createdEntity == nil { action.access = [.anyone] }
            if action.access.allowsAnyone && (action.oncePerUser || action.createdEntity != nil) { action.access = [.signedIn] }
            // "an order can be cancelled": on a record only its maker sees, only its maker acts.
            if entities[ei].read == .owner && action.access == [.signedIn] && a.roles.isEmpty { action.access = [.owner] }
            if entities[ei].actions.contains(where: { $0.name == action.name }) { continue }
            entities[ei].actions.append(action)
            roles += a.roles
            if !action.access.allowsAnyone { accountsImplied = true }
        }
        return roles
    }
}

extension Reading {
    /// Entity `mi` is made by action `a` on a record of `parent`: it belongs to that record and to the
    /// caller, and the action fills only the link and the owner, so its other fields are optional.
    mutating func makeRecord(_ mi: Int, by a: ActionDraft, on parent: String, described: Set<String>) {
        let made = entities[mi].name
        if !relations.contains(where: { $0.child == made && $0.parent == parent }) {
            relations.append(RelationDraft(child: made, parent: parent, onDelete: nil, text: a.text))
        }
        for k in entities[mi].fields.indices where entities[mi].fields[k].relation == nil && entities[mi].fields[k].required != false {
            entities[mi].fields[k].required = false
            assumptions.append(language == .zh ? "“\(a.label)”会自动生成\(entities[mi].label)，所以“\(entities[mi].fields[k].label)”改为选填"
                                               : "'\(a.name)' creates a \(entities[mi].label) by itself, so its \(entities[mi].fields[k].name) is optional")
        }
        entities[mi].ownedByCreator = true
        if !entities[mi].fields.contains(where: { $0.relation == nil }) || !described.contains(made) { createdOnly.insert(made) }
    }

    /// What an action means though the requirement did not say it, as a careful engineer builds it:
    /// a verb that leaves a state sets it ("cancel" → status cancelled); a counter a rule guards moves
    /// ("人数达到容量就不能再报名": enrolling adds one; "库存为0时不能借": borrowing takes one); taking part
    /// (enroll, join, vote) is once per user and leaves a record of who took part. Each is an assumption.
    mutating func implyRules(_ action: inout DomainAction, on ei: Int, draft a: ActionDraft, described: Set<String>) {
        let word = domain.actions.first { $0.name == action.name }
        let label = entities[ei].label
        let statedEffect = !action.effects.isEmpty
        func assume(_ zh: String, _ en: String) { assumptions.append(language == .zh ? "“\(a.label)”：\(zh)" : "'\(action.name)': \(en)") }
        let setsSomething = action.effects.contains { if case .set = $0 { return true } else { return false } }
        if let states = word?.state?(language), !setsSomething {
            for f in entities[ei].fields where f.type == .enumeration && !action.effects.contains(where: { $0.field == f.name }) {
                guard let v = f.allowedValues?.first(where: { v in states.contains { Self.sameValue($0, v) } }) else { continue }
                action.effects.append(.set(field: f.name, value: .string(v)))
                assume("把\(label)的\(f.label)设为“\(v)”", "sets the \(label.lowercased())'s \(f.name) to \(v)")
                break
            }
        }
        for p in action.preconditions where !action.effects.contains(where: { $0.field == p.field }) {
            guard let f = entities[ei].fields.first(where: { $0.name == p.field }), f.type == .integer else { continue }
            // Another action of this requirement may move the counter ("a like adds one"): only a counter nobody moves.
            let movedElsewhere = actionDrafts.contains { d in
                d.name != a.name && d.rules.contains { r in
                    if case .increment(let phrase, _) = r { return ruleField(phrase, in: ei).map { entities[ei].fields[$0].name } == f.name }
                    return false
                }
            }
            if movedElsewhere { continue }
            var by: Double?
            if p.op == .less, case .field = p.value { by = 1 }
            if p.op == .greater, case .constant(.number(0)) = p.value { by = -1 }
            guard let by else { continue }
            action.effects.append(.increment(field: f.name, by: by))
            assume(by > 0 ? "每次让\(f.label)加一，条件才会生效" : "每次让\(f.label)减一，条件才会生效",
                   by > 0 ? "adds one to \(f.name) each time, so the rule can hold" : "takes one from \(f.name) each time, so the rule can hold")
        }
        // Taking part with no stated effect ("学生只能查看课程和选课"): once each, and a record of who took part.
        if let record = word?.participation, !statedEffect {
            if !action.oncePerUser {
                action.oncePerUser = true
                assume("每人对每个\(label)只能一次", "once per user for each \(label.lowercased())")
            }
            let made = record.name
            guard made != entities[ei].name, !SpecValidator.reservedEntityNames.contains(made) else { return }
            if !entities.contains(where: { $0.name == made }) {
                entities.append(EntityDraft(name: made, plural: record.plural, label: record.label(language),
                                            lexiconName: lexicon.entity(made)?.name, known: lexicon.entity(made) != nil))
            }
            guard let mi = entities.firstIndex(where: { $0.name == made }) else { return }
            makeRecord(mi, by: a, on: entities[ei].name, described: described)
            action.effects.append(.create(entity: made))
            assume("记下谁参与了哪个\(label)（\(entities[mi].label)，用户可以查看自己的记录）",
                   "records who took part (\(made), each user sees their own)")
        }
    }

    /// Settles contract v2 once every clause is read: actions (which may add counter fields and
    /// links), then roles, then links. Returns the roles accounts may hold.
    mutating func settleDomain() -> [Role] {
        fillUsualFields()
        fillAboutRecords()
        let described = Set(entities.filter { !$0.fields.isEmpty }.map(\.name))
        let actionRoles = settleActions(described: described)
        var roles = settleRoles()
        for r in actionRoles where !roles.contains(where: { $0.name == r.name }) { roles.append(Role(name: r.name, label: r.label(language))) }
        settleRelations(described: described.union(createdOnly))
        return roles
    }
}

import Foundation

/// Relations between entities (contract v2): "每条评论属于一篇文章", "一个项目下有多个任务",
/// "each issue belongs to a project", "orders have many items", "comments on a post",
/// "issues can be listed by project", and what deleting the parent does to its children.
extension Reading {
    static let measureZH = "(?:个|本|件|条|位|名|篇|张|台|辆|家|门|项|笔|份|部|首|间|只|套|场|次|种|块|间)"

    /// Reads the relation a clause states; returns the refs and the clause with the relation words
    /// removed (the child stays, so "每条借阅记录对应一本书，记录…" still describes the child).
    mutating func readRelation(_ text: String) -> (refs: [String], text: String) {
        var refs: [String] = []
        var out = text
        // "Deleting a project deletes its issues" says what a delete does, not that users delete.
        if readOnDelete(text) { return (["entities"], "") }
        let m = Self.measureZH
        let zhBelongs = "^(?:每|每一)?\(m)?(.{1,10}?)(?:都|均|必须)?(?:属于|对应|关联|隶属于|归属于|挂在)(?:某|一|一个)?\(m)?(.{1,10}?)(?:下面|下|里)?$"
        let zhHasMany = "^(?:每|一|每一)?\(m)?(.{1,10}?)(?:下面|下|里面|里|中)?(?:可以)?(?:有|包含|包括|可以有|能有|可以添加|可以加|能加)(?:多|若干|很多|一些|好几|几)\(m)?(.{1,10}?)$"
        if language == .zh {
            if let g = text.groups(zhBelongs), g.count == 2 {
                // "保养记录：每条记录属于一辆车": "记录" is the thing being described.
                let describedNow = (current ?? lastEntity).flatMap { c in entities.first { $0.name == c } }
                var same = describedNow.flatMap { d in d.label.hasSuffix(g[0]) && d.label != g[0] ? d.name : nil }
                if same == nil, let h = sentenceHeading, h.hasSuffix(g[0]), h != g[0] { same = knownEntity(h) ?? subjectEntity(h, create: true) }
                if let child = same ?? subjectEntity(g[0], create: true), let parent = relationEntity(g[1]), child != parent {
                    addRelation(child: child, parent: parent, text: text)
                    refs.append("entities.\(child).fields.\(parent)_id")
                    current = child; lastEntity = child
                    out = same == nil ? g[0] : ""
                }
            } else if let g = text.groups(zhHasMany), g.count == 2, let parent = relationEntity(g[0]),
                      let child = subjectEntity(g[1], create: true), child != parent {
                addRelation(child: child, parent: parent, text: text)
                refs.append("entities.\(child).fields.\(parent)_id")
                out = ""
            }
            return (refs, out)
        }
        let lower = text.lowercased()
        let det = "(?:(?:each|every|a|an|the|one)\\s+)?"
        // "Each issue belongs to a project", "each booking is for one room", "Photos live inside an album".
        if let g = lower.groups("^(?:.*?\\b)?\(det)([a-z][a-z -]{0,30}?)\\s+(?:belongs?\\s+to|is\\s+for|are\\s+for|is\\s+part\\s+of|are\\s+part\\s+of|lives?\\s+in(?:side)?|is\\s+linked\\s+to|are\\s+linked\\s+to|is\\s+attached\\s+to|are\\s+attached\\s+to|refers\\s+to|is\\s+under|are\\s+under)\\s+(?:exactly\\s+)?\(det)([a-z][a-z-]*(?:\\s+[a-z][a-z-]*)?)"),
           g.count == 2, let child = subjectEntity(g[0], create: true), let parent = parentEntity(g[1]), child != parent {
            addRelation(child: child, parent: parent, text: text)
            refs.append("entities.\(child).fields.\(parent)_id")
        }
        // "Orders have many items", "a project can have several tasks": a link, not a field list.
        let hasMany = "\(det)([a-z][a-z -]{0,30}?)\\s+(?:can\\s+)?(?:has|have|contains?|holds?)\\s+(?:many|several|multiple|any number of|one or more|a number of|a list of|zero or more)\\s+([a-z][a-z-]*)"
        if let g = lower.groups(hasMany), g.count == 2, let parent = relationEntity(g[0]), let child = relationEntity(g[1]), child != parent {
            addRelation(child: child, parent: parent, text: text)
            refs.append("entities.\(child).fields.\(parent)_id")
            out = text.replacing(pattern: "(?i)" + hasMany, with: " ")
        }
        // "comments on a post", "leave comments on them", "answers to a question".
        if let g = lower.groups("\\b([a-z]+)\\s+(?:on|to|under|for)\\s+(?:a|an|the|each|every|their|its)\\s+([a-z][a-z-]*)\\b"),
           g.count == 2, let child = knownEntity(g[0]), let parent = knownEntity(g[1]), child != parent,
           !relations.contains(where: { $0.child == child }) {
            addRelation(child: child, parent: parent, text: text)
            refs.append("entities.\(child).fields.\(parent)_id")
        } else if let g = lower.groups("\\b([a-z]+)\\s+(?:on|to|under|for)\\s+(?:a|an|the|each|every|their|its)\\s+([a-z][a-z-]*)\\b"),
                  g.count == 2, knownEntity(g[0]) == nil, let parent = knownEntity(g[1]), !Self.pronouns.contains(g[0]) {
            // "submit an application to an opening with their name, …": the child is made by this very
            // clause's list, so the link waits until the clause is read.
            pendingChildOf = (g[0], parent, text)
        } else if let g = lower.groups("\\b([a-z]+)\\s+on\\s+(?:them|it)\\b"), g.count == 1, let child = knownEntity(g[0]),
                  !relations.contains(where: { $0.child == child }) {
            // "cooks post recipes …, and visitors can leave comments on them": "them" is the thing this
            // clause describes, known once the clause is read.
            pendingParentOf = (child, text, current ?? lastEntity)
        }
        // "Issues can be listed by project": listing children by their parent needs the link.
        if let g = lower.groups("\\b([a-z][a-z ]{0,20}?)\\s+can\\s+be\\s+(?:listed|filtered|browsed|grouped|viewed|shown)\\s+(?:by|per)\\s+([a-z][a-z-]*)"),
           g.count == 2, let child = knownEntity(g[0]), let parent = knownEntity(g[1]), child != parent {
            addRelation(child: child, parent: parent, text: text)
            refs.append("entities.\(child).fields.\(parent)_id")
            // The filter comes with the link; the words are not an operation of the parent.
            out = out.replacing(pattern: "(?i)\\s+can\\s+be\\s+(?:listed|filtered|browsed|grouped|viewed|shown)\\s+(?:by|per)\\s+[a-z-]+", with: " can be")
        }
        return (refs, out)
    }

    /// "deleting a project deletes its issues" / "删除项目时其任务一并删除" (cascade); "a project that
    /// still has issues cannot be deleted" / "不能删除还有任务的项目" (restrict).
    @discardableResult
    mutating func readOnDelete(_ text: String) -> Bool {
        let before = onDeleteHints.count
        let lower = text.lowercased()
        if language == .zh {
            if let g = text.groups("删除([^时，,的后]{1,10})(?:时|的时候|后|以后)?(?:，)?(?:其|它的|它|该\\S{0,4}的)?(?:所有|全部)?([^，,也一同都会]{1,10}?)(?:也)?(?:一并|一起|同时|随之|也会被|也要|都会被|会被|都)(?:被)?删除") , g.count == 2 {
                onDeleteHints.append((parent: g[0], child: g[1], rule: .cascade))
            } else if let g = text.groups("(?:不能|不可以|不允许|无法)删除(?:还有|仍有|有)(.{1,10}?)的(.{1,10}?)$"), g.count == 2 {
                onDeleteHints.append((parent: g[1], child: g[0], rule: .restrict))
            } else if let g = text.groups("(?:还有|仍有|有)(.{1,10}?)的(.{1,10}?)(?:不能|不可以|不允许|无法)(?:被)?删除"), g.count == 2 {
                onDeleteHints.append((parent: g[1], child: g[0], rule: .restrict))
            }
            return onDeleteHints.count > before
        }
        if let g = lower.groups("\\bdelet(?:e|es|ing)\\s+(?:a|an|the)\\s+([a-z]+)\\s+(?:also\\s+)?(?:deletes|removes|also deletes|also removes|will delete|deletes all of)\\s+(?:its|all its|all of its|the)\\s+([a-z]+)"), g.count == 2 {
            onDeleteHints.append((parent: g[0], child: g[1], rule: .cascade))
        } else if let g = lower.groups("\\bwhen\\s+(?:a|an|the)\\s+([a-z]+)\\s+is\\s+deleted,?\\s+(?:its|all its|all of its)\\s+([a-z]+)\\s+(?:are|go|get)"), g.count == 2 {
            onDeleteHints.append((parent: g[0], child: g[1], rule: .cascade))
        } else if let g = lower.groups("\\b([a-z]+)\\s+(?:that|which|with)\\s+(?:still\\s+)?(?:has|have)\\s+([a-z]+)\\s+(?:can't|cannot|can not|may not|must not)\\s+be\\s+deleted"), g.count == 2 {
            onDeleteHints.append((parent: g[0], child: g[1], rule: .restrict))
        } else if let g = lower.groups("\\b(?:can't|cannot|can not|may not)\\s+delete\\s+(?:a|an|the)\\s+([a-z]+)\\s+(?:that|which|while it)\\s+(?:still\\s+)?(?:has|have)\\s+([a-z]+)"), g.count == 2 {
            onDeleteHints.append((parent: g[0], child: g[1], rule: .restrict))
        }
        return onDeleteHints.count > before
    }

    mutating func addRelation(child: String, parent: String, text: String) {
        if relations.contains(where: { $0.child == child && $0.parent == parent }) { return }
        relations.append(RelationDraft(child: child, parent: parent, onDelete: nil, text: text))
    }

    /// "a meeting room", "a show and": the longest leading words that name an entity.
    mutating func parentEntity(_ phrase: String) -> String? {
        let words = phrase.split(separator: " ").map(String.init)
        if words.count > 1, let e = knownEntity(phrase) { return e }
        guard let first = words.first else { return nil }
        return relationEntity(first)
    }

    /// A parent named in a relation: an entity this requirement has, or one the lexicon knows.
    mutating func relationEntity(_ phrase: String) -> String? {
        if let e = knownEntity(phrase) { return e }
        return subjectEntity(phrase, create: true)
    }

    /// The entity a short phrase names, without creating one: "project", "projects", "the album", "歌单".
    func knownEntity(_ phrase: String) -> String? {
        let p = phrase.trimmingWhitespace()
        if language == .zh {
            if let e = unknownForms[p] { return e }
            if let e = index.tokens(p).last(where: { $0.entity() != nil })?.entity() { return entities.first { $0.lexiconName == e }?.name ?? e }
            if let e = entities.first(where: { $0.label == p }) { return e.name }
            // "一辆车" for 车辆, "一门课程" for 课程: a described thing whose name holds the word.
            return entities.first { !$0.fields.isEmpty && p.count >= 1 && ($0.label.hasPrefix(p) || $0.label.hasSuffix(p) || p.hasSuffix($0.label)) }?.name
        }
        let words = p.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
            .filter { !Identifiers.englishStopwords.contains($0) }
        guard let last = words.last else { return nil }
        let head = Inflection.singulars(of: last).first ?? last
        let snake = Identifiers.snake(Array(words.dropLast()) + [head])
        if entities.contains(where: { $0.name == snake }) { return snake }
        if let e = unknownForms[last] ?? unknownForms[head] { return e }
        if let e = entities.first(where: { $0.name == head || $0.name.hasSuffix("_" + head) || $0.plural == last }) { return e.name }
        if let t = index.tokens(p).last(where: { $0.entity() != nil }), let e = t.entity() {
            return entities.first { $0.lexiconName == e }?.name ?? surfaceName(t) ?? e
        }
        return nil
    }

    /// Settles each relation: the child gets a required integer field `<parent>_id`; deleting the parent
    /// cascades when the requirement says so or the child is a part of it, and is refused otherwise.
    mutating func settleRelations(described: Set<String>) {
        for r in relations {
            guard let ci = entities.firstIndex(where: { $0.name == r.child }),
                  let parent = entities.first(where: { $0.name == r.parent }) else { continue }
            guard described.contains(r.child), described.contains(r.parent) else {
                assumptions.append(language == .zh ? "“\(r.text)”：\(parent.label)或\(entities[ci].label)没有字段，没有建立关联"
                                                   : "\"\(r.text)\": \(parent.label) or \(entities[ci].label) has no fields, so the link was not made")
                continue
            }
            let name = Relation.fieldName(for: parent.name)
            var rule = r.onDelete
            for hint in onDeleteHints {
                if knownEntity(hint.parent) == parent.name, hint.child.isEmpty || knownEntity(hint.child) == r.child || hint.child.contains(entities[ci].label) {
                    rule = hint.rule
                }
            }
            let isPart = domain.parts.contains(r.child) || domain.parts.contains(entities[ci].lexiconName ?? "")
                || domain.parts.contains { r.child.hasSuffix("_" + $0) }
            let onDelete = rule ?? (isPart ? .cascade : .restrict)
            if rule == nil {
                assumptions.append(language == .zh
                    ? (onDelete == .cascade ? "删除\(parent.label)时一并删除它的\(entities[ci].label)" : "还有\(entities[ci].label)的\(parent.label)不能删除")
                    : (onDelete == .cascade ? "deleting a \(parent.label.lowercased()) deletes its \(entities[ci].label.lowercased()) records"
                                            : "a \(parent.label.lowercased()) that still has \(entities[ci].label.lowercased()) records cannot be deleted"))
            }
            entities[ci].fields.removeAll { $0.name == name || $0.name == parent.name || $0.name == parent.name + "_name" && $0.type != .string }
            var f = FieldDraft(name: name, label: parent.label, type: .integer, typeKnown: true, required: true)
            f.relation = Relation(entity: parent.name, onDelete: onDelete)
            entities[ci].fields.insert(f, at: 0)
        }
    }
}

extension Reading {
    /// Links a child left waiting for "them" to the thing the clause turned out to describe.
    mutating func settlePendingParent() -> [String] {
        if let (word, parent, text) = pendingChildOf {
            pendingChildOf = nil
            if let child = knownEntity(word), child != parent, !relations.contains(where: { $0.child == child }) {
                addRelation(child: child, parent: parent, text: text)
                return ["entities.\(child).fields.\(parent)_id"]
            }
        }
        guard let (child, text, before) = pendingParentOf else { return [] }
        pendingParentOf = nil
        // "…; visitors can leave comments on them": when the clause was about the child itself, "them"
        // is the thing described before it.
        guard let parent = [current, lastEntity, before].compactMap({ $0 }).first(where: { $0 != child }) else { return [] }
        addRelation(child: child, parent: parent, text: text)
        return ["entities.\(child).fields.\(parent)_id"]
    }
}

extension String {
    /// Every capture group of the first match of a regular expression (empty strings for groups that did not take part).
    func groups(_ pattern: String) -> [String]? {
        guard let re = RegexCache.regex(pattern, for: self) else { return nil }
        let ns = self as NSString
        guard let m = re.firstMatch(in: self, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (1..<max(1, m.numberOfRanges)).map { i in
            m.range(at: i).location == NSNotFound ? "" : ns.substring(with: m.range(at: i)).trimmingWhitespace()
        }
    }

    /// Every match's capture groups.
    func allGroups(_ pattern: String) -> [[String]] {
        guard let re = RegexCache.regex(pattern, for: self) else { return [] }
        let ns = self as NSString
        return re.matches(in: self, range: NSRange(location: 0, length: ns.length)).map { m in
            (1..<max(1, m.numberOfRanges)).map { i in
                m.range(at: i).location == NSNotFound ? "" : ns.substring(with: m.range(at: i)).trimmingWhitespace()
            }
        }
    }
}

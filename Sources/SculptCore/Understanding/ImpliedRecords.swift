import Foundation

/// Records the wording implies without listing their fields (contract v2): the usual fields of things
/// only named ("管理员可以添加图书…借书"), a record people make about another one ("leave comments on
/// them", "place orders for a product"), and a part named with a quantifier ("每个投票有标题和若干选项",
/// "a poll has several options"). Each is reported as an assumption.
extension Reading {
    /// When no thing was described at all, each one named gets the lexicon's usual fields, before the
    /// actions settle, so a verb ("借书") has its record to act on.
    mutating func fillUsualFields() {
        guard !entities.contains(where: { !$0.fields.isEmpty }) else { return }
        for i in entities.indices {
            // A record about another one ("reservations for a room") gets its own template below.
            let words = [entities[i].name, entities[i].lexiconName]
            if relations.contains(where: { $0.child == entities[i].name }), domain.record(words) != nil { continue }
            let defaults = lexicon.entity(entities[i].lexiconName ?? entities[i].name)?.defaultFields ?? ["name"]
            for name in defaults {
                let w = lexicon.field(name)
                _ = entities[i].upsert(FieldDraft(name: name, label: w?.label(language) ?? Identifiers.sentenceCase(name), type: w?.type ?? .string,
                                                  typeKnown: true, required: name == defaults.first))
            }
            let labels = entities[i].fields.map(\.label)
            assumptions.append(language == .zh ? "“\(entities[i].label)”没有列出字段，使用常见字段：\(labels.joined(separator: "、"))"
                                               : "no fields were listed for \(entities[i].label); used the usual ones: \(labels.joined(separator: ", "))")
        }
    }

    /// "visitors can leave comments on them", "place orders for a product": a record about a described
    /// record, named without fields, gets the obvious ones (a comment's content, an order's quantity and status).
    mutating func fillAboutRecords() {
        for r in relations {
            guard let ci = entities.firstIndex(where: { $0.name == r.child }), entities[ci].fields.isEmpty,
                  entities.contains(where: { $0.name == r.parent && !$0.fields.isEmpty }) else { continue }
            _ = fillFromTemplate(ci, parent: r.parent)
        }
    }

    /// Gives entity `ci` the template fields of a record about `parent`; false when no template fits.
    mutating func fillFromTemplate(_ ci: Int, parent: String) -> Bool {
        let words = [entities[ci].name, entities[ci].lexiconName, entities[ci].name.split(separator: "_").last.map(String.init)]
        guard let t = domain.record(words) else { return false }
        for ft in t.fields {
            var f = FieldDraft(name: ft.name, label: ft.label(language), type: ft.type, typeKnown: true, required: ft.required)
            f.minimum = ft.minimum
            f.maximum = ft.maximum
            if let values = ft.values?(language) {
                f.allowedValues = values
                if let d = ft.defaultIndex, values.indices.contains(d) { f.defaultValue = .string(values[d]) }
            }
            _ = entities[ci].upsert(f)
        }
        if t.private == true {
            entities[ci].read = .owner
            entities[ci].write = .owner
            accountsImplied = true
        }
        let parentLabel = entities.first { $0.name == parent }?.label ?? parent
        let described = entities[ci].fields.map { f in
            language == .zh ? f.label + (f.required == true ? "（必填）" : "") : f.name + (f.required == true ? " (required)" : "")
        }
        assumptions.append(language == .zh
            ? "“\(entities[ci].label)”没有列出字段：使用\(described.joined(separator: "、"))，并属于所在的\(parentLabel)"
            : "no fields were listed for \(entities[ci].label): it has \(described.joined(separator: ", ")) and belongs to its \(parentLabel.lowercased())")
        if t.private == true {
            assumptions.append(language == .zh ? "“\(entities[ci].label)”只有提交它的用户本人可以查看和修改"
                                               : "\(entities[ci].label) records are seen and changed only by the user who made them")
        }
        return true
    }

    /// "若干选项", "several options": the quantifier's noun, or nil when the item names no counted part.
    func quantifiedPart(_ item: String) -> String? {
        let t = item.trimmingWhitespace()
        for q in domain.quantifiers(language).sorted(by: { $0.count > $1.count }) {
            let lower = t.lowercased()
            guard lower.hasPrefix(q.lowercased()) else { continue }
            var rest = String(t.dropFirst(q.count)).trimmingWhitespace()
            if language == .zh, let m = rest.firstMatch("^" + Self.measureZH + "(.+)$") { rest = m }
            if language == .en, rest.lowercased().hasPrefix("of ") { rest = String(rest.dropFirst(3)) }
            // "several options (required)": the part's name only.
            rest = FieldPhraseReader.splitParentheses(rest).0.trimmingWhitespace()
            let words = language == .zh ? (rest.count <= 6 ? 1 : 0) : rest.split(separator: " ").count
            return (1...2).contains(words) && !rest.isEmpty ? rest : nil
        }
        return nil
    }

    /// "每个投票有标题和若干选项": a counted part of a described thing is a child entity linked to it
    /// (an option belongs to its poll, with its text), not a field named after the quantifier.
    mutating func readCountedPart(_ phrase: String, of parent: String, item: String) -> [String]? {
        var named = knownEntity(phrase)
        if named == nil, language == .zh {
            // "选项" → `option`: one record of the counted part, not the plural the translation gives.
            let (id, _) = translator.identifier(phrase)
            let parts = id.split(separator: "_").map(String.init)
            if let last = parts.last, SpecValidator.isIdentifier(id) {
                let name = Identifiers.snake(parts.dropLast() + [Inflection.singulars(of: last).first ?? last])
                if SpecValidator.isIdentifier(name), !Self.keywords.contains(name), !SpecValidator.reservedEntityNames.contains(name) {
                    named = addUnknownEntity(name: name, plural: Identifiers.snake(parts.dropLast() + [Inflection.plural(of: name.split(separator: "_").last.map(String.init) ?? name)]), label: phrase)
                }
            }
        }
        guard let child = named ?? subjectEntity(phrase, create: true), child != parent else { return nil }
        let ci = ensureEntity(child)
        if entities[ci].fields.isEmpty && !fillFromTemplate(ci, parent: parent) {
            var f = FieldDraft(name: "name", label: language == .zh ? "名称" : "Name", type: .string, typeKnown: true, required: true)
            f.stated = []
            _ = entities[ci].upsert(f)
            assumptions.append(language == .zh ? "“\(item)”：\(entities[ci].label)是单独的记录，有名称（必填），并关联到所属记录"
                                               : "\"\(item)\": \(entities[ci].label) is a record of its own with a name (required), linked to the record it belongs to")
        }
        addRelation(child: child, parent: parent, text: item)
        // A counted part goes with the thing that has it.
        if let k = relations.lastIndex(where: { $0.child == child && $0.parent == parent }), relations[k].onDelete == nil {
            relations[k].onDelete = .cascade
            let p = entities.first { $0.name == parent }?.label ?? parent
            assumptions.append(language == .zh ? "删除\(p)时一并删除它的\(entities[ci].label)"
                                               : "deleting a \(p.lowercased()) deletes its \(entities[ci].label.lowercased()) records")
        }
        return ["entities.\(child).fields.\(parent)_id"]
    }
}

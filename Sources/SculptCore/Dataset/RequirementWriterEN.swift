/// Writes a drawn spec out as an English requirement, in one of the paraphraser's styles.
enum RequirementWriterEN {
    static func write(_ d: RequirementParaphraser.Drawn, _ style: RequirementParaphraser.Style, _ rng: inout SplitMix64) -> String {
        let e = d.spec.entities[0]
        let one = d.entityWord
        let many = plural(one)
        let word = { (f: Field) in d.fieldWords[f.name] ?? f.name }
        var parts: [String] = []
        switch style {
        case .paragraph:
            parts.append(rng.pick(["Build an app to manage \(many).", "I need a small system for \(many).", "A \(one) tracker.", "We want to keep track of \(many)."]))
            let items = e.fields.map { f -> String in
                let c = constraints(f, &rng, terse: false)
                return article(word(f)) + (c.isEmpty ? "" : " (" + c.joined(separator: ", ") + ")")
            }
            parts.append("Each \(one) has " + list(items, "and") + ".")
        case .terse:
            parts.append(cap(many) + " app.")
            let items = e.fields.map { f -> String in
                let c = constraints(f, &rng, terse: true)
                return word(f) + (c.isEmpty ? "" : " (" + c.joined(separator: ", ") + ")")
            }
            parts.append(cap(one) + ": " + items.joined(separator: ", ") + ".")
        case .bullets:
            parts.append(rng.pick(["Requirements for a \(one) manager:", "App: \(many)", "Please build a \(one) list."]))
            parts.append("Each \(one) has:")
            for f in e.fields {
                let c = constraints(f, &rng, terse: rng.chance(0.5))
                parts.append("- " + word(f) + (c.isEmpty ? "" : ": " + c.joined(separator: ", ")))
            }
        case .sentences:
            parts.append(rng.pick(["We need to store \(many).", "The system keeps a list of \(many)."]))
            parts.append("For every \(one) we record " + list(e.fields.map { "the " + word($0) }, "and") + ".")
            for f in e.fields {
                let c = constraints(f, &rng, terse: false)
                if !c.isEmpty { parts.append("The \(word(f)) is " + list(c, "and") + ".") }
            }
        }
        let join = style == .bullets ? "\n" : " "
        var tail: [String] = []
        tail.append(operations(e.operations, one: one, many: many, terse: style == .terse, &rng))
        if !e.searchable.isEmpty {
            let by = list(e.searchable.map { n in word(e.fields.first { $0.name == n }!) }, "and")
            tail.append(rng.pick(["Search \(many) by \(by).", "Allow searching by \(by).", "Users can search by \(by)."]))
        }
        if let a = d.spec.accounts {
            var s = a.identity.type == .email
                ? rng.pick(["Users sign up with an email address and a password, then log in.", "People register with their email and log in."])
                : rng.pick(["Users sign up and log in with a username and password.", "People create an account with a username and a password and log in."])
            if d.passwordStated { s += " Passwords need at least \(a.password.minLength) characters." }
            if d.profileAsked { s += " Signed-in users can view their profile." }
            tail.append(s)
            switch (e.access.read, e.access.write) {
            case (.owner, _): tail.append("Each user only sees and manages their own \(many).")
            case (.signedIn, _): tail.append("Only logged-in users can see or change \(many).")
            case (_, .owner): tail.append("Anyone can browse \(many); only the person who created a \(one) can change it.")
            default: tail.append("Anyone can browse \(many), but adding or changing them needs a login.")
            }
        }
        return (parts + tail).joined(separator: join)
    }

    static func constraints(_ f: Field, _ rng: inout SplitMix64, terse: Bool) -> [String] {
        var c: [String] = []
        if f.required { c.append(terse ? rng.pick(["required", "req"]) : rng.pick(["required", "mandatory", "must be filled in"])) }
        if f.unique { c.append(rng.pick(["unique", "no duplicates"])) }
        if let max = f.maxLength {
            if let min = f.minLength { c.append(rng.pick(["\(min) to \(max) characters", "between \(min) and \(max) characters"])) }
            else { c.append(terse ? "max \(max) chars" : rng.pick(["at most \(max) characters", "up to \(max) characters", "no longer than \(max) characters"])) }
        }
        if let max = f.maximum {
            let min = n(f.minimum ?? 0)
            c.append(rng.pick(["between \(min) and \(n(max))", "from \(min) to \(n(max))", "\(min)-\(n(max))"]))
        } else if f.minimum == 0 {
            c.append(f.type == .integer ? rng.pick(["0 or more", "never negative", "a whole number, not negative"]) : rng.pick(["0 or more", "not negative"]))
        } else if f.exclusiveMinimum == 0 {
            c.append(rng.pick(["positive", "greater than 0", "more than zero"]))
        }
        if let values = f.allowedValues { c.append(rng.pick(["one of ", "either "]) + list(values, "or")) }
        switch f.defaultValue {
        case .string(let s)?: c.append(rng.pick(["defaults to \(s)", "starts as \(s)", "\(s) by default"]))
        case .bool(let b)?: c.append(b ? rng.pick(["yes by default", "on by default"]) : rng.pick(["no by default", "off by default"]))
        default: break
        }
        return c
    }

    static func operations(_ ops: [EntityOperation], one: String, many: String, terse: Bool, _ rng: inout SplitMix64) -> String {
        switch Set(ops) {
        case Set(EntityOperation.allCases):
            return terse ? rng.pick(["CRUD.", "Full CRUD."]) : rng.pick(["Support creating, listing, viewing, updating and deleting \(many).",
                                                                        "Users can add, list, view, edit and delete \(many)."])
        case [.create, .list, .get, .update]: return "\(cap(many)) can be added, listed, viewed and edited, but never deleted."
        case [.create, .list, .get]: return "People can add \(many), see the list and open one; \(many) cannot be edited or deleted."
        case [.create, .list]: return "People can only add \(many) and see the list of them."
        default: return "\(cap(many)) can be added, listed, viewed and deleted, but not edited."
        }
    }

    static func plural(_ word: String) -> String {
        guard let last = word.split(separator: " ").last else { return word }
        return String(word.dropLast(last.count)) + Plural.english(String(last))
    }

    static func article(_ w: String) -> String { ("aeiou".contains(w.prefix(1)) ? "an " : "a ") + w }
    static func cap(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
    static func n(_ d: Double) -> String { CompactSpec.number(d) }

    static func list(_ items: [String], _ conj: String) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(conj) " + items.last!
    }
}

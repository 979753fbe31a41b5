import Foundation

/// Settles the defaults the requirement left open, records each as an assumption, and builds the spec.
struct SpecAssembler {
    let reading: Reading
    let requirement: String
    var allowPartial = false

    func assemble() throws -> (AppSpec, UnderstandingReport) {
        var reading = self.reading
        let roles = reading.settleDomain()
        let lang = reading.language
        let lexicon = reading.lexicon
        var assumptions = reading.assumptions
        func assume(_ zh: String, _ en: String) { assumptions.append(lang == .zh ? zh : en) }

        let needsAccounts = !roles.isEmpty || reading.register || reading.login || reading.profile || reading.accountsImplied || reading.privateApp
        var entities: [Entity] = []
        // Things only mentioned ("book a class", "each issue belongs to a project") while others are
        // described are not modelled: they are reported, not padded with stock fields.
        let described = reading.entities.contains { !$0.fields.isEmpty }
        var drafts = reading.entities
        if described {
            for d in drafts where d.fields.isEmpty {
                assume("提到了“\(d.label)”但没有说明它的字段，没有为它建表（写出它有哪些字段即可加入）",
                       "\(d.label) is mentioned but no fields were given for it, so it is not stored (list its fields to add it)")
            }
            drafts.removeAll { $0.fields.isEmpty }
        }
        for var d in drafts {
            if d.operations.isEmpty && d.ownedByCreator && reading.createdOnly.contains(d.name) {
                // A record an action leaves (a loan from borrowing) is the action's to make: people read
                // their own; letting them create or edit it would step around the action's rules.
                d.operations = [.list, .get]
                d.read = .owner
                assume("“\(d.label)”由操作生成：用户可以列出和查看自己的\(d.label)，不能直接新增、修改或删除",
                       "\(d.label) records are made by an action: users list and view their own, and cannot create, change or delete them directly")
            } else if d.operations.isEmpty {
                d.operations = Set(EntityOperation.allCases).subtracting(d.forbidden)
                if !d.accessOperations.isSuperset(of: EntityOperation.allCases) {
                    assume("没有说明可以对“\(d.label)”做什么，提供新增、列表、查看、修改和删除",
                           "nothing said what users do with \(d.label); it can be created, listed, viewed, updated and deleted")
                }
            } else {
                d.operations.formUnion(d.accessOperations)
            }
            d.operations.subtract(d.forbidden.subtracting([.create, .list, .get]))
            if !d.forbidden.isEmpty {
                assume("“\(d.label)”不提供：\(d.forbidden.map(\.rawValue).sorted().joined(separator: "、"))",
                       "\(d.label) cannot be: \(d.forbidden.map(\.rawValue).sorted().joined(separator: ", "))")
            }
            if !d.operations.contains(.list) {
                d.operations.formUnion([.list, .get])
                assume("“\(d.label)”可以列表和查看，新增的内容才能被看到", "\(d.label) can be listed and viewed, so what is added can be seen")
            }
            if !d.operations.contains(.create) && !reading.createdOnly.contains(d.name) {
                d.operations.insert(.create)
                assume("“\(d.label)”需要能被新增，才能被查看或修改", "\(d.label) can also be created, so there is something to read or change")
            }
            if d.searchWithoutField {
                let text = d.fields.filter { $0.type == .string || $0.type == .text }.map(\.name)
                d.searchable = Array(text.prefix(2))
                if !d.searchable.isEmpty {
                    assume("搜索没有指定字段，按\(d.searchable.joined(separator: "、"))搜索",
                           "search named no field; it searches \(d.searchable.joined(separator: " and "))")
                }
            }
            if d.authored && d.write == .signedIn {
                d.write = .owner
                assume("“\(d.label)”归作者所有：只有作者本人可以修改或删除", "\(d.label) belongs to its author: only the author may change or delete it")
            }
            if d.ownedByCreator { d.write = d.write.atLeast(.owner) }
            if d.read == .owner { d.write = .owner }
            if reading.privateApp {
                d.read = d.read.atLeast(.signedIn)
                d.write = d.write.atLeast(.signedIn)
            }
            // Fields listed with no word on being required: when some field is marked required, only the
            // marked ones are; otherwise every listed field is, except flags and fields with defaults.
            let anyMarked = d.fields.contains { $0.required == true }
            var fields: [Field] = []
            for f in d.fields {
                let required = f.required ?? (!anyMarked && f.type != .boolean && f.defaultValue == nil)
                var field = f.field(required: required)
                if f.type == .boolean && f.defaultValue == nil && !required { field.defaultValue = .bool(false) }
                fields.append(field)
            }
            if !anyMarked && d.fields.contains(where: { $0.required == nil && $0.type != .boolean && $0.defaultValue == nil }) {
                assume("“\(d.label)”的字段未说明是否必填，视为必填（可选的请写“可选”）",
                       "\(d.label): fields not marked optional are required (write 'optional' to change that)")
            }
            entities.append(Entity(name: d.name, plural: d.plural, label: d.label, fields: fields,
                                   operations: EntityOperation.allCases.filter(d.operations.contains), searchable: d.searchable,
                                   access: Access(read: d.read, write: d.write),
                                   permissions: d.grants.filter { d.operations.contains($0.key) }, actions: d.actions))
        }

        var accounts: Accounts?
        if needsAccounts {
            let identityName = reading.identityHint ?? "username"
            if reading.identityHint == nil {
                assume("账号以用户名标识", "accounts are identified by a username")
            }
            let word = lexicon.field(identityName)
            var identity = reading.accountFields.first { $0.name == identityName }
                ?? FieldDraft(name: identityName, label: word?.label(lang) ?? identityName, type: word?.type ?? .string, typeKnown: true)
            identity.required = true
            identity.unique = true
            if identity.type == .string && identity.minLength == nil && identity.maxLength == nil {
                identity.minLength = 3
                identity.maxLength = 32
                assume("用户名长度为3到32个字符", "usernames are 3 to 32 characters long")
            }
            let pw = reading.accountFields.first { $0.name == "password" }
            var policy = PasswordPolicy(minLength: 8, maxLength: 128, label: lexicon.field("password")?.label(lang) ?? "Password")
            if let m = pw?.minLength { policy.minLength = m } else {
                assume("密码至少8个字符", "passwords are at least 8 characters long")
            }
            if let m = pw?.maxLength { policy.maxLength = m }
            let others = reading.accountFields.filter { !["password", "username", "email"].contains($0.name) || ($0.name != identityName && $0.name != "password") }
            let login = reading.login || reading.accountsImplied || !roles.isEmpty || entities.contains { $0.access.write != .anyone || $0.access.read != .anyone }
            if login && !reading.login { assume("需要登录才能识别作者，因此提供登录", "log in is provided, as some data belongs to signed-in users") }
            if !reading.register { assume("提供注册，用户才能获得账号", "sign-up is provided, so people can get an account") }
            let profile = login
            if profile && !reading.profile { assume("登录后可以查看个人资料（/api/auth/me）", "a signed-in user can read their profile (/api/auth/me)") }
            accounts = Accounts(identity: identity.field(required: true), password: policy,
                                fields: others.map { $0.field(required: $0.required ?? false) }, login: login, profile: profile,
                                roles: roles)
        }

        let title = reading.title ?? entities.first.map { lang == .zh ? "\($0.label)管理" : "\(Identifiers.sentenceCase($0.plural.replacingOccurrences(of: "_", with: " ")))" }
            ?? (lang == .zh ? "用户账号" : "User accounts")
        let spec = AppSpec(name: appName(title: title, entities: entities), title: title, language: lang, requirement: requirement,
                           accounts: accounts, entities: entities, clauses: Self.placingActions(reading.clauses, in: entities))
        var notes = reading.notes
        if entities.isEmpty && accounts == nil {
            if !reading.outOfScope.isEmpty {
                throw UnderstandingError.outOfScope(purpose: reading.outOfScope, understood: [], notUnderstood: reading.notUnderstood, language: lang)
            }
            throw UnderstandingError.nothingToBuild(notUnderstood: reading.notUnderstood, language: lang)
        }
        // Honest scope: a purpose Sculpt does not build, or a requirement mostly not understood.
        let ignored = reading.notUnderstood.reduce(0) { $0 + $1.count }
        let fieldCount = entities.reduce(0) { $0 + $1.fields.count } + reading.accountFields.count
        let mostlyUnread = requirement.count >= 80 && Double(ignored) > 0.6 * Double(requirement.count) && fieldCount < 4
        if !reading.outOfScope.isEmpty || mostlyUnread {
            let understood = entities.map(\.name) + (accounts == nil ? [] : ["accounts"])
            let purpose = reading.outOfScope.isEmpty ? [lang == .zh ? "大部分内容未能理解" : "most of the text"] : reading.outOfScope
            if !allowPartial {
                throw UnderstandingError.outOfScope(purpose: purpose, understood: understood, notUnderstood: reading.notUnderstood, language: lang)
            }
            notes.append(lang == .zh ? "部分需求超出 Sculpt 的范围（\(purpose.joined(separator: "、"))），按 --allow-partial 只生成了能理解的部分"
                                     : "part of the requirement is out of scope (\(purpose.joined(separator: ", "))); --allow-partial built only what was understood")
        }
        let report = UnderstandingReport(assumptions: assumptions, notUnderstood: reading.notUnderstood, notes: notes)
        let problems = SpecValidator.problems(in: spec)
        if !problems.isEmpty { throw UnderstandingError.invalid(problems) }
        return (spec, report)
    }

    /// `blog`, `product_catalog`: from the title's words, the lexicon's app words, or the entities.
    func appName(title: String, entities: [Entity]) -> String {
        var name = ""
        if reading.language == .zh {
            var parts: [String] = []
            let chars = Array(title)
            var i = 0
            let words = reading.lexicon.appWords
            let maxLen = words.keys.map(\.count).max() ?? 1
            var unknown = ""
            while i < chars.count {
                var hit = false
                for len in stride(from: min(maxLen, chars.count - i), through: 1, by: -1) {
                    let piece = String(chars[i..<i + len])
                    if let en = words[piece] ?? reading.index.meanings(of: piece).lazy.compactMap({ m -> String? in
                        if case .entity(let e) = m { return reading.lexicon.entity(e)?.plural }
                        return nil
                    }).first {
                        if !unknown.isEmpty { parts.append(Identifiers.pinyin(unknown)); unknown = "" }
                        if !en.isEmpty { parts.append(en) }
                        i += len
                        hit = true
                        break
                    }
                }
                if !hit {
                    // Particles carry no meaning in a name: "简单的通讯录" is "contacts".
                    if !"的之和与及个一".contains(chars[i]) { unknown.append(chars[i]) } else if !unknown.isEmpty {
                        parts.append(Identifiers.pinyin(unknown)); unknown = ""
                    }
                    i += 1
                }
            }
            if !unknown.isEmpty { parts.append(Identifiers.pinyin(unknown)) }
            name = Identifiers.snake(parts.joined(separator: " "))
        } else {
            let drop: Set<String> = ["a", "an", "the", "simple", "small", "basic", "feature", "system", "app", "application", "website", "service", "tool", "for", "of", "with", "and", "to", "my", "our"]
            let words = title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter { !drop.contains($0) }
            name = Identifiers.snake(Array(words.prefix(4)))
        }
        if reading.title == nil || !SpecValidator.isIdentifier(name) {
            name = entities.first?.plural ?? "accounts"
        }
        return name
    }

    /// A clause read before its action was settled on an entity cites `actions.<verb>`; once the
    /// entity is known it cites `entities.<entity>.actions.<verb>`, the path tests and checks use.
    static func placingActions(_ clauses: [Clause], in entities: [Entity]) -> [Clause] {
        clauses.map { c in
            Clause(text: c.text, refs: c.refs.map { ref in
                guard ref.hasPrefix("actions.") else { return ref }
                let verb = String(ref.dropFirst("actions.".count))
                guard let e = entities.first(where: { $0.action(named: verb) != nil }) else { return ref }
                return "entities.\(e.name).\(ref)"
            })
        }
    }
}

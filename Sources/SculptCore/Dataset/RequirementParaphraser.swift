import Foundation

/// Composes requirements with known meaning from the lexicon: for each kind of thing it knows (a
/// post, a product, a patient...), specs with its usual fields plus a few others and stated
/// constraints, operations, search and access, each written out in Chinese or English in one of
/// several styles (a flowing paragraph, terse notes, a bullet list, one sentence per constraint)
/// with the lexicon's synonyms for every word.
///
/// The spec is built first and the text is written from it, so the label is right by
/// construction; the pair is still validated and sampled through `sculpt check` like any other.
/// Deterministic for a given seed.
public struct RequirementParaphraser: Sendable {
    public let lexicon: Lexicon
    public var variantsPerEntity: Int
    public var seed: UInt64

    public init(lexicon: Lexicon, variantsPerEntity: Int = 3, seed: UInt64 = 14) {
        self.lexicon = lexicon
        self.variantsPerEntity = variantsPerEntity
        self.seed = seed
    }

    public enum Style: String, CaseIterable, Sendable { case paragraph, terse, bullets, sentences }

    public func pairs() -> [LabelledRequirement] {
        var rng = SplitMix64(seed: seed)
        var out: [LabelledRequirement] = []
        for entity in lexicon.entities {
            for language in Language.allCases where !entity[language].isEmpty {
                for v in 0..<variantsPerEntity {
                    let style = Style.allCases[(v + (language == .zh ? 1 : 0) + out.count) % Style.allCases.count]
                    if let pair = compose(entity, language, style, &rng, id: "para_\(entity.name)_\(language.rawValue)_\(v)") {
                        out.append(pair)
                    }
                }
            }
        }
        return out
    }

    // MARK: the spec

    struct Drawn {
        var entityWord: String
        var fieldWords: [String: String]
        var spec: AppSpec
        var profileAsked: Bool
        var passwordStated: Bool
    }

    func compose(_ e: Lexicon.EntityWord, _ lang: Language, _ style: Style, _ rng: inout SplitMix64, id: String) -> LabelledRequirement? {
        let entityWord = rng.pick(e[lang])
        var fields: [Field] = []
        var words: [String: String] = [:]
        var names = Set<String>()
        var candidates = e.defaultFields.compactMap { lexicon.field($0) }
        let extras = lexicon.fields.filter { !$0[lang].isEmpty && !SpecValidator.reservedFieldNames.contains($0.name) }
        for _ in 0..<rng.int(0...2) { candidates.append(rng.pick(extras)) }
        for w in candidates where !names.contains(w.name) && !w[lang].isEmpty {
            let word = rng.pick(w[lang])
            guard !words.values.contains(word) else { continue }
            names.insert(w.name)
            words[w.name] = word
            fields.append(constrained(Field(name: w.name, label: Self.label(word, lang), type: w.type), &rng))
        }
        if !names.contains("status"), rng.chance(0.25) {
            let sets = lang == .zh ? [["待处理", "已处理"], ["草稿", "已发布", "已归档"], ["待审核", "已通过", "已拒绝"]]
                                   : [["open", "closed"], ["draft", "published", "archived"], ["pending", "approved", "rejected"]]
            let values = rng.pick(sets)
            var f = Field(name: "status", label: lang == .zh ? "状态" : "Status", type: .enumeration, allowedValues: values)
            if rng.chance(0.5) { f.defaultValue = .string(values[0]) }
            words["status"] = lang == .zh ? "状态" : "status"
            fields.append(f)
        }
        guard !fields.isEmpty else { return nil }

        let opsChoice = rng.weighted([0.55, 0.15, 0.1, 0.1, 0.1])
        let operations: [EntityOperation] = [
            EntityOperation.allCases, [.create, .list, .get, .update], [.create, .list, .get], [.create, .list], [.create, .list, .get, .delete],
        ][opsChoice]
        let textual = fields.filter { $0.type == .string || $0.type == .text }
        var searchable: [String] = []
        if !textual.isEmpty, rng.chance(0.4) {
            searchable = [rng.pick(textual).name]
            if textual.count > 1, rng.chance(0.3), let other = textual.first(where: { $0.name != searchable[0] }) { searchable.append(other.name) }
        }
        var accounts: Accounts?
        var access = Access.open
        var profile = false
        var passwordStated = false
        if rng.chance(0.3) {
            let byEmail = rng.chance(0.3)
            let identity = byEmail
                ? Field(name: "email", label: lang == .zh ? "邮箱" : "Email", type: .email, required: true, unique: true)
                : Field(name: "username", label: lang == .zh ? "用户名" : "Username", type: .string, required: true, unique: true)
            var policy = PasswordPolicy(label: lang == .zh ? "密码" : "Password")
            if rng.chance(0.4) { policy.minLength = rng.pick([6, 8, 10]); passwordStated = true }
            profile = rng.chance(0.3)
            accounts = Accounts(identity: identity, password: policy, login: true, profile: profile)
            access = rng.pick([Access(read: .anyone, write: e.authored ? .owner : .signedIn), Access(read: .anyone, write: .signedIn),
                               Access(read: .owner, write: .owner), Access(read: .signedIn, write: .signedIn)])
        }
        let entityLabel = Self.label(entityWord, lang)
        let entity = Entity(name: e.name, plural: e.plural, label: entityLabel, fields: fields, operations: operations,
                            searchable: searchable, access: access)
        let spec = AppSpec(name: e.plural, title: lang == .zh ? entityLabel + "管理" : entityLabel + " manager", language: lang,
                           accounts: accounts, entities: [entity])
        let drawn = Drawn(entityWord: entityWord, fieldWords: words, spec: spec, profileAsked: profile, passwordStated: passwordStated)
        let text = lang == .zh ? RequirementWriterZH.write(drawn, style, &rng) : RequirementWriterEN.write(drawn, style, &rng)
        var labelled = spec
        labelled.requirement = text
        return LabelledRequirement(id: id, requirement: text, spec: labelled, domain: e.name, source: .paraphrase)
    }

    static func label(_ word: String, _ lang: Language) -> String {
        lang == .zh ? word : word.prefix(1).uppercased() + word.dropFirst()
    }

    /// Constraints a requirement might state for a field of this type.
    func constrained(_ field: Field, _ rng: inout SplitMix64) -> Field {
        var f = field
        switch f.type {
        case .string:
            f.required = rng.chance(0.5)
            f.unique = f.required && rng.chance(0.2)
            if rng.chance(0.25) {
                f.maxLength = rng.pick([20, 32, 50, 100, 200])
                if rng.chance(0.3) { f.minLength = rng.pick([2, 3, 5]) }
            }
        case .text:
            f.required = rng.chance(0.4)
            if rng.chance(0.15) { f.maxLength = rng.pick([500, 1000, 2000]) }
        case .email:
            f.required = rng.chance(0.5)
            f.unique = rng.chance(0.3)
        case .integer:
            f.required = rng.chance(0.4)
            switch rng.weighted([0.4, 0.4, 0.2]) {
            case 1: f.minimum = 0
            case 2: f.minimum = Double(rng.pick([0, 1])); f.maximum = Double(rng.pick([5, 10, 100, 1000]))
            default: break
            }
        case .number:
            f.required = rng.chance(0.4)
            switch rng.weighted([0.45, 0.35, 0.2]) {
            case 1: f.exclusiveMinimum = 0
            case 2: f.minimum = 0
            default: break
            }
        case .boolean:
            if rng.chance(0.4) { f.defaultValue = .bool(rng.chance(0.5)) }
        case .date, .datetime:
            f.required = rng.chance(0.4)
        case .enumeration:
            break
        }
        return f
    }
}

extension Lexicon.EntityWord {
    subscript(_ lang: Language) -> [String] { lang == .zh ? zh : en }
}

extension Lexicon.FieldWord {
    subscript(_ lang: Language) -> [String] { lang == .zh ? zh : en }
}

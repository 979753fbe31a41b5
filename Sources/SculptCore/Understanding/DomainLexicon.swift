import Foundation

/// The words of contract v2 (`Resources/Lexicon/domain.json`): roles people hold, verbs that act on
/// one record (借书, like, approve), and the things that are parts of their parent (comments, items).
///
/// Kept as data beside the lexicon so a new role or verb is a word-list edit, not a code change.
struct DomainLexicon: Decodable, Sendable {
    struct RoleWord: Decodable, Sendable, Equatable {
        var name: String
        var label: Lexicon.Localized
        /// A role by its very name (admin, manager); otherwise (teacher, staff) it is a role only when
        /// the requirement gives it rights other users lack.
        var privileged: Bool
        var zh: [String]
        var en: [String]
    }

    struct ActionWord: Decodable, Sendable, Equatable {
        var name: String
        var label: Lexicon.Localized
        var zh: [String]
        var en: [String]
        /// Also a standard operation's word (cancel = delete): an action only when the requirement gives it a rule.
        var crud: Bool?
        /// Taking part (enroll, join, vote): with no rule stated it is still once per user and leaves a
        /// record of who took part, an entity of this name ("enrollment") linked to the record and the caller.
        var participation: RecordName?
        /// The state the verb leaves a record in ("cancelled"), set when an enum field holds it and
        /// the requirement states no effect.
        var state: Lexicon.Words?
        /// The verbs this one undoes (return undoes borrow or rent): named in the note when it is left unbuilt.
        var inverse: [String]?
    }

    /// The entity a participation verb leaves: `enrollment`, "报名记录".
    struct RecordName: Decodable, Sendable, Equatable {
        var name: String
        var plural: String
        var label: Lexicon.Localized
    }

    /// A record people make about another record (a comment on a post, an order for a product): when
    /// the requirement names it without fields, these are the obvious ones.
    struct RecordTemplate: Decodable, Sendable, Equatable {
        struct FieldTemplate: Decodable, Sendable, Equatable {
            var name: String
            var label: Lexicon.Localized
            var type: FieldType
            var required: Bool
            var minimum: Double?
            var maximum: Double?
            var values: Lexicon.Words?
            /// Index into `values` of the default value.
            var defaultIndex: Int?
        }
        var entities: [String]
        var fields: [FieldTemplate]
        /// A record only its maker and the roles that run the app see (an order, a booking), not a public one (a comment).
        var `private`: Bool?
    }

    var roles: [RoleWord]
    var actions: [ActionWord]
    /// Entities that are parts of their parent: deleting the parent deletes them unless the requirement says otherwise.
    var parts: [String]
    var records: [RecordTemplate]
    /// Words that count several of a thing ("若干", "several"): never part of a name.
    var quantifiers: Lexicon.Words
    /// Each language's role terms as lower-cased characters, made on first use.
    private var roleTermCache = Locked<[Language: [(RoleWord, [Character])]]>([:])

    private enum CodingKeys: String, CodingKey { case roles, actions, parts, records, quantifiers }

    /// The template for a record about another record, by entity name or lexicon name.
    func record(_ names: [String?]) -> RecordTemplate? {
        records.first { t in names.contains { n in n.map(t.entities.contains) ?? false } }
    }

    static func shipped() throws -> DomainLexicon { try loaded.get() }

    /// Loaded once per process, at first use or by `RequirementParser.prepare()`; others wait for it.
    private static let loaded = Result<DomainLexicon, any Error> {
        let data = try Resources.data("Lexicon/domain.json")
        do {
            return try DomainLexicon(json: ResourceJSONField(ResourceJSON.parse(data), path: "domain"))
        } catch {
            throw GenerationError.unsupported("the shipped domain lexicon is damaged: \(error)")
        }
    }

    /// The roles named in a text ("管理员", "HR admins"), in order, the longest term at each place.
    func roles(in text: String, language: Language) -> [(word: RoleWord, start: Int, length: Int)] {
        let chars = Array(text.lowercased())
        // Only terms whose first character the text has are searched (most are not there).
        let present = Set(chars)
        var found: [(word: RoleWord, start: Int, length: Int)] = []
        for (r, term) in roleTerms(language) where term.first.map(present.contains) ?? true {
            for at in Self.occurrences(of: term, in: chars) {
                if term.first?.isASCII == true {
                    let before: Character = at == 0 ? " " : chars[at - 1]
                    let after: Character = at + term.count >= chars.count ? " " : chars[at + term.count]
                    if before.isLetter || after.isLetter { continue }
                }
                found.append((r, at, term.count))
            }
        }
        // Longest first at each place, then no overlaps ("图书管理员" is a librarian, not an admin).
        found.sort { $0.start != $1.start ? $0.start < $1.start : $0.length > $1.length }
        var out: [(word: RoleWord, start: Int, length: Int)] = []
        for f in found where out.last.map({ f.start >= $0.start + $0.length }) ?? true { out.append(f) }
        return out
    }

    /// Each role's terms as characters, for a language (zh also matches English terms: "HR").
    func roleTerms(_ language: Language) -> [(RoleWord, [Character])] {
        if let t = roleTermCache.value[language] { return t }
        let t = roles.flatMap { r in (language == .zh ? r.zh + r.en : r.en).map { (r, Array($0.lowercased())) } }
        roleTermCache.mutate { $0[language] = t }
        return t
    }

    /// Where `term` starts in `chars` (plain search: clauses are short).
    static func occurrences(of term: [Character], in chars: [Character]) -> [Int] {
        guard !term.isEmpty, term.count <= chars.count, let first = term.first else { return [] }
        var out: [Int] = []
        var i = 0
        while i <= chars.count - term.count {
            if chars[i] == first {
                var k = 1
                while k < term.count && chars[i + k] == term[k] { k += 1 }
                if k == term.count { out.append(i) }
            }
            i += 1
        }
        return out
    }
}

/// Reading the shipped domain words without `JSONDecoder` (see `ResourceJSON`), as strictly as the
/// `Decodable` conformance, which `ResourceJSONTests` holds it to.
extension DomainLexicon {
    init(json j: ResourceJSONField) throws {
        roles = try j["roles"].map(RoleWord.init(json:))
        actions = try j["actions"].map(ActionWord.init(json:))
        parts = try j["parts"].strings()
        records = try j["records"].map(RecordTemplate.init(json:))
        quantifiers = try Lexicon.Words(json: j["quantifiers"])
    }
}

extension DomainLexicon.RoleWord {
    init(json j: ResourceJSONField) throws {
        name = try j["name"].string()
        label = try Lexicon.Localized(json: j["label"])
        privileged = try j["privileged"].bool()
        zh = try j["zh"].strings()
        en = try j["en"].strings()
    }
}

extension DomainLexicon.ActionWord {
    init(json j: ResourceJSONField) throws {
        name = try j["name"].string()
        label = try Lexicon.Localized(json: j["label"])
        zh = try j["zh"].strings()
        en = try j["en"].strings()
        crud = try j["crud"].optional { try $0.bool() }
        participation = try j["participation"].optional(DomainLexicon.RecordName.init(json:))
        state = try j["state"].optional(Lexicon.Words.init(json:))
        inverse = try j["inverse"].optional { try $0.strings() }
    }
}

extension DomainLexicon.RecordName {
    init(json j: ResourceJSONField) throws {
        name = try j["name"].string()
        plural = try j["plural"].string()
        label = try Lexicon.Localized(json: j["label"])
    }
}

extension DomainLexicon.RecordTemplate {
    init(json j: ResourceJSONField) throws {
        entities = try j["entities"].strings()
        fields = try j["fields"].map(FieldTemplate.init(json:))
        `private` = try j["private"].optional { try $0.bool() }
    }
}

extension DomainLexicon.RecordTemplate.FieldTemplate {
    init(json j: ResourceJSONField) throws {
        name = try j["name"].string()
        label = try Lexicon.Localized(json: j["label"])
        type = try j["type"].raw(FieldType.self)
        required = try j["required"].bool()
        minimum = try j["minimum"].optional { try $0.double() }
        maximum = try j["maximum"].optional { try $0.double() }
        values = try j["values"].optional(Lexicon.Words.init(json:))
        defaultIndex = try j["defaultIndex"].optional { try $0.int() }
    }
}

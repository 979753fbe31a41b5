import Foundation

/// The parser's vocabulary, kept as data (`Resources/Lexicon/lexicon.json`) so that covering a new
/// domain is an edit to a word list, not to code.
public struct Lexicon: Decodable, Sendable {
    public struct Localized: Decodable, Sendable, Equatable {
        public var zh: String
        public var en: String
        public func callAsFunction(_ lang: Language) -> String { lang == .zh ? zh : en }
    }

    /// Words in both languages.
    public struct Words: Decodable, Sendable {
        public var zh: [String]
        public var en: [String]
        public func callAsFunction(_ lang: Language) -> [String] { lang == .zh ? zh : en }
    }

    public struct EntityWord: Decodable, Sendable {
        public var name: String
        public var plural: String
        public var label: Localized
        public var zh: [String]
        public var en: [String]
        public var defaultFields: [String]
        /// Written by a user who then owns it (posts, comments, notes).
        public var authored: Bool
    }

    public struct FieldWord: Decodable, Sendable {
        public var name: String
        public var type: FieldType
        public var label: Localized
        public var zh: [String]
        public var en: [String]
    }

    public struct TypeHint: Decodable, Sendable {
        public var lang: Language
        public var suffix: String?
        public var prefix: String?
        public var type: FieldType
    }

    public var entities: [EntityWord]
    public var fields: [FieldWord]
    public var operations: [String: Words]
    public var accounts: [String: Words]
    public var access: [String: Words]
    public var search: Words
    public var typeHints: [TypeHint]
    public var fillers: Words
    public var appWords: [String: String]
    /// Chinese word parts and their English (a field or entity word may also serve), for naming
    /// nouns the lexicon does not list: 剩余 + 票数 → remaining_tickets.
    public var morphemes: [String: String]?
    /// People who use an app (学生, admins, staff): the subject of a rule, not a thing to store.
    public var actors: Words?
    /// What Sculpt does not build (media processing, model training, games): a requirement whose
    /// purpose is one of these is refused unless the user asks for a partial build.
    public var outOfScope: Words?

    /// The lexicon shipped with Sculpt, loaded once.
    public static func shipped() throws -> Lexicon {
        if let l = cache.value { return l }
        let data = try Resources.data("Lexicon/lexicon.json")
        do {
            let l = try JSONDecoder().decode(Lexicon.self, from: data)
            cache.set(l)
            return l
        } catch {
            throw GenerationError.unsupported("the shipped lexicon is damaged: \(error)")
        }
    }

    private static let cache = Locked<Lexicon?>(nil)

    public func entity(_ name: String) -> EntityWord? { entities.first { $0.name == name } }
    public func field(_ name: String) -> FieldWord? { fields.first { $0.name == name } }
}

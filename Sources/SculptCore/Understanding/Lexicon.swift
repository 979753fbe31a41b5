import Foundation

/// The parser's vocabulary, kept as data (`Resources/Lexicon/lexicon.json`) so that covering a new
/// domain is an edit to a word list, not to code.
public struct Lexicon: Decodable, Sendable, Equatable {
    public struct Localized: Decodable, Sendable, Equatable {
        public var zh: String
        public var en: String
        public func callAsFunction(_ lang: Language) -> String { lang == .zh ? zh : en }
    }

    /// Words in both languages.
    public struct Words: Decodable, Sendable, Equatable {
        public var zh: [String]
        public var en: [String]
        public func callAsFunction(_ lang: Language) -> [String] { lang == .zh ? zh : en }
    }

    public struct EntityWord: Decodable, Sendable, Equatable {
        public var name: String
        public var plural: String
        public var label: Localized
        public var zh: [String]
        public var en: [String]
        public var defaultFields: [String]
        /// Written by a user who then owns it (posts, comments, notes).
        public var authored: Bool
    }

    public struct FieldWord: Decodable, Sendable, Equatable {
        public var name: String
        public var type: FieldType
        public var label: Localized
        public var zh: [String]
        public var en: [String]
    }

    public struct TypeHint: Decodable, Sendable, Equatable {
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
    public static func shipped() throws -> Lexicon { try loaded.get() }

    /// Loaded at first use, once per process: a thread that asks while another loads it waits
    /// (`RequirementParser.prepare()` loads it on a background thread).
    private static let loaded = Result<Lexicon, any Error> {
        let data = try Resources.data("Lexicon/lexicon.json")
        do {
            return try Lexicon(json: ResourceJSONField(ResourceJSON.parse(data), path: "lexicon"))
        } catch {
            throw GenerationError.unsupported("the shipped lexicon is damaged: \(error)")
        }
    }

    public func entity(_ name: String) -> EntityWord? { entities.first { $0.name == name } }
    public func field(_ name: String) -> FieldWord? { fields.first { $0.name == name } }
}

/// Reading the shipped lexicon without `JSONDecoder` (see `ResourceJSON`); the same keys and the
/// same strictness as the `Decodable` conformance, which `ResourceJSONTests` holds it to.
extension Lexicon {
    init(json j: ResourceJSONField) throws {
        entities = try j["entities"].map(EntityWord.init(json:))
        fields = try j["fields"].map(FieldWord.init(json:))
        operations = try j["operations"].object().mapValues(Words.init(json:))
        accounts = try j["accounts"].object().mapValues(Words.init(json:))
        access = try j["access"].object().mapValues(Words.init(json:))
        search = try Words(json: j["search"])
        typeHints = try j["typeHints"].map(TypeHint.init(json:))
        fillers = try Words(json: j["fillers"])
        appWords = try j["appWords"].object().mapValues { try $0.string() }
        morphemes = try j["morphemes"].optional { try $0.object().mapValues { try $0.string() } }
        actors = try j["actors"].optional(Words.init(json:))
        outOfScope = try j["outOfScope"].optional(Words.init(json:))
    }
}

extension Lexicon.Localized {
    init(json j: ResourceJSONField) throws {
        zh = try j["zh"].string()
        en = try j["en"].string()
    }
}

extension Lexicon.Words {
    init(json j: ResourceJSONField) throws {
        zh = try j["zh"].strings()
        en = try j["en"].strings()
    }
}

extension Lexicon.EntityWord {
    init(json j: ResourceJSONField) throws {
        name = try j["name"].string()
        plural = try j["plural"].string()
        label = try Lexicon.Localized(json: j["label"])
        zh = try j["zh"].strings()
        en = try j["en"].strings()
        defaultFields = try j["defaultFields"].strings()
        authored = try j["authored"].bool()
    }
}

extension Lexicon.FieldWord {
    init(json j: ResourceJSONField) throws {
        name = try j["name"].string()
        type = try j["type"].raw(FieldType.self)
        label = try Lexicon.Localized(json: j["label"])
        zh = try j["zh"].strings()
        en = try j["en"].strings()
    }
}

extension Lexicon.TypeHint {
    init(json j: ResourceJSONField) throws {
        lang = try j["lang"].raw(Language.self)
        suffix = try j["suffix"].optional { try $0.string() }
        prefix = try j["prefix"].optional { try $0.string() }
        type = try j["type"].raw(FieldType.self)
    }
}

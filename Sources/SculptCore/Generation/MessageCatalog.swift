import Foundation

/// The words a generated project shows end users, in the requirement's language.
///
/// Kept as data (`Resources/Locales/<lang>/*.json`, one file per area, merged) so adding a language is a
/// translation, not code.
public struct MessageCatalog: Sendable {
    public let language: Language
    public let entries: [String: String]

    public init(_ language: Language) throws {
        self.language = language
        let folder = try Resources.url("Locales/\(language.rawValue)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var merged: [String: String] = [:]
        for file in files {
            // ResourceJSON, not JSONDecoder: decoding is a share of `sculpt new`'s 20 ms.
            guard case .object(let members) = try ResourceJSON.parse(Data(contentsOf: folder.appendingPathComponent(file))) else {
                throw GenerationError.template("Locales/\(language.rawValue)/\(file)", "not a JSON object of strings")
            }
            var entries: [String: String] = [:]
            for member in members {
                guard case .string(let text) = member.value else {
                    throw GenerationError.template("Locales/\(language.rawValue)/\(file)", "\(member.key) is not a string")
                }
                entries[member.key] = text  // a key written twice: the last, as JSONDecoder had it
            }
            merged.merge(entries) { a, _ in a }
        }
        entries = merged
    }

    /// The catalog of `language`, read once per process.
    public static func shipped(_ language: Language) throws -> MessageCatalog {
        if let known = loaded.value[language] { return known }
        let catalog = try MessageCatalog(language)
        loaded.mutate { $0[language] = catalog }
        return catalog
    }

    private static let loaded = Locked<[Language: MessageCatalog]>([:])

    /// The entry for `key` with `{name}` placeholders filled; the key itself when missing, so a gap shows.
    public func text(_ key: String, _ args: [String: String] = [:]) -> String {
        var s = entries[key] ?? key
        for (k, v) in args { s = s.replacingOccurrences(of: "{\(k)}", with: v) }
        return s
    }

    /// Every entry whose key starts with `prefix`, with the prefix removed (for catalogs embedded in generated code).
    public func section(_ prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in entries where k.hasPrefix(prefix) { out[String(k.dropFirst(prefix.count))] = v }
        return out
    }
}

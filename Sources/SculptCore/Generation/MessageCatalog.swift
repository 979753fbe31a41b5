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
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            merged.merge(try JSONDecoder().decode([String: String].self, from: data)) { a, _ in a }
        }
        entries = merged
    }

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

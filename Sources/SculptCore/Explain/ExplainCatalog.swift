import Foundation

/// What Sculpt says about its own code, in one language: for each `sculpt:part` what it does and
/// why, the glossary, and the sentences of the walk-through. Loaded from `Resources/Explain/<lang>/`.
///
/// Keeping the words out of Swift keeps both languages complete side by side, and a test compares
/// their keys so neither falls behind.
public struct ExplainCatalog: Sendable {
    public struct Part: Codable, Equatable, Sendable {
        public var title: String
        public var what: String
        public var why: String
        public var concepts: [String]?
    }

    public struct Term: Codable, Equatable, Sendable {
        public var term: String
        public var definition: String
    }

    /// How a line of someone else's Python code is explained (see `PythonOutline`).
    public struct LineKind: Codable, Equatable, Sendable {
        public var note: String
        public var caution: String?
    }

    public let language: Language
    public let parts: [String: Part]
    public let glossary: [String: Term]
    public let text: [String: String]
    public let lineKinds: [String: LineKind]
    public let findings: [String: String]

    public init(_ language: Language) throws {
        self.language = language
        func load<T: Decodable>(_ name: String, as: T.Type) throws -> T {
            let path = "Explain/\(language.rawValue)/\(name).json"
            do { return try JSONDecoder().decode(T.self, from: try Resources.data(path)) } catch let e as Resources.Missing {
                throw e
            } catch {
                throw ExplainError.catalog("\(path): \(error)")
            }
        }
        parts = try load("parts", as: [String: Part].self)
        glossary = try load("glossary", as: [String: Term].self)
        text = try load("text", as: [String: String].self)
        lineKinds = try load("lines", as: [String: LineKind].self)
        findings = try load("findings", as: [String: String].self)
    }

    /// The catalog entry of a part on a backend: `id@backend` when the backend needs its own words.
    public func part(_ id: String, backend: String) -> Part? {
        parts["\(id)@\(backend)"] ?? parts[id]
    }

    /// A sentence with its `{name}` placeholders filled; the key itself when missing (tests catch that).
    public func say(_ key: String, _ values: [String: String] = [:]) -> String {
        var s = text[key] ?? key
        for (k, v) in values { s = s.replacingOccurrences(of: "{\(k)}", with: v) }
        return s
    }
}

public enum ExplainError: Error, CustomStringConvertible, Equatable {
    case catalog(String)
    case notAProject(String)
    case unreadable(String)

    public var description: String {
        switch self {
        case .catalog(let why): return "explain catalog: \(why)"
        case .notAProject(let why): return why
        case .unreadable(let why): return why
        }
    }
}

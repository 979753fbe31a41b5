import Foundation

/// One rule of Sculpt's own review, described in both languages.
///
/// Rules are data (`Resources/Review/rules.json`) rather than code so the analyzer, the probes, the
/// text report and the SARIF export all share one id, CWE, severity and wording.
public struct ReviewRule: Codable, Sendable, Equatable {
    /// Text in English and Chinese.
    public struct Text: Codable, Sendable, Equatable {
        public var en: String
        public var zh: String

        public func of(_ language: ReviewLanguage) -> String { language == .zh ? zh : en }
    }

    public var id: String
    /// PascalCase name (SARIF `rules[].name`).
    public var name: String
    public var cwe: String?
    public var severity: ReviewSeverity
    /// GitHub's `security-severity` score (0.0-10.0) as text.
    public var securitySeverity: String
    public var short: Text
    public var full: Text
    /// Markdown: what to do, with a code suggestion where one is safe.
    public var help: Text
    /// The per-finding message, `{name}` placeholders filled from the finding's arguments.
    public var message: Text
    /// The message of a finding only a probe made, when it differs from `message`.
    public var probeMessage: Text?
}

/// Every rule, loaded once from Sculpt's resources.
public struct ReviewRuleCatalog: Sendable {
    public let version: String
    public let rules: [ReviewRule]

    private struct File: Decodable {
        var version: String
        var rules: [ReviewRule]
    }

    public init(version: String, rules: [ReviewRule]) {
        self.version = version
        self.rules = rules
    }

    /// The catalog shipped with Sculpt.
    public static func standard() throws -> ReviewRuleCatalog {
        try decode(Resources.data("Review/rules.json"))
    }

    public static func decode(_ data: Data) throws -> ReviewRuleCatalog {
        let file = try JSONDecoder().decode(File.self, from: data)
        return ReviewRuleCatalog(version: file.version, rules: file.rules)
    }

    public func rule(_ id: String) -> ReviewRule? { rules.first { $0.id == id } }
}

import Foundation

/// One thing the review found: which rule, where, and (for a probe) the request and answer that prove it.
public struct ReviewFinding: Codable, Sendable, Equatable {
    /// How the finding was made: reading the code, running it, or both agreeing; `model` findings come
    /// from a language model and are never mixed with proven ones.
    public enum Source: String, Codable, Sendable {
        case `static`
        case probe
        case both
        case model
    }

    /// One exchange with the running app (or a plain observation, such as a listening address).
    public struct Evidence: Codable, Sendable, Equatable {
        public struct Request: Codable, Sendable, Equatable {
            public var method: String
            public var path: String
            public var contentType: String?
            public var body: String?
        }

        public struct Response: Codable, Sendable, Equatable {
            public var status: Int
            public var contentType: String?
            public var body: String?
            public var error: String?
        }

        public var request: Request?
        public var response: Response?
        public var note: String?
    }

    public var rule: String
    public var severity: ReviewSeverity
    public var source: Source
    /// Path relative to the reviewed folder (nil when no line of code can be named).
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var snippet: String?
    public var args: [String: String]
    public var evidence: [Evidence]
    /// The message in the report's language, filled in when the report is made.
    public var message: String

    public init(rule: String, severity: ReviewSeverity, source: Source, file: String?, line: Int?, column: Int?,
                snippet: String?, args: [String: String], evidence: [Evidence], message: String = "") {
        self.rule = rule
        self.severity = severity
        self.source = source
        self.file = file
        self.line = line
        self.column = column
        self.snippet = snippet
        self.args = args
        self.evidence = evidence
        self.message = message
    }

    /// The rule's message with `{name}` placeholders replaced by this finding's arguments.
    public static func fill(_ template: String, _ args: [String: String]) -> String {
        var out = template
        for (k, v) in args { out = out.replacingOccurrences(of: "{\(k)}", with: v) }
        // A placeholder the script left without a value reads as "…", never as "{name}".
        return out.replacingOccurrences(of: #"\{[A-Za-z]+\}"#, with: "…", options: .regularExpression)
    }
}

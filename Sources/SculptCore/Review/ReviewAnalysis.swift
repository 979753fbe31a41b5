import Foundation

/// What Sculpt's review scripts write (`analyze.py` and `probe.py`), decoded.
///
/// The scripts run sandboxed and speak JSON; this is the one place their output is read, so a
/// change in a script breaks a decoding test rather than a report.
public struct ReviewAnalysis: Decodable, Sendable {
    /// A finding as a script reports it: rule, place, arguments and evidence, without wording.
    public struct RawFinding: Decodable, Sendable {
        public var rule: String
        public var file: String?
        public var line: Int?
        public var column: Int?
        public var snippet: String?
        public var args: [String: String]
        public var evidence: [ReviewFinding.Evidence]?
        public var source: String?
    }

    public struct App: Decodable, Sendable {
        public var kind: String
        public var file: String
        public var module: String
        public var name: String?
        public var factory: String?
        public var line: Int
    }

    public struct Route: Decodable, Sendable {
        public var path: String
        public var methods: [String]
        public var function: String
        public var file: String
        public var line: Int
    }

    public struct ParseError: Decodable, Sendable {
        public var file: String
        public var line: Int
        public var message: String
    }

    public struct Facts: Decodable, Sendable {
        public var framework: String?
        public var apps: [App]
        public var routes: [Route]
        public var sqlalchemy: Bool
        public var imports: [String]
        public var language: String
        public var files: [String]
        public var parseErrors: [ParseError]
    }

    public var facts: Facts
    public var findings: [RawFinding]
}

/// What `probe.py run` writes.
public struct ReviewProbeOutput: Decodable, Sendable {
    public struct SeenRoute: Decodable, Sendable {
        public var path: String
        public var method: String
        public var fields: [String]
    }

    public var findings: [ReviewAnalysis.RawFinding]
    public var routes: [SeenRoute]
    public var notes: [String]
    public var timings: [String: Double]?
    /// Why the app could not be started (nil when it ran): set-up, import or listening failed.
    public var startProblem: String?
}

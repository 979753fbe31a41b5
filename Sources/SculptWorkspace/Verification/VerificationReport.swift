import Foundation

/// What one verification proved: `verification.json` in the project, and `sculpt check --json`.
///
/// It is written for machines and people alike: the steps in order with their times, every contract
/// check with the spec refs it proves, the requirement's clauses each mapped to the checks behind
/// them ("clause → check → result"), and, when something failed, the first failure with its request,
/// response and the server's log tail, so the report alone is enough to start fixing.
public struct VerificationReport: Codable, Sendable {
    public static let formatVersion = 1

    public var version = VerificationReport.formatVersion
    public var generator: String
    public var project: String
    public var passed: Bool
    public var startedAt: String
    public var seconds: Double
    public var sandbox: SandboxSummary
    public var steps: [Step]
    public var checks: [Check]
    public var clauses: [ClauseResult]
    public var failure: Failure?

    public enum Status: String, Codable, Sendable {
        case passed, failed, skipped
    }

    public struct SandboxSummary: Codable, Sendable {
        public var kind: Sandbox.Kind
        public var note: String
        public var network: String
        public var writable: [String]
        public var limits: Sandbox.Limits
        public var wallSeconds: Double
    }

    public struct Step: Codable, Sendable {
        public var name: String
        public var status: Status
        public var seconds: Double
        public var detail: String
    }

    public struct Request: Codable, Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]?
        public var body: String?
    }

    public struct Response: Codable, Sendable {
        public var status: Int
        public var body: String?
        public var contentType: String?
        public var error: String?
    }

    /// One contract check: what it sent, what it proves (`refs`), and how it went.
    public struct Check: Codable, Sendable {
        public var id: String
        public var title: String
        public var refs: [String]
        /// The requirement clauses whose refs this check proves.
        public var clauses: [String]?
        public var status: Status
        public var message: String?
        public var request: Request?
        public var response: Response?
        public var seconds: Double?
    }

    /// A clause of the requirement, with the checks that prove it; `unchecked` when none does.
    public struct ClauseResult: Codable, Sendable {
        public var text: String
        public var refs: [String]
        public var checks: [String]
        public var status: String
    }

    /// The first thing that went wrong, with everything needed to see why.
    public struct Failure: Codable, Sendable {
        public var step: String
        public var check: String?
        public var message: String
        public var request: Request?
        public var response: Response?
        public var logTail: String?
    }

    public var failedChecks: [Check] { checks.filter { $0.status == .failed } }

    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { $0 + Data("\n".utf8) } ?? Data()
    }
}

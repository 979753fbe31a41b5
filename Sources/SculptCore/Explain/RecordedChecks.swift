import Foundation

/// The contract checks recorded in a project's `verification.json`: what each sent, what the live
/// server answered, and which clauses it proves. Read here (not in the workspace) because the
/// walk-through only needs these few fields and the core must not depend on the edges.
public struct RecordedChecks: Decodable, Sendable {
    public struct Message: Decodable, Sendable {
        public var method: String?
        public var path: String?
        public var body: String?
        public var status: Int?
    }

    public struct Check: Decodable, Sendable {
        public var id: String
        public var refs: [String]?
        public var clauses: [String]?
        public var status: String
        public var request: Message?
        public var response: Message?
    }

    public var passed: Bool
    public var checks: [Check]

    public static func decode(_ data: Data) throws -> RecordedChecks {
        do { return try JSONDecoder().decode(RecordedChecks.self, from: data) } catch {
            throw ExplainError.unreadable("verification.json could not be read (\(error)); run `sculpt check` to write it again")
        }
    }

    public func citations(for clause: String) -> [CheckCitation] {
        checks.filter { ($0.clauses ?? []).contains(clause) }.map {
            CheckCitation(id: $0.id, passed: $0.status == "passed", method: $0.request?.method, path: $0.request?.path,
                          requestBody: $0.request?.body, status: $0.response?.status, responseBody: $0.response?.body)
        }
    }
}

/// A failure talking to a model, as one line a user can act on.
///
/// Every message names the setting to change (`--base-url`, `SCULPT_API_KEY`, `--model`, ...), and
/// never contains the API key: text that came from the server is scrubbed before it gets here.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// No connection could be made (refused, unknown host, TLS failure).
        case unreachable
        /// 401/403: the key is missing or refused.
        case unauthorized
        /// 404 naming the model.
        case modelNotFound
        /// 404 for the endpoint itself: the base URL is wrong.
        case endpointNotFound
        /// 429 past the retry budget, or a quota that retrying cannot fix.
        case rateLimited
        /// 5xx past the retry budget, or another status the server explained.
        case server
        /// The prompt does not fit the model's context window.
        case contextTooLong
        /// No answer within the configured time.
        case timeout
        /// A streamed answer that stopped before it finished.
        case brokenStream
        /// A body that is not the chat-completions format.
        case badResponse
        /// The command was interrupted (Ctrl-C).
        case cancelled
        /// Valid answers that never made a valid spec.
        case invalidAnswer
    }

    public let kind: Kind
    public let status: Int?
    public let message: String

    public init(_ kind: Kind, status: Int? = nil, _ message: String) {
        self.kind = kind
        self.status = status
        self.message = message
    }

    public var description: String { message }
}

import Foundation

/// One message of a conversation with the model.
public struct ChatMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case system, user, assistant }
    public var role: Role
    public var content: String
    public init(_ role: Role, _ content: String) {
        self.role = role
        self.content = content
    }
}

/// How the answer must be shaped. `jsonSchema` is enforced by the endpoint (llama-server compiles it
/// to a grammar, OpenAI decodes under it); `jsonObject` only promises JSON, so the caller validates.
public enum ResponseFormat: Sendable, Equatable {
    case text
    case jsonObject
    case jsonSchema(name: String, schema: JSON, strict: Bool)

    var json: JSON? {
        switch self {
        case .text: return nil
        case .jsonObject: return .object([("type", .string("json_object"))])
        case .jsonSchema(let name, let schema, let strict):
            return .object([
                ("type", .string("json_schema")),
                ("json_schema", .object([("name", .string(name)), ("strict", .bool(strict)), ("schema", schema)])),
            ])
        }
    }
}

/// A chat-completions request, in the OpenAI wire format every compatible server accepts.
public struct ChatRequest: Sendable {
    public var messages: [ChatMessage]
    public var temperature: Double?
    public var maxTokens: Int?
    public var responseFormat: ResponseFormat
    public var seed: Int?

    public init(messages: [ChatMessage], temperature: Double? = 0, maxTokens: Int? = nil,
                responseFormat: ResponseFormat = .text, seed: Int? = nil) {
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.responseFormat = responseFormat
        self.seed = seed
    }

    /// The request body for `model`; `stream` adds `stream_options.include_usage` so the last chunk
    /// carries the token counts.
    func body(model: String, stream: Bool) -> JSON {
        var pairs: [(String, JSON)] = [
            ("model", .string(model)),
            ("messages", .array(messages.map { .object([("role", .string($0.role.rawValue)), ("content", .string($0.content))]) })),
        ]
        if let temperature { pairs.append(("temperature", .number(temperature))) }
        if let maxTokens { pairs.append(("max_tokens", .number(Double(maxTokens)))) }
        if let seed { pairs.append(("seed", .number(Double(seed)))) }
        if let rf = responseFormat.json { pairs.append(("response_format", rf)) }
        if stream {
            pairs.append(("stream", .bool(true)))
            pairs.append(("stream_options", .object([("include_usage", .bool(true))])))
        }
        return .object(pairs)
    }
}

/// Tokens spent; servers report them per answer (`usage`), Sculpt adds them up per command.
public struct TokenUsage: Sendable, Equatable {
    public var prompt: Int
    public var completion: Int
    public var total: Int { prompt + completion }
    public init(prompt: Int = 0, completion: Int = 0) {
        self.prompt = prompt
        self.completion = completion
    }

    init?(_ json: JSON?) {
        guard let json, case .object = json else { return nil }
        prompt = Int(json["prompt_tokens"]?.number ?? 0)
        completion = Int(json["completion_tokens"]?.number ?? 0)
    }

    public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
        TokenUsage(prompt: a.prompt + b.prompt, completion: a.completion + b.completion)
    }
}

/// A finished answer.
public struct ChatCompletion: Sendable, Equatable {
    public var content: String
    /// `stop`, `length` (cut at max_tokens), ...; nil when the server did not say.
    public var finishReason: String?
    public var usage: TokenUsage?
    public var model: String?

    public init(content: String, finishReason: String? = nil, usage: TokenUsage? = nil, model: String? = nil) {
        self.content = content
        self.finishReason = finishReason
        self.usage = usage
        self.model = model
    }

    /// Reads a non-streaming response body; unknown fields are ignored.
    static func decode(_ json: JSON) -> ChatCompletion? {
        guard let choice = json["choices"]?.array?.first, let message = choice["message"] else { return nil }
        let content: String
        switch message["content"] {
        case .string(let s)?: content = s
        case .null?, nil: content = ""
        default: return nil
        }
        return ChatCompletion(content: content, finishReason: choice["finish_reason"]?.string,
                              usage: TokenUsage(json["usage"]), model: json["model"]?.string)
    }
}

/// One piece of a streamed answer.
public enum ChatStreamEvent: Sendable, Equatable {
    /// The assistant's role, announced before any text (llama-server's and OpenAI's first chunk).
    case role(String)
    case delta(String)
    case finished(reason: String)
    case usage(TokenUsage)
}

import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// A client for any OpenAI-compatible `/chat/completions` endpoint (OpenAI, DeepSeek, Qwen's
/// compatible mode, Ollama, llama.cpp's llama-server, vLLM).
///
/// It owns the concerns every caller would otherwise repeat: retries with backoff on 429, 5xx and
/// dropped connections; timeouts that also cover a stalled body; structured output that falls back
/// from `json_schema` to `json_object` where an endpoint refuses schemas; token accounting; and
/// errors that name the setting to change. The API key goes into the `Authorization` header and
/// nowhere else: server text is scrubbed of it before it reaches an error or a log line.
public final class ChatClient: Sendable {
    public let configuration: ModelConfiguration
    public let retry: RetryPolicy
    public let meter: UsageMeter
    let log: @Sendable (String) -> Void
    let http: HTTPClient
    /// Set once the endpoint refused `json_schema` (then `json_object`), so later requests go
    /// straight to what works.
    private let structuredLevel = NIOLockedValueBox(0)

    public init(configuration: ModelConfiguration, retry: RetryPolicy? = nil, meter: UsageMeter = UsageMeter(),
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.retry = retry ?? RetryPolicy(maxRetries: configuration.maxRetries)
        self.meter = meter
        let key = configuration.apiKey
        self.log = { line in log(key?.scrub(line) ?? line) }
        self.http = Self.sharedHTTP
    }

    /// One client for the process: redirects are refused so the key is never sent to another host,
    /// and a failed connection fails at once (with its real cause, e.g. "connection refused")
    /// instead of being retried silently until the connect timeout; retries are decided above.
    static let sharedHTTP: HTTPClient = {
        var c = HTTPClient.Configuration()
        c.redirectConfiguration = .disallow
        c.connectionPool.retryConnectionEstablishment = false
        c.timeout = .init(connect: .seconds(10), read: nil)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: c)
    }()

    var endpoint: String { configuration.baseURL + "/chat/completions" }
    var host: String { configuration.baseURL }

    /// Whether answers are constrained by the schema (false once the endpoint refused it).
    public var schemaEnforced: Bool { structuredLevel.withLockedValue { $0 } == 0 }

    // MARK: - Requests

    /// Sends `request` and waits for the whole answer.
    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        try await structured(request) { req in
            try await self.withRetries { _ in try await self.attempt(req) }
        }
    }

    /// Sends `request` and yields the answer as it is generated (server-sent events).
    ///
    /// Retries happen only before the first event: once text has been handed out, a cut is
    /// reported as `brokenStream`, never silently stitched.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await self.structured(request) { req in
                        try await self.withRetries { _ in
                            try await self.streamAttempt(req) { continuation.yield($0) }
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Streams `request` and gathers the events into one completion.
    public func streamedCompletion(_ request: ChatRequest, onText: @Sendable (String) -> Void = { _ in }) async throws -> ChatCompletion {
        var out = ChatCompletion(content: "")
        for try await event in stream(request) {
            switch event {
            case .role: break
            case .delta(let s): out.content += s; onText(s)
            case .finished(let reason): out.finishReason = reason
            case .usage(let u): out.usage = u
            }
        }
        return out
    }

    // MARK: - Structured output fallback

    struct SchemaRefused: Error { let status: Int; let message: String }

    /// Runs `send` with the request's response format, degrading `json_schema` → `json_object` →
    /// plain text (with the schema written into the prompt) when the endpoint refuses it.
    func structured<T>(_ request: ChatRequest, _ send: (ChatRequest) async throws -> T) async throws -> T {
        guard case .jsonSchema(_, let schema, _) = request.responseFormat else { return try await send(request) }
        while true {
            let level = structuredLevel.withLockedValue { $0 }
            var req = request
            if level > 0 {
                req.responseFormat = level == 1 ? .jsonObject : .text
                req.messages.insert(ChatMessage(.system, "Answer with one JSON object, and nothing else, that follows this JSON Schema:\n" + schema.text), at: 0)
            }
            do {
                return try await send(req)
            } catch let refused as SchemaRefused {
                guard level < 2 else {
                    throw ModelError(.server, status: refused.status, "\(host) refused the request (HTTP \(refused.status)): \(refused.message)")
                }
                let what = level == 0 ? "json_schema" : "json_object"
                log("the endpoint refused response_format \(what) (HTTP \(refused.status)); answers will be checked locally instead")
                structuredLevel.withLockedValue { $0 = max($0, level + 1) }
            }
        }
    }

    // MARK: - Retries

    /// What one attempt says about trying again.
    struct Retryable: Error {
        let final: ModelError
        let retryAfter: Double?
        /// A pooled connection the server had already closed: resent at once and not worth a line.
        var stale = false
    }

    func withRetries<T>(_ operation: (Int) async throws -> T) async throws -> T {
        var retryNumber = 0
        while true {
            do {
                return try await operation(retryNumber)
            } catch let r as Retryable {
                retryNumber += 1
                guard retryNumber <= retry.maxRetries else {
                    throw ModelError(r.final.kind, status: r.final.status, budgetMessage(r.final, attempts: retryNumber))
                }
                if r.stale { continue }
                guard let wait = retry.delay(retry: retryNumber, retryAfter: r.retryAfter) else {
                    throw ModelError(r.final.kind, status: r.final.status,
                                     r.final.message + "; the server asks to wait \(Int(r.retryAfter ?? 0)) s, more than the \(Int(retry.maxDelay)) s Sculpt waits: try again later")
                }
                log("\(r.final.message); retrying in \(String(format: "%.1f", wait)) s (retry \(retryNumber) of \(retry.maxRetries))")
                do { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) } catch { throw cancelled() }
            }
        }
    }

    func budgetMessage(_ e: ModelError, attempts: Int) -> String {
        let tail = "after \(attempts) attempts"
        switch e.kind {
        case .rateLimited:
            return "\(e.message) \(tail): wait and run again, or raise \(configuration.change("maxRetries", flag: nil, env: "SCULPT_MODEL_RETRIES"))"
        default:
            return "\(e.message) \(tail): check the server at \(configuration.setting("baseURL")) = \(host)"
        }
    }

    func cancelled() -> ModelError { ModelError(.cancelled, "cancelled while waiting for \(host)") }

    // MARK: - One attempt

    func makeRequest(_ request: ChatRequest, stream: Bool) -> HTTPClientRequest {
        var r = HTTPClientRequest(url: endpoint)
        r.method = .POST
        r.headers.add(name: "Content-Type", value: "application/json")
        r.headers.add(name: "Accept", value: stream ? "text/event-stream" : "application/json")
        r.headers.add(name: "User-Agent", value: "sculpt")
        if let key = configuration.apiKey { r.headers.add(name: "Authorization", value: key.authorization) }
        r.body = .bytes(ByteBuffer(string: request.body(model: configuration.model, stream: stream).text))
        return r
    }

    func attempt(_ request: ChatRequest) async throws -> ChatCompletion {
        let req = makeRequest(request, stream: false)
        return try await guarded(streamed: { false }) { _ in
            let response = try await self.http.execute(req, timeout: .seconds(Int64(self.configuration.timeout.rounded(.up))))
            let body = try await response.body.collect(upTo: 32 << 20)
            guard response.status == .ok else {
                throw self.failure(status: Int(response.status.code), headers: response.headers, body: body, request: request)
            }
            guard let json = JSON.parse(Data(body.readableBytesView)), let completion = ChatCompletion.decode(json) else {
                throw ModelError(.badResponse, status: 200, "\(self.host) answered, but not in the chat-completions format: check \(self.configuration.setting("baseURL")) points at an OpenAI-compatible API (often ending in /v1)")
            }
            await self.meter.record(completion.usage)
            return completion
        }
    }

    func streamAttempt(_ request: ChatRequest, yield: @escaping @Sendable (ChatStreamEvent) -> Void) async throws {
        let req = makeRequest(request, stream: true)
        let yielded = NIOLockedValueBox(false)
        try await guarded(streamed: { yielded.withLockedValue { $0 } }) { liveness in
            let response = try await self.http.execute(req, timeout: .seconds(Int64(self.configuration.timeout.rounded(.up))))
            guard response.status == .ok else {
                let body = try await response.body.collect(upTo: 1 << 20)
                throw self.failure(status: Int(response.status.code), headers: response.headers, body: body, request: request)
            }
            if let type = response.headers.first(name: "Content-Type"), type.contains("application/json") {
                // A server or proxy that ignores `stream`: take its whole answer as one event.
                let body = try await response.body.collect(upTo: 32 << 20)
                guard let json = JSON.parse(Data(body.readableBytesView)), let c = ChatCompletion.decode(json) else {
                    throw ModelError(.badResponse, status: 200, "\(self.host) answered, but not in the chat-completions format: check \(self.configuration.setting("baseURL")) points at an OpenAI-compatible API (often ending in /v1)")
                }
                yield(.role("assistant"))
                if !c.content.isEmpty { yield(.delta(c.content)) }
                if let reason = c.finishReason { yield(.finished(reason: reason)) }
                if let u = c.usage { yield(.usage(u)) }
                await self.meter.record(c.usage)
                return
            }
            var parser = ServerSentEvents()
            var chunks = 0, finished = false, done = false, usage: TokenUsage?
            func handle(_ data: String) throws {
                if data == "[DONE]" { done = true; return }
                guard let json = JSON.parse(data) else {
                    throw ModelError(.brokenStream, "the answer streamed from \(self.host) contains an unreadable chunk after \(chunks) chunks: try again, or check \(self.configuration.setting("baseURL"))")
                }
                if let err = json["error"] {
                    throw ModelError(.server, "\(self.host) reported an error mid-stream: \(self.scrub(err["message"]?.string ?? err.text))")
                }
                chunks += 1
                if let u = TokenUsage(json["usage"]) { usage = u; yield(.usage(u)) }
                guard let choice = json["choices"]?.array?.first else { return }
                let delta = choice["delta"]
                if let role = delta?["role"]?.string { yield(.role(role)) }
                if let text = delta?["content"]?.string, !text.isEmpty { yield(.delta(text)) }
                if let reason = choice["finish_reason"]?.string { finished = true; yield(.finished(reason: reason)) }
                yielded.withLockedValue { $0 = true }
            }
            for try await piece in response.body {
                liveness.tick()
                for data in parser.feed(piece.readableBytesView) {
                    try handle(data)
                    if done { break }
                }
                if done { break }
            }
            if !done, let last = parser.finish() { try handle(last) }
            // Some servers close right after the finishing chunk without `[DONE]`; that answer is whole.
            guard done || finished else {
                if chunks == 0 { throw Retryable(final: ModelError(.unreachable, "\(self.host) closed the stream before sending anything"), retryAfter: nil) }
                throw ModelError(.brokenStream, "the answer streamed from \(self.host) was cut off after \(chunks) chunks (no finish, no [DONE]): try again; if it keeps happening, check the server or proxy at \(self.configuration.setting("baseURL"))")
            }
            await self.meter.record(usage)
        }
    }

    /// Runs one attempt under the idle timeout and turns transport errors into `ModelError`s or
    /// `Retryable`s. `streamed` says whether any event has reached the caller (then nothing is retried).
    func guarded<T: Sendable>(streamed: @escaping @Sendable () -> Bool, _ body: @escaping @Sendable (Liveness) async throws -> T) async throws -> T {
        do {
            return try await withIdleTimeout(configuration.timeout, body)
        } catch let e as ModelError {
            throw e
        } catch let e as Retryable {
            throw e
        } catch let e as SchemaRefused {
            throw e
        } catch is IdleTimeoutExpired {
            throw timeoutError()
        } catch {
            if Task.isCancelled { throw cancelled() }
            if let h = error as? HTTPClientError {
                if h == .deadlineExceeded || h == .readTimeout { throw timeoutError() }
                if h == .cancelled { throw cancelled() }
                if h == .connectTimeout { throw unreachable("no connection within 10 s") }
                if h == .remoteConnectionClosed {
                    if streamed() { throw brokenStream() }
                    throw Retryable(final: ModelError(.unreachable, "\(host) closed the connection without answering"), retryAfter: nil)
                }
            }
            if error is CancellationError { throw cancelled() }
            if let c = error as? ChannelError, c == .ioOnClosedChannel || c == .alreadyClosed, !streamed() {
                // Keep-alive connections that llama-server and others close after a stream.
                throw Retryable(final: ModelError(.unreachable, "\(host) closed the connection"), retryAfter: 0, stale: true)
            }
            let text = String(describing: error)
            if text.contains("onnection refused") || text.contains("NIOConnectionError") || text.contains("connectTimeout")
                || text.contains("DNS") || text.contains("dns") || text.contains("SSL") || text.contains("TLS") {
                throw unreachable(Self.reason(text))
            }
            if streamed() { throw brokenStream() }
            // A reset or EOF mid-request: the connection dropped; worth another try.
            throw Retryable(final: ModelError(.unreachable, "the connection to \(host) dropped (\(Self.reason(text)))"), retryAfter: nil)
        }
    }

    static func reason(_ text: String) -> String {
        if text.contains("onnection refused") { return "connection refused" }
        if text.lowercased().contains("dns") { return "host name not found" }
        if text.contains("SSL") || text.contains("TLS") { return "TLS handshake failed" }
        if text.contains("reset") { return "connection reset" }
        return String(text.prefix(120))
    }

    func unreachable(_ why: String) -> ModelError {
        ModelError(.unreachable, "cannot reach \(host) (\(why)): start the server or set \(configuration.change("baseURL", flag: "--base-url", env: "SCULPT_BASE_URL"))")
    }

    func timeoutError() -> ModelError {
        ModelError(.timeout, "no answer from \(host) within \(Int(configuration.timeout)) s: the model may be overloaded or too slow; raise \(configuration.change("timeout", flag: "--model-timeout", env: "SCULPT_MODEL_TIMEOUT")) or use a smaller --model")
    }

    func brokenStream() -> ModelError {
        ModelError(.brokenStream, "the answer streamed from \(host) was cut off mid-way (the connection closed): try again; if it keeps happening, check the server or proxy at \(configuration.setting("baseURL"))")
    }

    func scrub(_ s: String) -> String { configuration.apiKey?.scrub(s) ?? s }

    // MARK: - Reading failures

    /// The server's own words for an error, on one line, without the key.
    func serverMessage(_ body: ByteBuffer) -> String {
        let data = Data(body.readableBytesView)
        var text: String
        if let json = JSON.parse(data) {
            text = json["error"]?["message"]?.string ?? json["error"]?.string ?? json["message"]?.string ?? json["detail"]?.string ?? json.text
        } else {
            text = String(decoding: data, as: UTF8.self)
        }
        text = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        if text.count > 240 { text = String(text.prefix(240)) + "…" }
        return scrub(text.isEmpty ? "(no message)" : text)
    }

    func failure(status: Int, headers: HTTPHeaders, body: ByteBuffer, request: ChatRequest) -> Error {
        let message = serverMessage(body)
        let lower = String(decoding: Data(body.readableBytesView), as: UTF8.self).lowercased()
        let model = configuration.model
        if status == 401 || status == 403 {
            if configuration.apiKey == nil {
                return ModelError(.unauthorized, status: status, "\(host) wants an API key (HTTP \(status)) and none is set: set SCULPT_API_KEY or OPENAI_API_KEY, or \"apiKey\" in the config file")
            }
            return ModelError(.unauthorized, status: status, "the API key was refused by \(host) (HTTP \(status): \(message)): set \(configuration.change("apiKey", flag: nil, env: "SCULPT_API_KEY")) to a valid key")
        }
        let contextMarkers = ["context_length_exceeded", "context length", "context size", "context window", "maximum context", "too many tokens", "exceed_context", "prompt is too long"]
        if [400, 413, 422, 500].contains(status), contextMarkers.contains(where: lower.contains) {
            return ModelError(.contextTooLong, status: status, "the prompt does not fit the context window of model '\(model)' (HTTP \(status): \(message)): shorten the requirement or choose a model with a longer context via \(configuration.change("model", flag: "--model", env: "SCULPT_MODEL"))")
        }
        if status == 404 {
            if lower.contains("model") {
                return ModelError(.modelNotFound, status: 404, "model '\(model)' is not known at \(host) (\(message)): set \(configuration.change("model", flag: "--model", env: "SCULPT_MODEL")) to a model it serves")
            }
            return ModelError(.endpointNotFound, status: 404, "\(endpoint) does not exist (HTTP 404): set \(configuration.change("baseURL", flag: "--base-url", env: "SCULPT_BASE_URL")) to the API root, usually ending in /v1")
        }
        if request.responseFormat != .text, [400, 422, 500, 501].contains(status),
           ["response_format", "json_schema", "json schema", "schema", "grammar", "structured output"].contains(where: lower.contains) {
            return SchemaRefused(status: status, message: message)
        }
        if status == 429 {
            if lower.contains("insufficient_quota") || lower.contains("quota") && !lower.contains("rate") {
                return ModelError(.rateLimited, status: 429, "the account behind the API key has no quota left at \(host) (\(message)): add credit or set \(configuration.change("apiKey", flag: nil, env: "SCULPT_API_KEY")) to another key")
            }
            return Retryable(final: ModelError(.rateLimited, status: 429, "rate-limited by \(host) (HTTP 429)"),
                             retryAfter: RetryPolicy.parseRetryAfter(headers.first(name: "Retry-After")))
        }
        if RetryPolicy.isRetryable(status: status) {
            return Retryable(final: ModelError(.server, status: status, "\(host) failed with HTTP \(status) (\(message))"),
                             retryAfter: RetryPolicy.parseRetryAfter(headers.first(name: "Retry-After")))
        }
        return ModelError(.server, status: status, "\(host) refused the request (HTTP \(status): \(message)): check \(configuration.setting("model")) = '\(model)' and \(configuration.setting("baseURL"))")
    }
}

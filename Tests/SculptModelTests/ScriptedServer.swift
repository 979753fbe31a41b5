import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A tiny HTTP/1.1 server on 127.0.0.1 that answers from a script, byte for byte.
///
/// It exists for what a real llama-server cannot be made to do on demand: a 429 with
/// `Retry-After`, a 500, a stream cut in the middle, a connection dropped without an answer, a
/// server that never answers. Responses are written as raw bytes in the shapes llama-server sends
/// (status line, headers, chunked event streams), and every request is recorded for inspection.
final class ScriptedServer: Sendable {
    struct Request: Sendable {
        let head: String
        let body: String
        var path: String { String(head.split(separator: " ").dropFirst().first ?? "") }
        func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    enum Action: Sendable {
        /// Writes these bytes, each piece after its delay in milliseconds, then closes (or not).
        case send([(bytes: [UInt8], delayMs: Int)], close: Bool)
        /// Accepts the request and never answers.
        case hang
    }

    typealias Script = @Sendable (Request, Int) -> Action

    let channel: Channel
    let recorded = NIOLockedValueBox<[Request]>([])
    let script: Script

    var port: Int { channel.localAddress?.port ?? 0 }
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }
    var requests: [Request] { recorded.withLockedValue { $0 } }

    init(_ script: @escaping Script) async throws {
        self.script = script
        let box = NIOLockedValueBox<ScriptedServer?>(nil)
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Connection(server: { box.withLockedValue { $0 } }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        box.withLockedValue { $0 = self }
    }

    func stop() async { try? await channel.close() }

    func handle(_ request: Request) -> Action {
        let index = recorded.withLockedValue { $0.append(request); return $0.count - 1 }
        return script(request, index)
    }

    final class Connection: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let server: @Sendable () -> ScriptedServer?
        var buffer: [UInt8] = []
        var answered = false

        init(server: @escaping @Sendable () -> ScriptedServer?) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var b = unwrapInboundIn(data)
            buffer += b.readBytes(length: b.readableBytes) ?? []
            guard !answered, let request = Self.parse(buffer), let server = server() else { return }
            answered = true
            let channel = context.channel
            switch server.handle(request) {
            case .hang: break
            case .send(let pieces, let close):
                var at = 0
                for (i, piece) in pieces.enumerated() {
                    at += piece.delayMs
                    let last = i == pieces.count - 1
                    let bytes = piece.bytes
                    channel.eventLoop.scheduleTask(in: .milliseconds(Int64(at))) {
                        let write = channel.writeAndFlush(ByteBuffer(bytes: bytes))
                        if last && close { write.whenComplete { _ in channel.close(promise: nil) } }
                    }
                }
                if pieces.isEmpty && close { channel.close(promise: nil) }
            }
        }

        /// A whole request (head and Content-Length body), or nil while bytes are missing.
        static func parse(_ bytes: [UInt8]) -> Request? {
            let marker: [UInt8] = Array("\r\n\r\n".utf8)
            guard let end = (0...max(0, bytes.count - 4)).first(where: { bytes.count >= 4 && Array(bytes[$0..<$0 + 4]) == marker }) else { return nil }
            let head = String(decoding: bytes[..<end], as: UTF8.self)
            let probe = Request(head: head, body: "")
            let length = Int(probe.header("Content-Length") ?? "0") ?? 0
            guard bytes.count >= end + 4 + length else { return nil }
            return Request(head: head, body: String(decoding: bytes[(end + 4)..<(end + 4 + length)], as: UTF8.self))
        }
    }
}

/// Raw responses in the shapes llama-server writes.
enum Wire {
    static func response(_ status: Int, _ reason: String, headers: [(String, String)] = [], body: String) -> [UInt8] {
        var s = "HTTP/1.1 \(status) \(reason)\r\nServer: llama.cpp\r\nContent-Type: application/json; charset=utf-8\r\n"
        for (k, v) in headers { s += "\(k): \(v)\r\n" }
        s += "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        return Array(s.utf8)
    }

    static func error(_ status: Int, _ reason: String, type: String, message: String, headers: [(String, String)] = []) -> [UInt8] {
        response(status, reason, headers: headers,
                 body: #"{"error":{"code":\#(status),"message":"\#(message)","type":"\#(type)"}}"#)
    }

    static func completion(_ content: String) -> [UInt8] {
        let escaped = content.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return response(200, "OK", body: #"{"choices":[{"finish_reason":"stop","index":0,"message":{"role":"assistant","content":"\#(escaped)"}}],"created":1,"model":"tiny","system_fingerprint":"b1","object":"chat.completion","usage":{"completion_tokens":5,"prompt_tokens":7,"total_tokens":12},"id":"chatcmpl-1","timings":{"prompt_n":7,"predicted_n":5}}"#)
    }

    /// llama-server's head, except `Connection: close` for `Keep-Alive`: the scripted server
    /// closes every connection, and says so, so a client never reuses one it is about to lose.
    static let streamHead = Array("HTTP/1.1 200 OK\r\nServer: llama.cpp\r\nAccess-Control-Allow-Origin: \r\nX-Accel-Buffering: no\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".utf8)

    /// One HTTP chunk holding server-sent events (llama-server packs several into one chunk).
    static func event(_ data: String...) -> [UInt8] {
        let payload = data.map { "data: \($0)\n\n" }.joined()
        return Array((String(payload.utf8.count, radix: 16) + "\r\n" + payload + "\r\n").utf8)
    }

    static let endOfChunks = Array("0\r\n\r\n".utf8)

    /// The chunks llama-server sends for "Hello": role first, text, finish, usage with timings, [DONE].
    static func streamEvents(_ pieces: [String]) -> [String] {
        var events = [#"{"choices":[{"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}}],"created":1,"id":"c","model":"tiny","object":"chat.completion.chunk"}"#]
        for p in pieces {
            events.append(#"{"choices":[{"finish_reason":null,"index":0,"delta":{"content":"\#(p)"}}],"created":1,"id":"c","model":"tiny","system_fingerprint":"b1","object":"chat.completion.chunk"}"#)
        }
        events.append(#"{"choices":[{"finish_reason":"stop","index":0,"delta":{}}],"created":1,"id":"c","model":"tiny","object":"chat.completion.chunk","timings":{"prompt_n":3,"predicted_n":2}}"#)
        events.append(#"{"choices":[],"created":1,"id":"c","model":"tiny","system_fingerprint":"b1-0c1e570","object":"chat.completion.chunk","usage":{"completion_tokens":2,"prompt_tokens":3,"total_tokens":5,"prompt_tokens_details":{"cached_tokens":0}},"timings":{"cache_n":0,"prompt_n":3,"predicted_n":2}}"#)
        events.append("[DONE]")
        return events
    }
}

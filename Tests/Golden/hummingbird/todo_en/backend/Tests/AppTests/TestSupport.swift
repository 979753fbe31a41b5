import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import App

/// A fresh application for one test: an in-memory database, a fixed signing key and a cheap bcrypt
/// cost (the server uses 12), the page from ../frontend.
func makeApp() throws -> some ApplicationProtocol {
    let configuration = AppConfiguration(databasePath: nil, secretKey: Array("tests-only-secret".utf8), bcryptCost: 4)
    var logger = Logger(label: "tests")
    logger.logLevel = .warning
    return Application(router: try buildRouter(configuration, logger: logger), logger: logger)
}

/// One answer of the API: the status and the JSON object it carried.
struct Answer {
    var status: HTTPResponse.Status
    var json: [String: Any]
    var text: String
    var headers: HTTPFields

    /// The contract's error body: `error.code`, `error.message`, `error.field`.
    var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
    var errorField: String? { error["field"] as? String }
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
}

extension TestClientProtocol {
    /// Sends `body` as JSON (or `raw` text with `contentType`), with a bearer `token` when given.
    func call(_ method: HTTPRequest.Method, _ uri: String, body: [String: Any]? = nil, raw: String? = nil,
              contentType: String = "application/json", token: String? = nil) async throws -> Answer {
        var headers: HTTPFields = [.accept: "application/json"]
        var buffer: ByteBuffer? = nil
        if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            headers[.contentType] = "application/json"
        } else if let raw {
            buffer = ByteBuffer(string: raw)
            headers[.contentType] = contentType
        }
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: buffer) { response in
            let text = String(buffer: response.body)
            let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            return Answer(status: response.status, json: json, text: text, headers: response.headers)
        }
    }
}

/// Text of `base` made to fit `min`...`max` characters.
func fit(_ base: String, min: Int, max: Int) -> String {
    var s = base
    while s.count < min { s += "x" }
    return String(s.prefix(max))
}

/// A number that differs per call, so values of unique fields never collide.
func next() -> Int {
    counter.increment()
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

let counter = Counter()

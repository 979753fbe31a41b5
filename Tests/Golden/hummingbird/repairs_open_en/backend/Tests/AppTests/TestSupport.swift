import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import App

// sculpt:part test-fixtures
/// A fresh application for one test: an in-memory database, a fixed signing key and a cheap bcrypt
/// cost (the server uses 12), the page from ../frontend.
func makeApp() throws -> some ApplicationProtocol {
    let configuration = AppConfiguration(databasePath: nil, secretKey: Array("tests-only-secret".utf8), bcryptCost: 4)
    var logger = Logger(label: "tests")
    logger.logLevel = .warning
    return Application(router: try buildRouter(configuration, logger: logger), logger: logger)
}

// sculpt:part test-helpers
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
            buffer = ByteBuffer(string: jsonText(body))
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

/// A JSON number written as given: 2**64 fits no Swift integer.
struct RawJSON {
    let text: String
}

/// The JSON text of a body value. Unlike JSONSerialization, a Double keeps its fraction (`1.0`) and
/// `RawJSON` is written as it is, so a test sends exactly the edge value it names.
func jsonText(_ value: Any?) -> String {
    switch value {
    case nil, is NSNull: return "null"
    case let raw as RawJSON: return raw.text
    case let flag as Bool: return flag ? "true" : "false"
    case let integer as Int: return String(integer)
    case let double as Double: return "\(double)"
    case let text as String: return quoted(text)
    case let list as [Any]: return "[" + list.map { jsonText($0) }.joined(separator: ", ") + "]"
    case let object as [String: Any]:
        return "{" + object.keys.sorted().map { quoted($0) + ": " + jsonText(object[$0]) }.joined(separator: ", ") + "}"
    case let number as NSNumber: return number.stringValue
    default: return quoted("\(value!)")
    }
}

/// A JSON string literal.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Whether two JSON values are equal: numbers by value (1 and 1.0 are one number), text by its characters.
func sameJSON(_ a: Any, _ b: Any) -> Bool {
    if let x = a as? String, let y = b as? String { return x == y }
    if let x = numberValue(a), let y = numberValue(b) { return x == y }
    return jsonText(a) == jsonText(b)
}

func numberValue(_ value: Any) -> Double? {
    if let integer = value as? Int { return Double(integer) }
    if let double = value as? Double { return double }
    if let number = value as? NSNumber { return number.doubleValue }
    return nil
}

/// Each value of `field` (nil leaves it out) is refused with 400 and an error naming the field.
func expectRejected(_ client: some TestClientProtocol, _ uri: String, field: String, values: [Any?], token: String? = nil,
                    body makeBody: () -> [String: Any]) async throws {
    for value in values {
        var body = makeBody()
        body[field] = value
        let answer = try await client.call(.post, uri, body: body, token: token)
        #expect(answer.status == .badRequest, "\(field) = \(String(describing: value)): \(answer.text)")
        #expect(answer.errorField == field, "\(field) = \(String(describing: value)): \(answer.text)")
    }
}

/// Each value of `field` is accepted with 201 and, when `echoes`, comes back as sent.
func expectAccepted(_ client: some TestClientProtocol, _ uri: String, field: String, values: [Any?], echoes: Bool,
                    token: String? = nil, body makeBody: () -> [String: Any]) async throws {
    for value in values {
        var body = makeBody()
        body[field] = value
        let answer = try await client.call(.post, uri, body: body, token: token)
        #expect(answer.status == .created, "\(field) = \(String(describing: value)): \(answer.text)")
        if echoes, let value, let returned = answer.json[field] {
            #expect(sameJSON(returned, value), "\(field) = \(value) came back as \(returned)")
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

/// A record a test made, with the token of whoever made it (nil where anyone may).
struct Created {
    var id: Int
    var token: String?
    var json: [String: Any]
}

/// Holds tasks until `count` have arrived, then lets them all go at once (racing requests).
actor Barrier {
    private let count: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        self.count = count
    }

    func arrive() async {
        if waiting.count + 1 >= count {
            for continuation in waiting { continuation.resume() }
            waiting = []
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

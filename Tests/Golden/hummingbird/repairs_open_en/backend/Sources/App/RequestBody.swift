import Foundation
import Hummingbird
import NIOCore

// sculpt:part read-json
extension Request {
    /// The body as a JSON object: 400 when it is not JSON or not an object, 413 past 1 MB.
    func jsonObject() async throws -> [String: JSONValue] {
        let type = headers[.contentType]?.lowercased() ?? ""
        let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            _ = try? await boundedBody()
            throw APIError(.badRequest, "invalid_body", Messages.text("not_json"))
        }
        let bytes = try await boundedBody()
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes.readableBytesView))
        } catch {
            throw APIError(.badRequest, "invalid_json", Messages.text("invalid_json"))
        }
        guard case .object(let object) = value else {
            throw APIError(.badRequest, "invalid_body", Messages.text("not_object"))
        }
        return object
    }

    // sculpt:part body-limit
    /// The whole body, at most `AppConfiguration.maxBodyBytes`. A larger body is read to its end (up
    /// to a hard cap) and dropped before the 413, so the client is not cut off while still sending.
    func boundedBody() async throws -> ByteBuffer {
        let limit = AppConfiguration.maxBodyBytes
        if let length = headers[.contentLength].flatMap({ Int($0) }), length > 16 * limit {
            throw APIError(.contentTooLarge, "too_large", Messages.text("too_large"))
        }
        var collected = ByteBuffer()
        var seen = 0
        for try await chunk in body {
            seen += chunk.readableBytes
            if seen <= limit {
                var chunk = chunk
                collected.writeBuffer(&chunk)
            } else if seen > 16 * limit {
                break
            }
        }
        if seen > limit {
            throw APIError(.contentTooLarge, "too_large", Messages.text("too_large"))
        }
        return collected
    }
}

extension Request {
    /// The query string's parameters (the last value of each name).
    var queryParameters: [String: String] {
        var out: [String: String] = [:]
        for (key, value) in uri.queryParameters {
            out[String(key)] = String(value)
        }
        return out
    }
}

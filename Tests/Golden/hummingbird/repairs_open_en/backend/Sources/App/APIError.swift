import Foundation
import Hummingbird
import Logging
import NIOCore

// sculpt:part error-shape
/// An error the client can act on. Every error answers one JSON shape:
/// `{"error": {"code": ..., "message": ..., "field": ...}}` (`field` when one field is to blame).
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var field: String?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    static func invalid(_ rule: Rule, _ key: String, code: String = "invalid", _ values: [String: String] = [:]) -> APIError {
        APIError(.badRequest, code, Messages.text(key, values.merging(["label": rule.label]) { a, _ in a }), field: rule.name)
    }

    static func notFound(_ label: String) -> APIError {
        APIError(.notFound, "not_found", Messages.text("not_found", ["label": label]))
    }

    static var unauthorized: APIError { APIError(.unauthorized, "unauthorized", Messages.text("unauthorized")) }
    static var badToken: APIError { APIError(.unauthorized, "unauthorized", Messages.text("bad_token")) }

    var response: Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
                var field: String?
            }
            var error: Detail
        }
        var response = JSONResponse.make(status, Body(error: .init(code: code, message: message, field: field)))
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}

// sculpt:part error-handlers
/// Turns every error into the contract's JSON body: no HTML, no stack trace, never a 500 for bad input.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as HTTPError {
            return Self.map(error.status).response
        } catch let error as any HTTPResponseError {
            return Self.map(error.status).response
        } catch {
            context.logger.error("unexpected error: \(String(reflecting: error))")
            return APIError(.internalServerError, "server_error", Messages.text("server_error")).response
        }
    }

    /// Hummingbird's own HTTP errors (no route, wrong method, body too large...) in the contract's shape.
    static func map(_ status: HTTPResponse.Status) -> APIError {
        switch status.code {
        case 404: return APIError(status, "not_found", Messages.text("no_route"))
        case 405: return APIError(status, "method_not_allowed", Messages.text("method_not_allowed"))
        case 413: return APIError(status, "too_large", Messages.text("too_large"))
        case 415: return APIError(status, "unsupported_media_type", Messages.text("not_json"))
        case 500...: return APIError(status, "server_error", Messages.text("server_error"))
        default: return APIError(status, "bad_request", Messages.text("bad_request"))
        }
    }
}

/// JSON answers: UTF-8, `application/json; charset=utf-8`.
enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

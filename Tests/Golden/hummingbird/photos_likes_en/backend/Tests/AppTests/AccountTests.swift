import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// Accounts: sign-up, login, the profile.
@Suite struct AccountTests {
    // sculpt:part test-register
    /// Signs up: 201 with the account and a success message, never the password.
    ///
    /// Requirement: Users register and log in
    @Test("Signs up: 201 with the account and a success message, never the password")
    func register() async throws {
        try await makeApp().test(.router) { client in
            let body = signUpBody()
            let answer = try await client.call(.post, "/api/auth/register", body: body)
            #expect(answer.status == .created)
            #expect(answer.json["id"] as? Int != nil)
            #expect(answer.json["username"] as? String == body["username"] as? String)
            #expect((answer.json["message"] as? String)?.isEmpty == false)
            #expect(!answer.text.contains(body["password"] as! String))
            #expect(answer.json["password"] == nil && answer.json["password_hash"] == nil)
        }
    }

    // sculpt:part test-password-hash
    /// Stores the password only as a salted bcrypt hash.
    ///
    /// Requirement: Users register and log in
    @Test("Stores the password only as a salted bcrypt hash")
    func hashed() async throws {
        let passwords = Passwords(cost: 4)
        let first = try await passwords.hash("Secret pass 1")
        let second = try await passwords.hash("Secret pass 1")
        #expect(first.hasPrefix("$2"))
        #expect(first != second)
        #expect(try await passwords.verify("Secret pass 1", hash: first))
        #expect(try await !passwords.verify("Secret pass 2", hash: first))
        #expect(try await !passwords.verify("Secret pass 1", hash: nil))
        // Past bcrypt's 72 bytes every character still counts.
        let long = String(repeating: "a", count: 100)
        #expect(try await !passwords.verify(long + "b", hash: try await passwords.hash(long + "c")))
    }

    // sculpt:part test-duplicate
    /// Refuses a second account with the same Username (409, naming the field), also when racing.
    @Test("Refuses a second account with the same Username (409, naming the field), also when racing")
    func duplicate() async throws {
        try await makeApp().test(.router) { client in
            let body = signUpBody()
            #expect(try await client.call(.post, "/api/auth/register", body: body).status == .created)
            let again = try await client.call(.post, "/api/auth/register", body: body)
            #expect(again.status == .conflict)
            #expect(again.errorField == "username")
            let racing = String(decoding: try JSONSerialization.data(withJSONObject: signUpBody()), as: UTF8.self)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await client.call(.post, "/api/auth/register", raw: racing).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 7)
        }
    }

    // sculpt:part test-account-invalid
    /// Ignores id, is_admin and other fields the client may not set.
    ///
    /// Requirement: Users register and log in
    @Test("Ignores id, is_admin and other fields the client may not set")
    func massAssignment() async throws {
        try await makeApp().test(.router) { client in
            var extra = signUpBody()
            extra["id"] = 987654
            extra["is_admin"] = true
            let ignored = try await client.call(.post, "/api/auth/register", body: extra)
            #expect(ignored.status == .created)
            #expect(ignored.json["id"] as? Int != 987654)
            #expect(ignored.json["is_admin"] == nil)
        }
    }

    /// Refuses a body whose Username is missing, null or empty.
    @Test("Refuses a body whose Username is missing, null or empty.")
    func edgeUsernameRequired() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/auth/register", field: "username", values: [nil, NSNull(), ""]) { signUpBody() }
        }
    }

    /// Refuses a Username of the wrong JSON type.
    @Test("Refuses a Username of the wrong JSON type.")
    func edgeUsernameType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/auth/register", field: "username", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]]) { signUpBody() }
        }
    }

    /// Refuses a Username shorter than 3 characters and accepts exactly 3.
    @Test("Refuses a Username shorter than 3 characters and accepts exactly 3.")
    func edgeUsernameMinLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/auth/register", field: "username", values: [String(repeating: "x", count: 2)]) { signUpBody() }
            try await expectAccepted(client, "/api/auth/register", field: "username", values: [String(repeating: "x", count: 3)], echoes: true) { signUpBody() }
        }
    }

    /// Refuses a Username longer than 32 characters and accepts exactly 32.
    @Test("Refuses a Username longer than 32 characters and accepts exactly 32.")
    func edgeUsernameMaxLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/auth/register", field: "username", values: [String(repeating: "x", count: 33)]) { signUpBody() }
            try await expectAccepted(client, "/api/auth/register", field: "username", values: [String(repeating: "x", count: 32)], echoes: true) { signUpBody() }
        }
    }

    /// Refuses a body whose Password is missing, null or empty.
    @Test("Refuses a body whose Password is missing, null or empty.")
    func edgePasswordRequired() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/auth/register", field: "password", values: [nil, NSNull(), ""]) { signUpBody() }
        }
    }

    /// Refuses a Password of the wrong JSON type.
    @Test("Refuses a Password of the wrong JSON type.")
    func edgePasswordType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/auth/register", field: "password", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]]) { signUpBody() }
        }
    }

    /// Refuses a Password shorter than 8 characters and accepts exactly 8.
    @Test("Refuses a Password shorter than 8 characters and accepts exactly 8.")
    func edgePasswordMinLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/auth/register", field: "password", values: [String(repeating: "x", count: 7)]) { signUpBody() }
            try await expectAccepted(client, "/api/auth/register", field: "password", values: [String(repeating: "x", count: 8)], echoes: true) { signUpBody() }
        }
    }

    /// Refuses a Password longer than 128 characters and accepts exactly 128.
    @Test("Refuses a Password longer than 128 characters and accepts exactly 128.")
    func edgePasswordMaxLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/auth/register", field: "password", values: [String(repeating: "x", count: 129)]) { signUpBody() }
            try await expectAccepted(client, "/api/auth/register", field: "password", values: [String(repeating: "x", count: 128)], echoes: true) { signUpBody() }
        }
    }

    // sculpt:part test-login
    /// Logs in with the right credentials; a wrong password or an unknown Username gets 401.
    ///
    /// Requirement: Users register and log in
    @Test("Logs in with the right credentials; a wrong password or an unknown Username gets 401")
    func login() async throws {
        try await makeApp().test(.router) { client in
            let body = signUpBody()
            #expect(try await client.call(.post, "/api/auth/register", body: body).status == .created)
            let ok = try await client.call(.post, "/api/auth/login", body: ["username": body["username"]!, "password": body["password"]!])
            #expect(ok.status == .ok)
            #expect((ok.json["token"] as? String)?.isEmpty == false)
            #expect((ok.json["user"] as? [String: Any])?["username"] as? String == body["username"] as? String)
            let wrong = try await client.call(.post, "/api/auth/login", body: ["username": body["username"]!, "password": "Wrong pass 123"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.error["code"] as? String == "bad_credentials")
            let other = signUpBody()
            let unknown = try await client.call(.post, "/api/auth/login", body: ["username": other["username"]!, "password": body["password"]!])
            #expect(unknown.status == .unauthorized)
            let missing = try await client.call(.post, "/api/auth/login", body: ["username": body["username"]!])
            #expect(missing.status == .badRequest)
        }
    }

    // sculpt:part test-token
    /// A token is signed and expires after 24 hours.
    @Test("A token is signed and expires after 24 hours")
    func tokens() {
        let tokens = Tokens(secret: Array("key".utf8), lifetime: 24 * 3600)
        let token = tokens.issue(userID: 7)
        #expect(tokens.userID(from: token) == 7)
        #expect(tokens.userID(from: token, now: Date().addingTimeInterval(Double(24 * 3600 + 1))) == nil)
        #expect(Tokens(secret: Array("other".utf8), lifetime: 60).userID(from: token) == nil)
        #expect(tokens.userID(from: String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BB" : "AA")) == nil)
    }

    // sculpt:part test-me
    /// Shows the signed-in user's own account; no token or a forged one gets 401.
    @Test("Shows the signed-in user's own account; no token or a forged one gets 401")
    func me() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let mine = try await client.call(.get, "/api/auth/me", token: token)
            #expect(mine.status == .ok)
            #expect(mine.json["username"] as? String != nil)
            #expect(try await client.call(.get, "/api/auth/me").status == .unauthorized)
            #expect(try await client.call(.get, "/api/auth/me", token: "not-a-real-token").status == .unauthorized)
            #expect(try await client.call(.get, "/api/auth/me", token: String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BB" : "AA")).status == .unauthorized)
        }
    }
}

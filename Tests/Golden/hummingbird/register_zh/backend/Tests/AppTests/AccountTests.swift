import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// Accounts: sign-up.
@Suite struct AccountTests {
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

    @Test("Refuses a second account with the same 用户名 (409, naming the field), also when racing")
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

    @Test("Refuses a missing, empty or wrongly typed field with 400 naming it")
    func invalid() async throws {
        try await makeApp().test(.router) { client in
            var missing0 = signUpBody()
            missing0.removeValue(forKey: "username")
            let answer0 = try await client.call(.post, "/api/auth/register", body: missing0)
            #expect(answer0.status == .badRequest)
            #expect(answer0.errorField == "username")
            var missing1 = signUpBody()
            missing1.removeValue(forKey: "password")
            let answer1 = try await client.call(.post, "/api/auth/register", body: missing1)
            #expect(answer1.status == .badRequest)
            #expect(answer1.errorField == "password")
            var wrongType = signUpBody()
            wrongType["password"] = 12345678
            let typed = try await client.call(.post, "/api/auth/register", body: wrongType)
            #expect(typed.status == .badRequest)
            #expect(typed.errorField == "password")
            var short = signUpBody()
            short["password"] = String(repeating: "a", count: 8 - 1)
            #expect(try await client.call(.post, "/api/auth/register", body: short).errorField == "password")
            var extra = signUpBody()
            extra["id"] = 987654
            extra["is_admin"] = true
            let ignored = try await client.call(.post, "/api/auth/register", body: extra)
            #expect(ignored.status == .created)
            #expect(ignored.json["id"] as? Int != 987654)
            #expect(ignored.json["is_admin"] == nil)
        }
    }
}

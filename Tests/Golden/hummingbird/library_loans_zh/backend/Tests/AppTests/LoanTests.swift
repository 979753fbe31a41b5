import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid loan body with fresh values.
func sampleLoan(_ n: Int = next()) -> [String: Any] {
    ["book_id": 1]
}

/// Makes record 1 of every entity a loan belongs to (the samples point at it).
func seedLoanParents(_ client: some TestClientProtocol) async throws {
    _ = try await createBook(client)
}

/// 借阅记录: list, get. Access: only the owner may read; only the owner may write.
@Suite struct LoanTests {

    // sculpt:part test-not-found loan
    /// Answers 404 for a 借阅记录 that does not exist.
    @Test("Answers 404 for a loan that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedLoanParents(client)
            let answer = try await client.call(.get, "/api/loans/987654321", token: token)
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/loans/abc", token: token).status == .notFound)
        }
    }

    /// Deleting a 图书 is refused with 409 while it has loans.
    @Test("Deleting the record a loan belongs to is refused while the loan exists")
    func onDeleteBookId() async throws {
        try await makeApp().test(.router) { client in
            let parent = try await createBook(client, ["stock": 1])
            let childToken: String? = try await signIn(client)
            let made = try await client.call(.post, "/api/books/\(parent.id)/borrow", token: childToken)
            #expect(made.status == .ok || made.status == .created, "\(made.text)")
            let children = try await client.call(.get, "/api/loans?book_id=\(parent.id)", token: childToken)
            let childID = children.items.first?["id"] as? Int ?? 0
            #expect(childID > 0)
            let deleter: String? = try await signInAdmin(client)
            let deleted = try await client.call(.delete, "/api/books/\(parent.id)", token: deleter)
            #expect(deleted.status == .conflict, "\(deleted.text)")
            #expect(deleted.error["code"] as? String == "conflict")
            let reader: String? = parent.token
            #expect(try await client.call(.get, "/api/books/\(parent.id)", token: reader).status == .ok)
            #expect(try await client.call(.get, "/api/loans/\(childID)", token: childToken).status == .ok)
        }
    }
}

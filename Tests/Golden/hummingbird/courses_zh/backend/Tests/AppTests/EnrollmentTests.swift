import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid enrollment body with fresh values.
func sampleEnrollment(_ n: Int = next()) -> [String: Any] {
    ["course_id": 1]
}

/// Makes record 1 of every entity a enrollment belongs to (the samples point at it).
func seedEnrollmentParents(_ client: some TestClientProtocol) async throws {
    _ = try await createCourse(client)
}

/// 报名记录: list, get. Access: only the owner may read; only the owner may write.
@Suite struct EnrollmentTests {

    // sculpt:part test-not-found enrollment
    /// Answers 404 for a 报名记录 that does not exist.
    @Test("Answers 404 for a enrollment that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await seedEnrollmentParents(client)
            let answer = try await client.call(.get, "/api/enrollments/987654321", token: token)
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/enrollments/abc", token: token).status == .notFound)
        }
    }

    /// Deleting a 课程 deletes its enrollments in the same transaction.
    @Test("Deleting the record a enrollment belongs to deletes the enrollment too")
    func onDeleteCourseId() async throws {
        try await makeApp().test(.router) { client in
            let parent = try await createCourse(client, ["capacity": 2, "enrolled": 1])
            let childToken: String? = try await signIn(client)
            let made = try await client.call(.post, "/api/courses/\(parent.id)/enroll", token: childToken)
            #expect(made.status == .ok || made.status == .created, "\(made.text)")
            let children = try await client.call(.get, "/api/enrollments?course_id=\(parent.id)", token: childToken)
            let childID = children.items.first?["id"] as? Int ?? 0
            #expect(childID > 0)
            let deleter: String? = try await signInAdmin(client)
            let deleted = try await client.call(.delete, "/api/courses/\(parent.id)", token: deleter)
            #expect(deleted.status == .noContent, "\(deleted.text)")
            let reader: String? = childToken
            #expect(try await client.call(.get, "/api/enrollments/\(childID)", token: reader).status == .notFound)
        }
    }
}

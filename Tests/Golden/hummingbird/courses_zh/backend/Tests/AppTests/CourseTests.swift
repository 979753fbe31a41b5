import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid course body with fresh values.
func sampleCourse(_ n: Int = next()) -> [String: Any] {
    ["name": fit("name \(n)", min: 1, max: 200), "capacity": 1, "enrolled": 0]
}

/// Creates a course as someone who may, with `values` over a valid sample; returns it and that caller's token.
func createCourse(_ client: some TestClientProtocol, _ values: [String: Any] = [:]) async throws -> Created {
    let token: String? = try await signInAdmin(client)
    var body = sampleCourse()
    for (key, value) in values { body[key] = value }
    let answer = try await client.call(.post, "/api/courses", body: body, token: token)
    precondition(answer.status == .created, "creating a course failed: \(answer.text)")
    return Created(id: answer.json["id"] as? Int ?? 0, token: token, json: answer.json)
}

/// 课程: create, list, get, update, delete. Access: anyone may read; signed-in users may write.
@Suite struct CourseTests {
    // sculpt:part test-create course
    /// Creates a 课程: 201 with its id and every field, as sent; id and unknown fields are ignored.
    ///
    /// Requirement: 课程有名称（必填）、容量（至少1人）和已报名人数
    @Test("Creates a course: 201 with its id and every field, as sent; id and unknown fields are ignored")
    func create() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            var body = sampleCourse()
            body["id"] = 987654
            body["is_admin"] = true
            let answer = try await client.call(.post, "/api/courses", body: body, token: token)
            #expect(answer.status == .created)
            let id = answer.json["id"] as? Int
            #expect(id != nil && id != 987654)
            #expect(answer.json["is_admin"] == nil)
            #expect(answer.json["name"] != nil)
            #expect(answer.json["capacity"] != nil)
            #expect(answer.json["enrolled"] != nil)
            let read = try await client.call(.get, "/api/courses/\(id ?? 0)", token: token)
            #expect(read.status == .ok)
            #expect(read.json["id"] as? Int == id)
        }
    }

    // sculpt:part test-invalid course

    /// Refuses a body whose 名称 is missing, null or empty.
    ///
    /// Requirement: 课程有名称（必填）、容量（至少1人）和已报名人数
    @Test("Refuses a body whose 名称 is missing, null or empty.")
    func edgeNameRequired() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/courses", field: "name", values: [nil, NSNull(), ""], token: token) { sampleCourse() }
        }
    }

    /// Refuses a 名称 of the wrong JSON type.
    @Test("Refuses a 名称 of the wrong JSON type.")
    func edgeNameType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/courses", field: "name", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]], token: token) { sampleCourse() }
        }
    }

    /// Refuses a 名称 longer than 200 characters and accepts exactly 200.
    @Test("Refuses a 名称 longer than 200 characters and accepts exactly 200.")
    func edgeNameMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/courses", field: "name", values: [String(repeating: "x", count: 201)], token: token) { sampleCourse() }
            try await expectAccepted(client, "/api/courses", field: "name", values: [String(repeating: "x", count: 200)], echoes: true, token: token) { sampleCourse() }
        }
    }

    /// Refuses a body whose 容量 is missing, null.
    @Test("Refuses a body whose 容量 is missing, null.")
    func edgeCapacityRequired() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/courses", field: "capacity", values: [nil, NSNull()], token: token) { sampleCourse() }
        }
    }

    /// Refuses a 容量 of the wrong JSON type.
    @Test("Refuses a 容量 of the wrong JSON type.")
    func edgeCapacityType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/courses", field: "capacity", values: ["7", true, 2.5, RawJSON(text: "18446744073709551616")], token: token) { sampleCourse() }
            try await expectAccepted(client, "/api/courses", field: "capacity", values: [1.0], echoes: true, token: token) { sampleCourse() }
        }
    }

    /// Refuses a 容量 below 1 and accepts 1.
    ///
    /// Requirement: 课程有名称（必填）、容量（至少1人）和已报名人数
    @Test("Refuses a 容量 below 1 and accepts 1.")
    func edgeCapacityMinimum() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/courses", field: "capacity", values: [0], token: token) { sampleCourse() }
            try await expectAccepted(client, "/api/courses", field: "capacity", values: [1], echoes: true, token: token) { sampleCourse() }
        }
    }

    /// Refuses a 已报名人数 of the wrong JSON type.
    @Test("Refuses a 已报名人数 of the wrong JSON type.")
    func edgeEnrolledType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/courses", field: "enrolled", values: ["7", true, 2.5, RawJSON(text: "18446744073709551616"), NSNull()], token: token) { sampleCourse() }
            try await expectAccepted(client, "/api/courses", field: "enrolled", values: [0.0], echoes: true, token: token) { sampleCourse() }
        }
    }

    /// Refuses a 已报名人数 below 0 and accepts 0.
    @Test("Refuses a 已报名人数 below 0 and accepts 0.")
    func edgeEnrolledMinimum() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            try await expectRejected(client, "/api/courses", field: "enrolled", values: [-1], token: token) { sampleCourse() }
            try await expectAccepted(client, "/api/courses", field: "enrolled", values: [0], echoes: true, token: token) { sampleCourse() }
        }
    }

    // sculpt:part test-list course
    /// Lists 课程 page by page (page_size at most 100).
    @Test("Lists courses page by page")
    func list() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            for _ in 0..<3 {
                #expect(try await client.call(.post, "/api/courses", body: sampleCourse(), token: token).status == .created)
            }
            let page = try await client.call(.get, "/api/courses?page=1&page_size=2", token: token)
            #expect(page.status == .ok)
            #expect(page.items.count == 2)
            #expect(page.json["total"] as? Int == 3)
            #expect(page.json["page_size"] as? Int == 2)
            #expect(try await client.call(.get, "/api/courses?page_size=101", token: token).status == .badRequest)
            #expect(try await client.call(.get, "/api/courses?page=0", token: token).status == .badRequest)
        }
    }

    // sculpt:part test-not-found course
    /// Answers 404 for a 课程 that does not exist.
    @Test("Answers 404 for a course that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            let answer = try await client.call(.get, "/api/courses/987654321", token: token)
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/courses/abc", token: token).status == .notFound)
        }
    }

    // sculpt:part test-update course
    /// PUT replaces a 课程, PATCH changes only the fields sent, an empty PATCH is refused.
    @Test("PUT replaces a course, PATCH changes only the fields sent, an empty PATCH is refused")
    func update() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            let created = try await client.call(.post, "/api/courses", body: sampleCourse(), token: token)
            let id = created.json["id"] as? Int ?? 0
            let replacement = sampleCourse()
            let replaced = try await client.call(.put, "/api/courses/\(id)", body: replacement, token: token)
            #expect(replaced.status == .ok)
            #expect(replaced.json["name"] as? String == replacement["name"] as? String)
            let patched = try await client.call(.patch, "/api/courses/\(id)", body: ["name": "Patched"], token: token)
            #expect(patched.status == .ok)
            #expect(patched.json["name"] as? String == "Patched")
            let empty = try await client.call(.patch, "/api/courses/\(id)", body: [:], token: token)
            #expect(empty.status == .badRequest)
            #expect(try await client.call(.put, "/api/courses/987654321", body: sampleCourse(), token: token).status == .notFound)
        }
    }

    // sculpt:part test-delete course
    /// Deletes a 课程 (204); it is gone afterwards.
    @Test("Deletes a course (204); it is gone afterwards")
    func delete() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            let created = try await client.call(.post, "/api/courses", body: sampleCourse(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.delete, "/api/courses/\(id)", token: token).status == .noContent)
            #expect(try await client.call(.delete, "/api/courses/\(id)", token: token).status == .notFound)
        }
    }

    // sculpt:part test-owner-writes course
    /// Only the owner of a 课程 may change or delete it: 401 without a token, 403 for anyone else.
    @Test("Only the owner of a course may change or delete it: 401 without a token, 403 for anyone else")
    func owner() async throws {
        try await makeApp().test(.router) { client in
            #expect(try await client.call(.post, "/api/courses", body: sampleCourse()).status == .unauthorized)
            let alice = try await signInAdmin(client)
            let bob = try await signIn(client)
            let created = try await client.call(.post, "/api/courses", body: sampleCourse(), token: alice)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.put, "/api/courses/\(id)", body: sampleCourse(), token: bob).status == .forbidden)
            #expect(try await client.call(.put, "/api/courses/\(id)", body: sampleCourse()).status == .unauthorized)
            #expect(try await client.call(.put, "/api/courses/\(id)", body: sampleCourse(), token: alice).status == .ok)
            #expect(try await client.call(.delete, "/api/courses/\(id)", token: bob).status == .forbidden)
            #expect(try await client.call(.delete, "/api/courses/\(id)", token: alice).status == .noContent)
        }
    }

    // sculpt:part test-public-read course
    /// Anyone reads 课程, without signing in.
    @Test("Anyone reads courses, without signing in")
    func publicRead() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signInAdmin(client)
            let created = try await client.call(.post, "/api/courses", body: sampleCourse(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.get, "/api/courses/\(id)").status == .ok)
            #expect(try await client.call(.get, "/api/courses").status == .ok)
        }
    }

    /// Only holders of teacher may create, update, delete courses: 401 without a token, 403 for a plain user and for one who asked for a role at sign-up; the admin account may.
    ///
    /// Requirement: 老师可以发布和修改课程
    /// Requirement: 老师或课程的发布者可以删除课程
    @Test("Operations reserved to a role: 401 without a token, 403 for others, the admin account may")
    func roles() async throws {
        try await makeApp().test(.router) { client in
            let admin = try await signInAdmin(client)
            let plain = try await signIn(client)
            let greedy = try await signInAskingForRoles(client)
            #expect(try await client.call(.post, "/api/courses", body: sampleCourse()).status == .unauthorized)
            #expect(try await client.call(.post, "/api/courses", body: sampleCourse(), token: plain).status == .forbidden)
            #expect(try await client.call(.post, "/api/courses", body: sampleCourse(), token: greedy).status == .forbidden)
            let made = try await client.call(.post, "/api/courses", body: sampleCourse(), token: admin)
            #expect(made.status == .created, "\(made.text)")
            let id = made.json["id"] as? Int ?? 0
            #expect(try await client.call(.put, "/api/courses/\(id)", body: sampleCourse()).status == .unauthorized)
            #expect(try await client.call(.put, "/api/courses/\(id)", body: sampleCourse(), token: plain).status == .forbidden)
            #expect(try await client.call(.put, "/api/courses/\(id)", body: sampleCourse(), token: greedy).status == .forbidden)
            #expect(try await client.call(.put, "/api/courses/\(id)", body: sampleCourse(), token: admin).status == .ok)
            #expect(try await client.call(.delete, "/api/courses/\(id)").status == .unauthorized)
            #expect(try await client.call(.delete, "/api/courses/\(id)", token: plain).status == .forbidden)
            #expect(try await client.call(.delete, "/api/courses/\(id)", token: greedy).status == .forbidden)
            #expect(try await client.call(.delete, "/api/courses/\(id)", token: admin).status == .noContent)
        }
    }

    /// 报名: 200 with the 课程 after its effects; 404 for an unknown 课程, 401 without a token.
    ///
    /// Requirement: 学生登录后可以报名课程，人数达到容量就不能再报名
    /// Requirement: 每人每门课只能报名一次，报名后已报名人数加一
    @Test("The enroll action: success and its effects, 404 for an unknown record, 401 without a token")
    func enrollAction() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createCourse(client, ["capacity": 2, "enrolled": 1])
            let actor: String? = try await signIn(client)
            #expect(try await client.call(.post, "/api/courses/\(record.id)/enroll").status == .unauthorized)
            let unknown = try await client.call(.post, "/api/courses/987654321/enroll", token: actor)
            #expect(unknown.status == .notFound)
            #expect(unknown.error["code"] as? String == "not_found")
            let done = try await client.call(.post, "/api/courses/\(record.id)/enroll", body: [:], token: actor)
            #expect(done.status == .ok, "\(done.text)")
            #expect(numberValue(done.json["enrolled"] ?? NSNull()) == numberValue(record.json["enrolled"] ?? NSNull()).map { $0 + 1 })
            let lister: String? = actor
            let made = try await client.call(.get, "/api/enrollments?course_id=\(record.id)", token: lister)
            #expect(made.items.count == 1, "\(made.text)")
        }
    }

    /// 报名 is refused with 409 precondition_failed, in the requirement's words, when its rule does not hold.
    ///
    /// Requirement: 学生登录后可以报名课程，人数达到容量就不能再报名
    @Test("The enroll action is refused with 409 precondition_failed when its rule does not hold")
    func enrollActionPrecondition() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createCourse(client, ["capacity": 1, "enrolled": 1])
            let actor: String? = try await signIn(client)
            let refused = try await client.call(.post, "/api/courses/\(record.id)/enroll", token: actor)
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.error["code"] as? String == "precondition_failed")
            #expect(refused.error["message"] as? String == "人数达到容量就不能再报名")
        }
    }

    /// Each user may enroll a 课程 once: the second time answers 409 conflict.
    ///
    /// Requirement: 每人每门课只能报名一次，报名后已报名人数加一
    @Test("Each user may enroll a course once: the second time answers 409 conflict")
    func enrollActionOnce() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createCourse(client, ["capacity": 2, "enrolled": 1])
            let actor: String? = try await signIn(client)
            #expect(try await client.call(.post, "/api/courses/\(record.id)/enroll", token: actor).status == .ok)
            let again = try await client.call(.post, "/api/courses/\(record.id)/enroll", token: actor)
            #expect(again.status == .conflict, "\(again.text)")
            #expect(again.error["code"] as? String == "conflict")
        }
    }

    /// Eight racing enroll calls, released together, where the rules allow one: one success, seven 409.
    ///
    /// Requirement: 学生登录后可以报名课程，人数达到容量就不能再报名
    /// Requirement: 每人每门课只能报名一次，报名后已报名人数加一
    @Test("Eight racing enroll calls where the rules allow one: one success, seven 409")
    func enrollActionRace() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createCourse(client, ["capacity": 2, "enrolled": 1])
            let actor: String? = try await signIn(client)
            var actors: [String?] = []
            for _ in 0..<8 { actors.append(try await signIn(client)) }
            let barrier = Barrier(count: 8)
            let id = record.id
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for caller in actors {
                    group.addTask {
                        await barrier.arrive()
                        return try await client.call(.post, "/api/courses/\(id)/enroll", token: caller).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 7, "\(statuses)")
            _ = actor
        }
    }
}

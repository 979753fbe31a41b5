import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid photo body with fresh values.
func samplePhoto(_ n: Int = next()) -> [String: Any] {
    ["caption": fit("caption \(n)", min: 1, max: 140), "image_url": fit("image_url \(n)", min: 1, max: 2000), "like_count": 0]
}

/// Creates a photo as someone who may, with `values` over a valid sample; returns it and that caller's token.
func createPhoto(_ client: some TestClientProtocol, _ values: [String: Any] = [:]) async throws -> Created {
    let token: String? = try await signIn(client)
    var body = samplePhoto()
    for (key, value) in values { body[key] = value }
    let answer = try await client.call(.post, "/api/photos", body: body, token: token)
    precondition(answer.status == .created, "creating a photo failed: \(answer.text)")
    return Created(id: answer.json["id"] as? Int ?? 0, token: token, json: answer.json)
}

/// Photo: create, list, get, update, delete. Access: anyone may read; only the owner may write.
@Suite struct PhotoTests {
    // sculpt:part test-create photo
    /// Creates a Photo: 201 with its id and every field, as sent; id and unknown fields are ignored.
    ///
    /// Requirement: Signed-in users post photos with a caption (required, max 140 characters) and an image URL
    @Test("Creates a photo: 201 with its id and every field, as sent; id and unknown fields are ignored")
    func create() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            var body = samplePhoto()
            body["id"] = 987654
            body["is_admin"] = true
            let answer = try await client.call(.post, "/api/photos", body: body, token: token)
            #expect(answer.status == .created)
            let id = answer.json["id"] as? Int
            #expect(id != nil && id != 987654)
            #expect(answer.json["is_admin"] == nil)
            #expect(answer.json["caption"] != nil)
            #expect(answer.json["image_url"] != nil)
            #expect(answer.json["like_count"] != nil)
            let read = try await client.call(.get, "/api/photos/\(id ?? 0)", token: token)
            #expect(read.status == .ok)
            #expect(read.json["id"] as? Int == id)
        }
    }

    // sculpt:part test-invalid photo

    /// Refuses a body whose Caption is missing, null or empty.
    ///
    /// Requirement: Signed-in users post photos with a caption (required, max 140 characters) and an image URL
    @Test("Refuses a body whose Caption is missing, null or empty.")
    func edgeCaptionRequired() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/photos", field: "caption", values: [nil, NSNull(), ""], token: token) { samplePhoto() }
        }
    }

    /// Refuses a Caption of the wrong JSON type.
    @Test("Refuses a Caption of the wrong JSON type.")
    func edgeCaptionType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/photos", field: "caption", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]], token: token) { samplePhoto() }
        }
    }

    /// Refuses a Caption longer than 140 characters and accepts exactly 140.
    ///
    /// Requirement: Signed-in users post photos with a caption (required, max 140 characters) and an image URL
    @Test("Refuses a Caption longer than 140 characters and accepts exactly 140.")
    func edgeCaptionMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/photos", field: "caption", values: [String(repeating: "x", count: 141)], token: token) { samplePhoto() }
            try await expectAccepted(client, "/api/photos", field: "caption", values: [String(repeating: "x", count: 140)], echoes: true, token: token) { samplePhoto() }
        }
    }

    /// Refuses a Image URL of the wrong JSON type.
    @Test("Refuses a Image URL of the wrong JSON type.")
    func edgeImageUrlType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/photos", field: "image_url", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any], NSNull()], token: token) { samplePhoto() }
        }
    }

    /// Refuses a Image URL longer than 2000 characters and accepts exactly 2000.
    @Test("Refuses a Image URL longer than 2000 characters and accepts exactly 2000.")
    func edgeImageUrlMaxLength() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/photos", field: "image_url", values: [String(repeating: "x", count: 2001)], token: token) { samplePhoto() }
            try await expectAccepted(client, "/api/photos", field: "image_url", values: [String(repeating: "x", count: 2000)], echoes: true, token: token) { samplePhoto() }
        }
    }

    /// Refuses a Like count of the wrong JSON type.
    @Test("Refuses a Like count of the wrong JSON type.")
    func edgeLikeCountType() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/photos", field: "like_count", values: ["7", true, 2.5, RawJSON(text: "18446744073709551616"), NSNull()], token: token) { samplePhoto() }
            try await expectAccepted(client, "/api/photos", field: "like_count", values: [0.0], echoes: true, token: token) { samplePhoto() }
        }
    }

    /// Refuses a Like count below 0 and accepts 0.
    @Test("Refuses a Like count below 0 and accepts 0.")
    func edgeLikeCountMinimum() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            try await expectRejected(client, "/api/photos", field: "like_count", values: [-1], token: token) { samplePhoto() }
            try await expectAccepted(client, "/api/photos", field: "like_count", values: [0], echoes: true, token: token) { samplePhoto() }
        }
    }

    // sculpt:part test-list photo
    /// Lists Photo page by page (page_size at most 100).
    ///
    /// Requirement: Everyone can browse photos and see each one
    @Test("Lists photos page by page")
    func list() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            for _ in 0..<3 {
                #expect(try await client.call(.post, "/api/photos", body: samplePhoto(), token: token).status == .created)
            }
            let page = try await client.call(.get, "/api/photos?page=1&page_size=2", token: token)
            #expect(page.status == .ok)
            #expect(page.items.count == 2)
            #expect(page.json["total"] as? Int == 3)
            #expect(page.json["page_size"] as? Int == 2)
            #expect(try await client.call(.get, "/api/photos?page_size=101", token: token).status == .badRequest)
            #expect(try await client.call(.get, "/api/photos?page=0", token: token).status == .badRequest)
        }
    }

    // sculpt:part test-not-found photo
    /// Answers 404 for a Photo that does not exist.
    ///
    /// Requirement: Everyone can browse photos and see each one
    @Test("Answers 404 for a photo that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let answer = try await client.call(.get, "/api/photos/987654321", token: token)
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/photos/abc", token: token).status == .notFound)
        }
    }

    // sculpt:part test-update photo
    /// PUT replaces a Photo, PATCH changes only the fields sent, an empty PATCH is refused.
    @Test("PUT replaces a photo, PATCH changes only the fields sent, an empty PATCH is refused")
    func update() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let created = try await client.call(.post, "/api/photos", body: samplePhoto(), token: token)
            let id = created.json["id"] as? Int ?? 0
            let replacement = samplePhoto()
            let replaced = try await client.call(.put, "/api/photos/\(id)", body: replacement, token: token)
            #expect(replaced.status == .ok)
            #expect(replaced.json["caption"] as? String == replacement["caption"] as? String)
            let patched = try await client.call(.patch, "/api/photos/\(id)", body: ["caption": "Patched"], token: token)
            #expect(patched.status == .ok)
            #expect(patched.json["caption"] as? String == "Patched")
            let empty = try await client.call(.patch, "/api/photos/\(id)", body: [:], token: token)
            #expect(empty.status == .badRequest)
            #expect(try await client.call(.put, "/api/photos/987654321", body: samplePhoto(), token: token).status == .notFound)
        }
    }

    // sculpt:part test-delete photo
    /// Deletes a Photo (204); it is gone afterwards.
    @Test("Deletes a photo (204); it is gone afterwards")
    func delete() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let created = try await client.call(.post, "/api/photos", body: samplePhoto(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.delete, "/api/photos/\(id)", token: token).status == .noContent)
            #expect(try await client.call(.delete, "/api/photos/\(id)", token: token).status == .notFound)
        }
    }

    // sculpt:part test-owner-writes photo
    /// Only the owner of a Photo may change or delete it: 401 without a token, 403 for anyone else.
    ///
    /// Requirement: Only the owner may edit or delete a photo
    @Test("Only the owner of a photo may change or delete it: 401 without a token, 403 for anyone else")
    func owner() async throws {
        try await makeApp().test(.router) { client in
            #expect(try await client.call(.post, "/api/photos", body: samplePhoto()).status == .unauthorized)
            let alice = try await signIn(client)
            let bob = try await signIn(client)
            let created = try await client.call(.post, "/api/photos", body: samplePhoto(), token: alice)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.put, "/api/photos/\(id)", body: samplePhoto(), token: bob).status == .forbidden)
            #expect(try await client.call(.put, "/api/photos/\(id)", body: samplePhoto()).status == .unauthorized)
            #expect(try await client.call(.put, "/api/photos/\(id)", body: samplePhoto(), token: alice).status == .ok)
            #expect(try await client.call(.delete, "/api/photos/\(id)", token: bob).status == .forbidden)
            #expect(try await client.call(.delete, "/api/photos/\(id)", token: alice).status == .noContent)
        }
    }

    // sculpt:part test-public-read photo
    /// Anyone reads Photo, without signing in.
    ///
    /// Requirement: Only the owner may edit or delete a photo
    @Test("Anyone reads photos, without signing in")
    func publicRead() async throws {
        try await makeApp().test(.router) { client in
            let token = try await signIn(client)
            let created = try await client.call(.post, "/api/photos", body: samplePhoto(), token: token)
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.get, "/api/photos/\(id)").status == .ok)
            #expect(try await client.call(.get, "/api/photos").status == .ok)
        }
    }

    /// Like: 200 with the Photo after its effects; 404 for an unknown Photo, 401 without a token.
    ///
    /// Requirement: Each signed-in user can like a photo once; a like adds one to the photo's like count
    @Test("The like action: success and its effects, 404 for an unknown record, 401 without a token")
    func likeAction() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createPhoto(client, [:])
            let actor: String? = try await signIn(client)
            #expect(try await client.call(.post, "/api/photos/\(record.id)/like").status == .unauthorized)
            let unknown = try await client.call(.post, "/api/photos/987654321/like", token: actor)
            #expect(unknown.status == .notFound)
            #expect(unknown.error["code"] as? String == "not_found")
            let done = try await client.call(.post, "/api/photos/\(record.id)/like", body: [:], token: actor)
            #expect(done.status == .ok, "\(done.text)")
            #expect(numberValue(done.json["like_count"] ?? NSNull()) == numberValue(record.json["like_count"] ?? NSNull()).map { $0 + 1 })
        }
    }

    /// Each user may like a Photo once: the second time answers 409 conflict.
    ///
    /// Requirement: Each signed-in user can like a photo once; a like adds one to the photo's like count
    @Test("Each user may like a photo once: the second time answers 409 conflict")
    func likeActionOnce() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createPhoto(client, [:])
            let actor: String? = try await signIn(client)
            #expect(try await client.call(.post, "/api/photos/\(record.id)/like", token: actor).status == .ok)
            let again = try await client.call(.post, "/api/photos/\(record.id)/like", token: actor)
            #expect(again.status == .conflict, "\(again.text)")
            #expect(again.error["code"] as? String == "conflict")
        }
    }

    /// Eight racing like calls, released together, where the rules allow one: one success, seven 409.
    ///
    /// Requirement: Each signed-in user can like a photo once; a like adds one to the photo's like count
    @Test("Eight racing like calls where the rules allow one: one success, seven 409")
    func likeActionRace() async throws {
        try await makeApp().test(.router) { client in
            let record = try await createPhoto(client, [:])
            let actor: String? = try await signIn(client)
            var actors: [String?] = []
            for _ in 0..<8 { actors.append(actor) }
            let barrier = Barrier(count: 8)
            let id = record.id
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for caller in actors {
                    group.addTask {
                        await barrier.arrive()
                        return try await client.call(.post, "/api/photos/\(id)/like", token: caller).status
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

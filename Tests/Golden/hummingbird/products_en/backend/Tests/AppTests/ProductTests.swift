import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid product body with fresh values.
func sampleProduct(_ n: Int = next()) -> [String: Any] {
    ["name": fit("name \(n)", min: 1, max: 200), "sku": fit("sku \(n)", min: 1, max: 200), "price": 1.5, "stock": 0]
}

/// Product: create, list, get, update, delete. Access: anyone may read; anyone may write.
@Suite struct ProductTests {
    @Test("Creates a product: 201 with its id and every field, as sent; id and unknown fields are ignored")
    func create() async throws {
        try await makeApp().test(.router) { client in
            var body = sampleProduct()
            body["id"] = 987654
            body["is_admin"] = true
            let answer = try await client.call(.post, "/api/products", body: body)
            #expect(answer.status == .created)
            let id = answer.json["id"] as? Int
            #expect(id != nil && id != 987654)
            #expect(answer.json["is_admin"] == nil)
            #expect(answer.json["name"] != nil)
            #expect(answer.json["sku"] != nil)
            #expect(answer.json["price"] != nil)
            #expect(answer.json["stock"] != nil)
            let read = try await client.call(.get, "/api/products/\(id ?? 0)")
            #expect(read.status == .ok)
            #expect(read.json["id"] as? Int == id)
        }
    }

    @Test("Refuses missing required fields and values of the wrong type or out of bounds with 400 naming the field")
    func invalid() async throws {
        try await makeApp().test(.router) { client in
            let cases: [(field: String, value: Any?)] = [
                ("name", nil),
                ("name", 12345),
                ("name", false),
                ("name", ""),
                ("name", String(repeating: "x", count: 201)),
                ("sku", nil),
                ("sku", 12345),
                ("sku", false),
                ("sku", ""),
                ("sku", String(repeating: "x", count: 201)),
                ("price", nil),
                ("price", "abc"),
                ("price", true),
                ("price", 0),
                ("stock", nil),
                ("stock", "abc"),
                ("stock", 2.5),
                ("stock", true),
                ("stock", -1),
            ]
            for (field, value) in cases {
                var body = sampleProduct()
                body[field] = value
                let answer = try await client.call(.post, "/api/products", body: body)
                #expect(answer.status == .badRequest, "\(field) = \(String(describing: value)): \(answer.text)")
                #expect(answer.errorField == field)
            }
        }
    }

    @Test("Refuses a second product with the same sku (409 naming the field)")
    func uniqueSku() async throws {
        try await makeApp().test(.router) { client in
            let body = sampleProduct()
            #expect(try await client.call(.post, "/api/products", body: body).status == .created)
            var again = sampleProduct()
            again["sku"] = body["sku"]
            let answer = try await client.call(.post, "/api/products", body: again)
            #expect(answer.status == .conflict)
            #expect(answer.errorField == "sku")
        }
    }

    @Test("Lists products page by page, and finds them by a case-insensitive substring")
    func list() async throws {
        try await makeApp().test(.router) { client in
            for _ in 0..<3 {
                #expect(try await client.call(.post, "/api/products", body: sampleProduct()).status == .created)
            }
            let page = try await client.call(.get, "/api/products?page=1&page_size=2")
            #expect(page.status == .ok)
            #expect(page.items.count == 2)
            #expect(page.json["total"] as? Int == 3)
            #expect(page.json["page_size"] as? Int == 2)
            #expect(try await client.call(.get, "/api/products?page_size=101").status == .badRequest)
            #expect(try await client.call(.get, "/api/products?page=0").status == .badRequest)
            var alpha = sampleProduct()
            alpha["name"] = "AlphaQZX"
            var bravo = sampleProduct()
            bravo["name"] = "Bravo"
            #expect(try await client.call(.post, "/api/products", body: alpha).status == .created)
            #expect(try await client.call(.post, "/api/products", body: bravo).status == .created)
            let found = try await client.call(.get, "/api/products?q=phaqzx")
            #expect(found.items.map { $0["name"] as? String } == [alpha["name"] as? String])
            let literal = try await client.call(.get, "/api/products?q=%25")
            #expect(literal.items.isEmpty)
        }
    }

    @Test("Answers 404 for a product that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let answer = try await client.call(.get, "/api/products/987654321")
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/products/abc").status == .notFound)
        }
    }

    @Test("PUT replaces a product, PATCH changes only the fields sent, an empty PATCH is refused")
    func update() async throws {
        try await makeApp().test(.router) { client in
            let created = try await client.call(.post, "/api/products", body: sampleProduct())
            let id = created.json["id"] as? Int ?? 0
            let replacement = sampleProduct()
            let replaced = try await client.call(.put, "/api/products/\(id)", body: replacement)
            #expect(replaced.status == .ok)
            #expect(replaced.json["name"] as? String == replacement["name"] as? String)
            let patched = try await client.call(.patch, "/api/products/\(id)", body: ["name": "Patched"])
            #expect(patched.status == .ok)
            #expect(patched.json["name"] as? String == "Patched")
            let empty = try await client.call(.patch, "/api/products/\(id)", body: [:])
            #expect(empty.status == .badRequest)
            #expect(try await client.call(.put, "/api/products/987654321", body: sampleProduct()).status == .notFound)
        }
    }

    @Test("Deletes a product (204); it is gone afterwards")
    func delete() async throws {
        try await makeApp().test(.router) { client in
            let created = try await client.call(.post, "/api/products", body: sampleProduct())
            let id = created.json["id"] as? Int ?? 0
            #expect(try await client.call(.delete, "/api/products/\(id)").status == .noContent)
            #expect(try await client.call(.delete, "/api/products/\(id)").status == .notFound)
        }
    }
}

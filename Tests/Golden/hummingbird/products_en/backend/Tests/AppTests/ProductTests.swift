import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import App

/// A valid product body with fresh values.
func sampleProduct(_ n: Int = next()) -> [String: Any] {
    ["name": fit("name \(n)", min: 1, max: 200), "sku": fit("sku \(n)", min: 1, max: 200), "price": 1.5, "stock": 0]
}

/// Creates a product as someone who may, with `values` over a valid sample; returns it and that caller's token.
func createProduct(_ client: some TestClientProtocol, _ values: [String: Any] = [:]) async throws -> Created {
    let token: String? = nil
    var body = sampleProduct()
    for (key, value) in values { body[key] = value }
    let answer = try await client.call(.post, "/api/products", body: body, token: token)
    precondition(answer.status == .created, "creating a product failed: \(answer.text)")
    return Created(id: answer.json["id"] as? Int ?? 0, token: token, json: answer.json)
}

/// Product: create, list, get, update, delete. Access: anyone may read; anyone may write.
@Suite struct ProductTests {
    // sculpt:part test-create product
    /// Creates a Product: 201 with its id and every field, as sent; id and unknown fields are ignored.
    ///
    /// Requirement: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative)
    /// Requirement: Support creating, listing, viewing, updating and deleting products
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

    // sculpt:part test-invalid product

    /// Refuses a body whose Name is missing, null or empty.
    @Test("Refuses a body whose Name is missing, null or empty.")
    func edgeNameRequired() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "name", values: [nil, NSNull(), ""]) { sampleProduct() }
        }
    }

    /// Refuses a Name of the wrong JSON type.
    @Test("Refuses a Name of the wrong JSON type.")
    func edgeNameType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "name", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]]) { sampleProduct() }
        }
    }

    /// Refuses a Name longer than 200 characters and accepts exactly 200.
    @Test("Refuses a Name longer than 200 characters and accepts exactly 200.")
    func edgeNameMaxLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "name", values: [String(repeating: "x", count: 201)]) { sampleProduct() }
            try await expectAccepted(client, "/api/products", field: "name", values: [String(repeating: "x", count: 200)], echoes: true) { sampleProduct() }
        }
    }

    /// Refuses a body whose SKU is missing, null or empty.
    @Test("Refuses a body whose SKU is missing, null or empty.")
    func edgeSkuRequired() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "sku", values: [nil, NSNull(), ""]) { sampleProduct() }
        }
    }

    /// Refuses a SKU of the wrong JSON type.
    @Test("Refuses a SKU of the wrong JSON type.")
    func edgeSkuType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "sku", values: [123, true, ["x"] as [Any], ["x": 1] as [String: Any]]) { sampleProduct() }
        }
    }

    /// Refuses a SKU longer than 200 characters and accepts exactly 200.
    @Test("Refuses a SKU longer than 200 characters and accepts exactly 200.")
    func edgeSkuMaxLength() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "sku", values: [String(repeating: "x", count: 201)]) { sampleProduct() }
            try await expectAccepted(client, "/api/products", field: "sku", values: [String(repeating: "x", count: 200)], echoes: true) { sampleProduct() }
        }
    }

    /// Refuses a body whose Price is missing, null.
    @Test("Refuses a body whose Price is missing, null.")
    func edgePriceRequired() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "price", values: [nil, NSNull()]) { sampleProduct() }
        }
    }

    /// Refuses a Price of the wrong JSON type.
    @Test("Refuses a Price of the wrong JSON type.")
    func edgePriceType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "price", values: ["12.5", true, [1] as [Any]]) { sampleProduct() }
        }
    }

    /// Refuses a Price of 0 or less and accepts 0.01.
    ///
    /// Requirement: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative)
    @Test("Refuses a Price of 0 or less and accepts 0.01.")
    func edgePriceExclusiveMinimum() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "price", values: [0, -1]) { sampleProduct() }
            try await expectAccepted(client, "/api/products", field: "price", values: [0.01], echoes: true) { sampleProduct() }
        }
    }

    /// Refuses a body whose Stock is missing, null.
    @Test("Refuses a body whose Stock is missing, null.")
    func edgeStockRequired() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "stock", values: [nil, NSNull()]) { sampleProduct() }
        }
    }

    /// Refuses a Stock of the wrong JSON type.
    @Test("Refuses a Stock of the wrong JSON type.")
    func edgeStockType() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "stock", values: ["7", true, 2.5, RawJSON(text: "18446744073709551616")]) { sampleProduct() }
            try await expectAccepted(client, "/api/products", field: "stock", values: [0.0], echoes: true) { sampleProduct() }
        }
    }

    /// Refuses a Stock below 0 and accepts 0.
    ///
    /// Requirement: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative)
    @Test("Refuses a Stock below 0 and accepts 0.")
    func edgeStockMinimum() async throws {
        try await makeApp().test(.router) { client in
            try await expectRejected(client, "/api/products", field: "stock", values: [-1]) { sampleProduct() }
            try await expectAccepted(client, "/api/products", field: "stock", values: [0], echoes: true) { sampleProduct() }
        }
    }

    // sculpt:part test-unique product sku
    /// Refuses a second Product with the same SKU (409 naming the field).
    ///
    /// Requirement: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative)
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

    // sculpt:part test-list product
    /// Lists Product page by page (page_size at most 100), and finds them by a case-insensitive substring.
    ///
    /// Requirement: Support creating, listing, viewing, updating and deleting products
    /// Requirement: searching products by name
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

    // sculpt:part test-not-found product
    /// Answers 404 for a Product that does not exist.
    ///
    /// Requirement: Support creating, listing, viewing, updating and deleting products
    @Test("Answers 404 for a product that does not exist")
    func missing() async throws {
        try await makeApp().test(.router) { client in
            let answer = try await client.call(.get, "/api/products/987654321")
            #expect(answer.status == .notFound)
            #expect(answer.error["code"] as? String == "not_found")
            #expect(try await client.call(.get, "/api/products/abc").status == .notFound)
        }
    }

    // sculpt:part test-update product
    /// PUT replaces a Product, PATCH changes only the fields sent, an empty PATCH is refused.
    ///
    /// Requirement: Support creating, listing, viewing, updating and deleting products
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

    // sculpt:part test-delete product
    /// Deletes a Product (204); it is gone afterwards.
    ///
    /// Requirement: Support creating, listing, viewing, updating and deleting products
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

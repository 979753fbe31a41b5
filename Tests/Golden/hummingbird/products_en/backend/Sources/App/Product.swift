import Foundation
import GRDB

// sculpt:part model-entity product
/// Product: as stored in the `products` table and shown by the API (the Product schema).
struct Product: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "products"

    var id: Int64?
    var name: String
    var sku: String
    var price: Double
    var stock: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case sku
        case price
        case stock
    }

    /// A new record before the request's values are applied.
    static func blank() -> Product {
        Product(id: nil, name: "", sku: "", price: 0, stock: 0)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    // sculpt:part entity-json product
    /// Every field, `null` included, so clients always see the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(sku, forKey: .sku)
        try container.encode(price, forKey: .price)
        try container.encode(stock, forKey: .stock)
    }
}

// sculpt:part field-rules product
/// A product body (the ProductInput schema; ProductPatch is the same with every field optional).
struct ProductInput: Sendable {
    static let name = Rule(name: "name", label: "Name", kind: .text, required: true, minLength: 1, maxLength: 200)
    static let sku = Rule(name: "sku", label: "SKU", kind: .text, required: true, minLength: 1, maxLength: 200)
    static let price = Rule(name: "price", label: "Price", kind: .number, required: true, exclusiveMinimum: 0)
    static let stock = Rule(name: "stock", label: "Stock", kind: .integer, required: true, minimum: 0)
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = [ProductInput.sku]

    var name: String?
    var sku: String?
    var price: Double?
    var stock: Int64?
    /// The fields to store: all of them for a full body, the ones sent for PATCH.
    var assigned: Set<String>

    init(_ object: [String: JSONValue], partial: Bool) throws {
        var reader = try FieldReader(object, partial: partial)
        name = try reader.text(Self.name)
        sku = try reader.text(Self.sku)
        price = try reader.number(Self.price)
        stock = try reader.integer(Self.stock)
        assigned = reader.assigned
    }

    /// Copies the accepted values onto `record`; only the declared fields are ever set.
    func apply(to record: inout Product) {
        if assigned.contains("name"), let name { record.name = name }
        if assigned.contains("sku"), let sku { record.sku = sku }
        if assigned.contains("price"), let price { record.price = price }
        if assigned.contains("stock"), let stock { record.stock = stock }
    }
}

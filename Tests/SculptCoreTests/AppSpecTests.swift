import Foundation
import Testing
@testable import SculptCore

@Suite("AppSpec")
struct AppSpecTests {
    @Test("every fixture spec decodes, validates and round-trips byte for byte", arguments: Fixtures.specNames)
    func roundTrip(name: String) throws {
        let spec = try Fixtures.spec(name)
        let again = try SpecCoding.decode(Data(SpecCoding.encode(spec).utf8))
        #expect(again == spec)
        #expect(SpecCoding.encode(again) == SpecCoding.encode(spec))
    }

    @Test("the JSON Schema names exactly the keys the decoder reads and the encoder writes")
    func schemaMatchesCodable() throws {
        let schema = try JSONSerialization.jsonObject(with: Resources.data("appspec.schema.json")) as! [String: Any]
        let defs = schema["$defs"] as! [String: Any]
        func keys(_ node: Any?) -> Set<String> { Set(((node as? [String: Any])?["properties"] as? [String: Any] ?? [:]).keys) }
        // A spec with every optional part present, encoded: its keys must be the schema's.
        var field = Field(name: "price", label: "Price", type: .number, required: true, unique: false, minLength: nil, maxLength: nil,
                          minimum: 0, exclusiveMinimum: nil, maximum: 10, allowedValues: nil, defaultValue: .number(1))
        field.minLength = nil
        let text = Field(name: "code", label: "Code", type: .string, minLength: 1, maxLength: 9, allowedValues: nil)
        let en = Field(name: "kind", label: "Kind", type: .enumeration, allowedValues: ["a", "b"], defaultValue: .string("a"))
        let positive = Field(name: "qty", label: "Qty", type: .integer, exclusiveMinimum: 0)
        let spec = AppSpec(name: "x", title: "X", language: .en, requirement: "r",
                           accounts: Accounts(identity: Field(name: "username", label: "U", type: .string, required: true, unique: true)),
                           entities: [Entity(name: "item", plural: "items", label: "Item", fields: [field, text, en, positive], searchable: ["code"],
                                             access: Access(read: .anyone, write: .owner))],
                           clauses: [Clause(text: "t", refs: ["title"])])
        let json = try JSONSerialization.jsonObject(with: Data(SpecCoding.encode(spec).utf8)) as! [String: Any]
        #expect(Set(json.keys) == keys(schema))
        let accounts = json["accounts"] as! [String: Any]
        // The contract v2 keys are written only when used; the next test covers them.
        #expect(Set(accounts.keys) == keys(defs["accounts"]).subtracting(["roles"]))
        let entity = (json["entities"] as! [[String: Any]])[0]
        #expect(Set(entity.keys) == keys(defs["entity"]).subtracting(["permissions", "actions"]))
        var fieldKeys = Set<String>()
        for f in entity["fields"] as! [[String: Any]] { fieldKeys.formUnion(f.keys) }
        #expect(fieldKeys == keys(defs["field"]).subtracting(["relation"]))
        let password = (defs["accounts"] as! [String: Any])["properties"] as! [String: Any]
        #expect(Set((accounts["password"] as! [String: Any]).keys) == keys(password["password"]))
        let types = ((defs["field"] as! [String: Any])["properties"] as! [String: Any])["type"] as! [String: Any]
        #expect(Set(types["enum"] as! [String]) == Set(FieldType.allCases.map(\.rawValue)))
        let audiences = (defs["audience"] as! [String: Any])["enum"] as! [String]
        #expect(Set(audiences) == Set(Audience.allCases.map(\.rawValue)))
    }

    @Test("the JSON Schema names exactly the contract v2 keys: roles, relations, permissions, actions")
    func schemaMatchesContractV2() throws {
        let schema = try JSONSerialization.jsonObject(with: Resources.data("appspec.schema.json")) as! [String: Any]
        let defs = schema["$defs"] as! [String: Any]
        func keys(_ node: Any?) -> Set<String> { Set(((node as? [String: Any])?["properties"] as? [String: Any] ?? [:]).keys) }
        var seen: (entity: Set<String>, field: Set<String>, action: Set<String>, accounts: Set<String>, permissions: Set<String>) = ([], [], [], [], [])
        for name in Fixtures.specNames {
            let spec = try Fixtures.spec(name)
            let json = try JSONSerialization.jsonObject(with: Data(SpecCoding.encode(spec).utf8)) as! [String: Any]
            seen.accounts.formUnion((json["accounts"] as? [String: Any])?.keys.map { $0 } ?? [])
            for e in json["entities"] as? [[String: Any]] ?? [] {
                seen.entity.formUnion(e.keys)
                seen.permissions.formUnion((e["permissions"] as? [String: Any])?.keys.map { $0 } ?? [])
                for f in e["fields"] as? [[String: Any]] ?? [] { seen.field.formUnion(f.keys) }
                for a in e["actions"] as? [[String: Any]] ?? [] { seen.action.formUnion(a.keys) }
            }
        }
        #expect(seen.entity == keys(defs["entity"]))
        #expect(seen.field == keys(defs["field"]))
        #expect(seen.action == keys(defs["action"]))
        #expect(seen.accounts == keys(defs["accounts"]))
        #expect(seen.permissions.isSubset(of: keys((defs["entity"] as! [String: Any])["properties"].flatMap { ($0 as! [String: Any])["permissions"] })))
    }

    static let contradictions: [(String, @Sendable (inout AppSpec) -> Void, String)] = [
        ("search on a missing field", { $0.entities[0].searchable = ["nope"] }, "not a field"),
        ("min length above max", { $0.entities[0].fields[0].minLength = 50; $0.entities[0].fields[0].maxLength = 10 }, "greater than maxLength"),
        ("private entity without accounts", { $0.accounts = nil; $0.entities[0].access = Access(read: .owner, write: .owner) }, "no accounts"),
        ("enum without values", { $0.entities[0].fields[0].type = .enumeration }, "needs allowedValues"),
        ("default outside the allowed values", {
            $0.entities[0].fields[0].type = .enumeration
            $0.entities[0].fields[0].allowedValues = ["a"]
            $0.entities[0].fields[0].maxLength = nil
            $0.entities[0].fields[0].defaultValue = .string("b")
        }, "not among the allowed values"),
        ("two fields with one name", { $0.entities[0].fields.append($0.entities[0].fields[0]) }, "defined twice"),
        ("relation to an unknown entity", {
            $0.version = 2
            $0.entities[0].fields.append(Field(name: "shelf_id", label: "Shelf", type: .integer, relation: Relation(entity: "shelf")))
        }, "unknown entity 'shelf'"),
        ("a role used but never defined", { $0.version = 2; $0.entities[0].permissions[.delete] = [.role("admin")] }, "never defined"),
        ("an effect on an unknown field", {
            $0.version = 2
            $0.entities[0].actions = [DomainAction(name: "borrow", label: "Borrow", effects: [.increment(field: "stock", by: -1)])]
        }, "unknown field 'stock'"),
        ("a precondition that can never hold", {
            $0.version = 2
            $0.entities[0].fields.append(Field(name: "stock", label: "Stock", type: .integer, minimum: 0))
            $0.entities[0].actions = [DomainAction(name: "borrow", label: "Borrow",
                                                   preconditions: [Precondition(field: "stock", op: .less, value: .constant(.number(0)))],
                                                   effects: [.increment(field: "stock", by: -1)])]
        }, "can never hold"),
        ("an action named like a standard operation", {
            $0.version = 2
            $0.entities[0].actions = [DomainAction(name: "delete", label: "Delete", oncePerUser: true)]
        }, "standard operation"),
        ("contract v2 parts in a version 1 spec", {
            $0.entities[0].permissions[.delete] = [.signedIn]
        }, "need version 2"),
        ("a reserved field name", { $0.entities[0].fields[0].name = "id" }, "reserved"),
        ("a non-unique identity", { $0.accounts?.identity.unique = false }, "must be unique"),
        ("length limits on a number", { $0.entities[0].fields[0].type = .integer }, "length limits apply to text"),
        ("an impossible range", { $0.entities[0].fields[1].type = .integer; $0.entities[0].fields[1].minimum = 5; $0.entities[0].fields[1].maximum = 1 }, "no value fits"),
        ("private reading, shared writing", { $0.entities[0].access = Access(read: .owner, write: .anyone) }, "contradictory"),
        ("an unsupported version", { $0.version = 99 }, "not supported"),
        ("nothing to build", { $0.accounts = nil; $0.entities = [] }, "nothing to build"),
        ("a bad identifier", { $0.entities[0].name = "Blog Post" }, "lower_snake_case"),
    ]

    @Test("the validator rejects contradictions with a message naming the problem", arguments: 0..<contradictions.count)
    func rejects(index: Int) throws {
        let (_, mutate, expected) = Self.contradictions[index]
        var spec = try Fixtures.spec("blog_zh")
        mutate(&spec)
        let problems = SpecValidator.problems(in: spec)
        #expect(problems.contains { $0.message.contains(expected) }, "\(problems)")
    }

    @Test("unreadable spec files are reported with where they are wrong")
    func unreadable() {
        #expect(throws: SpecError.self) { try SpecCoding.decode(Data("{not json".utf8)) }
        do {
            _ = try SpecCoding.decode(Data(#"{"version": 1, "name": "x", "entities": [{"name": "a", "fields": [{"name": "b"}]}]}"#.utf8))
            Issue.record("a field without a type was accepted")
        } catch let e as SpecError {
            #expect(e.description.contains("type"))
            #expect(e.description.contains("entities"))
        } catch { Issue.record("unexpected \(error)") }
    }
}

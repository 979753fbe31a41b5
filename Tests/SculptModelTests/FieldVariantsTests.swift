import Foundation
import SculptCore
import Testing
@testable import SculptModel

/// The response schema's field variants (`FieldVariants`) against the validator: a constraint the
/// grammar offers on a type is one `SpecValidator` accepts there, and the answers the fine-tuned
/// model wrote under the old one-size schema are refused by the new one.
@Suite("Field schema by type")
struct FieldVariantsTests {
    static func fieldSchema() throws -> JSON {
        try #require(AppSpecSchema.response()["properties"]?["entities"]?["items"]?["properties"]?["fields"]?["items"])
    }

    /// One child entity with this field (named for the relation it may hold) beside a parent.
    static func validatorAccepts(_ field: JSON) throws -> Bool {
        let spec = try #require(JSON.parse(#"{"version":2,"name":"probe","title":"Probe","language":"en","entities":[{"name":"parent","fields":[{"name":"title","type":"string"}]},{"name":"child","fields":["# + field.text + "]}]}"))
        guard let decoded = try? JSONDecoder().decode(AppSpec.self, from: Data(spec.text.utf8)) else { return false }
        return SpecValidator.problems(in: decoded).isEmpty
    }

    /// Constraints, alone and in the pairs the validator has rules about, with values of their own
    /// (not the ones FieldVariants probes with).
    static let constraints: [[(String, JSON)]] = [
        [],
        [("label", .string("Price"))], [("required", .bool(true))], [("unique", .bool(true))],
        [("minLength", .number(2))], [("maxLength", .number(50))],
        [("minimum", .number(0))], [("exclusiveMinimum", .number(0))], [("maximum", .number(10))],
        [("allowedValues", .array([.string("open"), .string("closed")]))],
        [("default", .string("open"))], [("default", .number(3))], [("default", .number(2.5))], [("default", .bool(false))],
        [("relation", .object([("entity", .string("parent"))]))],
        [("unique", .bool(true)), ("default", .number(3))],
        [("minimum", .number(0)), ("maximum", .number(10))],
        [("exclusiveMinimum", .number(0)), ("maximum", .number(10))],
        [("minimum", .number(0)), ("exclusiveMinimum", .number(0))],
        [("minLength", .number(2)), ("maxLength", .number(50))],
        [("required", .bool(true)), ("relation", .object([("entity", .string("parent"))]))],
        [("unique", .bool(true)), ("relation", .object([("entity", .string("parent"))]))],
        [("minimum", .number(1)), ("relation", .object([("entity", .string("parent"))]))],
    ]

    @Test(arguments: FieldType.allCases)
    func theSchemaOffersWhatTheValidatorAccepts(_ type: FieldType) throws {
        let schema = try Self.fieldSchema()
        for extra in Self.constraints {
            // An enum's values come right after its type (required, so first in the grammar).
            var field: [(String, JSON)] = [("name", .string("parent_id")), ("type", .string(type.rawValue))]
            if type == .enumeration && !extra.isEmpty && !extra.contains(where: { $0.0 == "allowedValues" }) {
                field.append(("allowedValues", .array([.string("open"), .string("closed")])))
            }
            field += extra
            let json = JSON.object(field)
            let admitted = TrainingFormatGrammarTests.misfits(json, schema).isEmpty
            #expect(admitted == (try Self.validatorAccepts(json)),
                    "\(json.text): the schema \(admitted ? "admits" : "refuses") it, the validator does not agree")
        }
    }

    @Test func everyFieldTypeHasAVariant() throws {
        let variants = try #require(Self.fieldSchema()["anyOf"]?.array)
        let covered = Set(variants.flatMap { $0["properties"]?["type"]?["enum"]?.array?.compactMap(\.string) ?? [] })
        #expect(covered == Set(FieldType.allCases.map(\.rawValue)))
        for v in variants {
            let types = Set(v["properties"]?["type"]?["enum"]?.array?.compactMap(\.string) ?? [])
            let keys = Set(v["properties"]?.objectPairs.map(\.0) ?? [])
            if keys.contains("maxLength") { #expect(types.isSubset(of: ["string", "text", "email"]), "length limits on \(types)") }
            if keys.contains("minimum") { #expect(types.isSubset(of: ["integer", "number"]), "numeric limits on \(types)") }
            if keys.contains("relation") { #expect(types == ["integer"] && !keys.contains("default") && !keys.contains("unique")) }
            if types.contains("enum") { #expect(v["required"]?.array?.contains(.string("allowedValues")) == true) }
            if types.contains("boolean") { #expect(!keys.contains("unique")) }
        }
    }

    /// Answers the fine-tuned model (r3) wrote under the old schema, from the held-out evaluation:
    /// maxLength on a number, an enum without values, maxLength on a datetime and on an integer,
    /// maximum on a string. The new schema refuses each, as the validator does.
    static let heldOutAnswers = [
        #"{"version":1,"name":"expenses","entities":[{"name":"expense","fields":[{"name":"amount","type":"number","label":"Amount","maxLength":1},{"name":"reason","type":"string","label":"Reason"}],"label":"Expense claim","operations":["create","list","get"]}],"title":"Expense claim manager","language":"en"}"#,
        #"{"version":1,"name":"cars","entities":[{"name":"car","fields":[{"name":"name","type":"string","label":"名","maxLength":2},{"name":"price","type":"number","label":"时间","maxLength":5},{"name":"status","type":"enum","label":"状态","maxLength":5}],"label":"餐桌预订","searchable":["name"]}],"title":"邮箱","language":"zh"}"#,
        #"{"version":1,"name":"scenes","entities":[{"name":"scenes","fields":[{"name":"title","type":"string","label":"题目","maxLength":100},{"name":"start_time","type":"datetime","label":"时长","maxLength":100}],"label":"剧集","operations":["create","list","get"]}],"title":"剧集管理","language":"zh"}"#,
        #"{"version":1,"name":"drug","entities":[{"name":"drug","fields":[{"name":"name","type":"string","label":"Full name","maxLength":32},{"name":"dose","type":"integer","label":"Dose","maxLength":32},{"name":"price","type":"number","label":"Price","maxLength":32}],"label":"Drug","operations":["create","list","get"]}],"title":"Drug manager","language":"en"}"#,
        #"{"version":1,"name":"users","entities":[{"name":"user","fields":[{"name":"username","type":"string","label":"Username","maxLength":2,"maximum":2},{"name":"profile","type":"string","label":"密码"}],"label":"用户名","operations":["create","list","get"]}],"title":"用户名","language":"zh"}"#,
    ]

    @Test(arguments: heldOutAnswers.indices)
    func heldOutFailuresAreRefusedByTheSchema(_ i: Int) throws {
        let answer = try #require(JSON.parse(Self.heldOutAnswers[i]))
        let misfits = TrainingFormatGrammarTests.misfits(answer, try AppSpecSchema.response())
        #expect(!misfits.isEmpty && misfits.allSatisfy { $0.contains(".fields[") }, "\(misfits)")
        let spec = try JSONDecoder().decode(AppSpec.self, from: Data(Self.heldOutAnswers[i].utf8))
        #expect(!SpecValidator.problems(in: spec).isEmpty)
    }

    /// What no schema can say stays with the validator and AnswerRepair: a field defined twice.
    @Test func aFieldDefinedTwiceIsLeftToTheRepair() throws {
        let text = #"{"version":1,"name":"signup","entities":[{"name":"signup","fields":[{"name":"email","type":"email","label":"Email","maxLength":10},{"name":"displayname","type":"string","label":"Display name","maxLength":10},{"name":"displayname","type":"string","label":"Display name","maxLength":10}],"label":"Sign up","searchable":["displayname"]}],"title":"Sign up","language":"en"}"#
        #expect(TrainingFormatGrammarTests.misfits(try #require(JSON.parse(text)), try AppSpecSchema.response()).isEmpty)
        let spec = try JSONDecoder().decode(AppSpec.self, from: Data(text.utf8))
        let mended = AnswerRepair.mend(spec)
        #expect(!mended.repairs.isEmpty && SpecValidator.problems(in: mended.spec).isEmpty)
    }
}

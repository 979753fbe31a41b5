import Foundation
import SculptCore
import Testing
@testable import SculptModel

/// `AnswerRepair` mends only slips with one sensible reading, says what it did, and leaves a valid
/// answer exactly as it was.
@Suite("Model answers: mechanical slips mended")
struct AnswerRepairTests {
    /// One slip: an answer the validator refuses as written and accepts once mended.
    struct Slip: Sendable, CustomTestStringConvertible {
        var name: String
        var answer: String
        /// A repair line that must be reported.
        var repair: String
        /// What the mended spec must say.
        var check: @Sendable (AppSpec) -> Bool
        var testDescription: String { name }
    }

    static func entity(_ body: String, extra: String = "") -> String {
        #"{"version":1,"name":"shop","entities":[{"name":"product",\#(body)}\#(extra)],"language":"en"}"#
    }

    static let slips: [Slip] = [
        Slip(name: "a field defined twice",
             answer: entity(#""fields":[{"name":"title","type":"string","required":true},{"name":"price","type":"number"},{"name":"title","type":"text","maxLength":9}]"#),
             repair: "entity 'product': field 'title' was defined twice; kept the first definition",
             check: { s in s.entities[0].fields.map(\.name) == ["title", "price"] && s.entities[0].fields[0].type == .string && s.entities[0].fields[0].required }),
        Slip(name: "search on no field and on a number",
             answer: entity(#""fields":[{"name":"title","type":"string"},{"name":"price","type":"number"}],"searchable":["title","products","price","delete"]"#),
             repair: "entity 'product': dropped search on 'products', 'price', 'delete', which are not a text field of it",
             check: { $0.entities[0].searchable == ["title"] }),
        Slip(name: "search without the list operation",
             answer: entity(#""fields":[{"name":"title","type":"string"}],"operations":["create","get"],"searchable":["title"]"#),
             repair: "entity 'product' has no list operation to search in; dropped search on 'title'",
             check: { $0.entities[0].searchable.isEmpty && $0.entities[0].operations == [.create, .get] }),
        Slip(name: "a default of the wrong type",
             answer: entity(#""fields":[{"name":"title","type":"string","default":true},{"name":"sold_on","type":"date","default":false},{"name":"stock","type":"integer","default":3}]"#),
             repair: "entity 'product': field 'sold_on': dropped the default false, which does not match type date",
             check: { s in s.entities[0].fields.map(\.defaultValue) == [nil, nil, .number(3)] }),
        Slip(name: "a default outside the allowed values, on a unique field",
             answer: entity(#""fields":[{"name":"state","type":"enum","allowedValues":["new","old"],"default":"used"},{"name":"code","type":"string","unique":true,"default":"x"}]"#),
             repair: "entity 'product': field 'state': dropped the default \"used\", which is not among the allowed values",
             check: { s in s.entities[0].fields.allSatisfy { $0.defaultValue == nil } && s.entities[0].fields[1].unique }),
        Slip(name: "reserved field names",
             answer: entity(#""fields":[{"name":"id","type":"integer"},{"name":"title","type":"string"},{"name":"password","type":"string","minLength":8},{"name":"created_at","type":"datetime"}]"#),
             repair: "entity 'product': dropped field 'password', which the generated code provides itself",
             check: { $0.entities[0].fields.map(\.name) == ["title"] }),
        Slip(name: "limits that do not apply to the type",
             answer: entity(#""fields":[{"name":"sold_on","type":"date","maxLength":100},{"name":"title","type":"string","minimum":1,"maxLength":50}]"#),
             repair: "entity 'product': field 'sold_on' is date; dropped its length limits, which apply to text",
             check: { s in s.entities[0].fields[0].maxLength == nil && s.entities[0].fields[1].minimum == nil && s.entities[0].fields[1].maxLength == 50 }),
        Slip(name: "a relation to no entity",
             answer: entity(#""fields":[{"name":"status","type":"string","default":"active","relation":{"entity":"active","onDelete":"restrict"}}]"#),
             repair: "entity 'product': field 'status' pointed at 'active', which is no entity; dropped the relation",
             check: { s in s.entities[0].fields[0].relation == nil && s.entities[0].fields[0].defaultValue == .string("active") && s.version == 1 }),
        Slip(name: "a relation written under version 1",
             answer: entity(#""fields":[{"name":"title","type":"string"}]"#, extra: #",{"name":"review","fields":[{"name":"body","type":"text"},{"name":"product_id","type":"integer","required":true,"relation":{"entity":"product","onDelete":"cascade"}}]}"#),
             repair: "version 1 cannot state relations, roles, permissions or actions; raised it to 2",
             check: { s in s.version == 2 && s.entities[1].fields[1].relation == Relation(entity: "product", onDelete: .cascade) }),
        Slip(name: "an entity defined twice",
             answer: entity(#""fields":[{"name":"title","type":"string"}]"#, extra: #",{"name":"product","fields":[{"name":"name","type":"string"}]}"#),
             repair: "entity 'product' was defined twice; kept the first definition",
             check: { s in s.entities.count == 1 && s.entities[0].fields.map(\.name) == ["title"] }),
        Slip(name: "repeated operations and allowed values, a unique boolean",
             answer: entity(#""fields":[{"name":"state","type":"enum","allowedValues":["new","new","old"]},{"name":"sold","type":"boolean","unique":true}],"operations":["create","list","list"]"#),
             repair: "entity 'product': field 'sold' is a boolean, which cannot be unique; dropped 'unique'",
             check: { s in s.entities[0].operations == [.create, .list] && s.entities[0].fields[0].allowedValues == ["new", "old"] && !s.entities[0].fields[1].unique }),
        Slip(name: "an enum with no allowed values",
             answer: entity(#""fields":[{"name":"status","type":"enum","label":"状态","maxLength":20},{"name":"kind","type":"enum","allowedValues":["a","b"]}]"#),
             repair: "entity 'product': field 'status' is an enum with no allowed values; made it a string field",
             check: { s in s.entities[0].fields[0].type == .string && s.entities[0].fields[0].maxLength == 20 && s.entities[0].fields[1].type == .enumeration }),
        Slip(name: "a field of the accounts given twice, one the identity",
             answer: #"{"version":1,"name":"club","entities":[],"language":"en","accounts":{"identity":{"name":"username","type":"string","required":true,"unique":true},"fields":[{"name":"nickname","type":"string"},{"name":"username","type":"string"},{"name":"nickname","type":"text"}]}}"#,
             repair: "accounts: field 'username' was defined twice; kept the first definition",
             check: { s in s.accounts?.fields.map(\.name) == ["nickname"] && s.accounts?.fields[0].type == .string }),
    ]

    @Test(arguments: slips)
    func aSlipIsRefusedAsWrittenAndAcceptedMended(_ slip: Slip) throws {
        let data = Data(slip.answer.utf8)
        #expect(throws: SpecError.self) { try SpecCoding.decode(data) }
        let accepted = try ModelUnderstander.read(ChatCompletion(content: slip.answer), requirement: "r").get()
        #expect(SpecValidator.problems(in: accepted.spec).isEmpty)
        #expect(accepted.repairs.contains(slip.repair), "\(accepted.repairs)")
        #expect(slip.check(accepted.spec), "\(SpecCoding.encode(accepted.spec))")
        #expect(accepted.spec.requirement == "r")
    }

    /// Every valid spec the repo has (worked examples, fixtures, including contract v2 ones) goes
    /// through untouched, and so it does through each rule on its own.
    static func validSpecs() throws -> [AppSpec] {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/specs")
        let files = try FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil).filter { $0.pathExtension == "json" }
        return try WorkedExamples.all.map { try SpecCoding.decode(Data($0.spec.utf8)) } + files.map { try SpecCoding.decode(Data(contentsOf: $0)) }
    }

    @Test func aValidAnswerIsLeftExactlyAsItIs() throws {
        let specs = try Self.validSpecs()
        #expect(specs.count >= 10 && specs.contains { $0.version == 2 })
        for spec in specs {
            let (mended, repairs) = AnswerRepair.mend(spec)
            #expect(mended == spec && repairs.isEmpty, "\(spec.name)")
            var each = spec, lines: [String] = []
            for i in each.entities.indices {
                AnswerRepair.mendFields(&each.entities[i].fields, owner: "e", repairs: &lines)
                AnswerRepair.mendEntity(&each.entities[i], repairs: &lines)
            }
            if var a = each.accounts { AnswerRepair.mendFields(&a.fields, owner: "accounts", repairs: &lines, taken: [a.identity.name]); each.accounts = a }
            #expect(each == spec && lines.isEmpty, "\(spec.name): \(lines)")
            let read = try ModelUnderstander.read(ChatCompletion(content: CompactSpec.encode(spec)), requirement: spec.requirement ?? "").get()
            #expect(read.repairs.isEmpty && read.spec.entities == spec.entities, "\(spec.name)")
        }
    }

    @Test func whatNoRuleCanMendStillGoesBackWithTheAnswersOwnProblems() throws {
        // Restricted access without accounts: open it or add accounts? Two readings, so it is not mended.
        let answer = Self.entity(#""fields":[{"name":"title","type":"string"},{"name":"title","type":"string"}],"access":{"read":"anyone","write":"signed_in"}"#)
        guard case .failure(let problems) = ModelUnderstander.read(ChatCompletion(content: answer), requirement: "r") else {
            Issue.record("accepted"); return
        }
        #expect(problems.items.contains { $0.contains("field 'title' is defined twice") })
        #expect(problems.items.contains { $0.contains("but the app has no accounts") })
    }

    @Test func mendAnswerReadsAnAnswerOutsideAConversation() throws {
        let (spec, repairs) = try ModelUnderstander.mendAnswer("```json\n" + Self.slips[0].answer + "\n```")
        #expect(spec.entities[0].fields.count == 2 && repairs.count == 1)
        #expect(throws: SpecError.unreadable("the answer is not a JSON object")) { try ModelUnderstander.mendAnswer("[1, 2]") }
        #expect(throws: SpecError.self) { try ModelUnderstander.mendAnswer(#"{"version":1}"#) }
    }

    @Test func theReportListsEveryRepairAndNoCorrectionIsAsked() async throws {
        let answer = Self.slips[0].answer
        let server = try await ScriptedServer { _, _ in .send([(Wire.completion(answer), 0)], close: true) }
        defer { Task { await server.stop() } }
        let client = ChatClient(configuration: ModelConfiguration(model: "tiny", baseURL: server.baseURL, apiKey: APIKey("sk-repair-test-0123456789"), timeout: 30, maxRetries: 0),
                                retry: RetryPolicy(maxRetries: 0, baseDelay: 0.05, maxDelay: 1), log: { _ in })
        let u = try await ModelUnderstander(client: client).understand("A shop: products have a title and a price.")
        #expect(u.source == .model(answers: 1))
        #expect(server.requests.count == 1)
        #expect(u.report.notes.contains("model answer mended: entity 'product': field 'title' was defined twice; kept the first definition"))
        #expect(u.spec.entities[0].fields.map(\.name) == ["title", "price"])
    }
}

import Foundation
import SculptCore
import Testing
@testable import SculptModel

@Suite("Configuration, events, retries, schema, comparison")
struct UnitTests {
    @Test func flagsBeatEnvironmentWhichBeatsTheConfigFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-config-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sculpt"), withIntermediateDirectories: true)
        try #"{"model":"from-file","baseURL":"http://file.example/v1","apiKey":"sk-file","timeoutSeconds":12}"#
            .write(to: dir.appendingPathComponent("sculpt/config.json"), atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": dir.path, "OPENAI_BASE_URL": "http://openai-env/v1/", "SCULPT_MODEL": "from-env"]
        let c = try #require(try ModelConfiguration.resolve(flags: .init(model: "from-flag"), environment: env))
        #expect(c.model == "from-flag" && c.setting("model") == "--model")
        #expect(c.baseURL == "http://openai-env/v1" && c.setting("baseURL") == "OPENAI_BASE_URL")
        #expect(c.timeout == 12 && c.setting("timeout").contains("timeoutSeconds"))
        #expect(c.apiKey == APIKey("sk-file"))
        let fromEnv = try #require(try ModelConfiguration.resolve(flags: .init(), environment: env))
        #expect(fromEnv.model == "from-env")
        let fromFile = try #require(try ModelConfiguration.resolve(flags: .init(), environment: ["XDG_CONFIG_HOME": dir.path]))
        #expect(fromFile.model == "from-file" && fromFile.baseURL == "http://file.example/v1")
    }

    @Test func noModelAnywhereMeansOffline() throws {
        #expect(try ModelConfiguration.resolve(flags: .init(), environment: ["HOME": "/nonexistent"]) == nil)
    }

    @Test func aBadBaseURLNamesItsSetting() {
        #expect(throws: ModelConfiguration.Problem.badValue(setting: "SCULPT_BASE_URL", value: "localhost:8080",
                                                             expected: "an http(s) URL such as http://127.0.0.1:8080/v1")) {
            try ModelConfiguration.resolve(flags: .init(model: "m"), environment: ["SCULPT_BASE_URL": "localhost:8080", "HOME": "/nonexistent"])
        }
    }

    @Test func theKeyRendersRedactedEverywhere() throws {
        let c = ModelConfiguration(model: "m", apiKey: APIKey("sk-live-0123456789abcdefXYZ"))
        for text in ["\(c)", String(describing: c), String(reflecting: c), "\(c.apiKey!)", dumped(c)] {
            #expect(!text.contains("0123456789abcdef"), "\(text)")
        }
        #expect(c.apiKey!.scrub("echo: Bearer sk-live-0123456789abcdefXYZ!") == "echo: Bearer <redacted>!")
        #expect(!c.apiKey!.scrub("key sk-live-012345678…").contains("sk-live-0123"))
    }

    func dumped<T>(_ x: T) -> String { var s = ""; dump(x, to: &s); return s }

    @Test func serverSentEventsSurviveAnySplit() {
        let text = ": keep-alive\r\ndata: {\"a\":1}\r\n\r\nevent: x\ndata: line1\ndata: line2\n\ndata: [DONE]\n\n"
        let bytes = Array(text.utf8)
        for size in [1, 2, 3, 7, bytes.count] {
            var p = ServerSentEvents()
            var events: [String] = []
            var i = 0
            while i < bytes.count { events += p.feed(bytes[i..<min(i + size, bytes.count)]); i += size }
            #expect(events == ["{\"a\":1}", "line1\nline2", "[DONE]"], "split every \(size) bytes")
        }
        var p = ServerSentEvents()
        _ = p.feed(Array("data: {\"cut\":".utf8))
        #expect(p.hasPartialEvent)
    }

    @Test func retryAfterIsHonouredAndBounded() {
        let policy = RetryPolicy(maxRetries: 3, baseDelay: 0.5, maxDelay: 10, random: { 0.5 })
        #expect(RetryPolicy.parseRetryAfter("3") == 3)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:13:40 GMT", now: now) == 20)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
        #expect(policy.delay(retry: 1, retryAfter: 2)! >= 2)
        #expect(policy.delay(retry: 1, retryAfter: 60) == nil)
        let backoff = (1...6).map { policy.delay(retry: $0, retryAfter: nil)! }
        #expect(backoff == backoff.sorted() && backoff.last! <= 10)
    }

    @Test func theResponseSchemaIsSelfContained() throws {
        let schema = try AppSpecSchema.response()
        let text = schema.text
        #expect(!text.contains("$ref") && !text.contains("$defs") && !text.contains("$schema"))
        #expect(schema["properties"]?["title"] != nil, "the AppSpec property 'title' is kept")
        #expect(schema["properties"]?["requirement"] == nil && schema["properties"]?["clauses"] == nil)
        #expect(text.contains(#""default":{"type":["integer","null"]}"#) && text.contains(#""default":{"type":["boolean","null"]}"#),
                "the field property 'default' is kept, narrowed per field type")
        #expect(text.contains("{0,47}$"))
    }

    @Test func responseSchemaSpellsOutOperationSets() throws {
        let schema = try AppSpecSchema.response()
        let entity = schema["properties"]?["entities"]?["items"]
        let sets = try #require(entity?["properties"]?["operations"]?["enum"]?.array)
        #expect(sets.count == 31, "every non-empty subset of the five operations")
        let lists = sets.compactMap { $0.array?.compactMap(\.string) }
        #expect(lists.allSatisfy { Set($0).count == $0.count && !$0.isEmpty }, "no operation twice")
        #expect(lists.contains(["create", "list", "get", "update", "delete"]) && lists.contains(["list", "get"]))
        #expect(!lists.contains(["list", "create"]), "schema order only, the order answers are trained in")
        let searchable = entity?["properties"]?["searchable"]?["items"]
        #expect(searchable?["pattern"] == .string("^[a-z][a-z0-9_]{0,47}$"), "searchable entries are field names")
    }

    @Test(arguments: WorkedExamples.all.indices)
    func workedExamplesAreValidSpecs(_ i: Int) throws {
        let spec = try SpecCoding.decode(Data(WorkedExamples.all[i].spec.utf8))
        #expect(SpecValidator.problems(in: spec).isEmpty)
    }

    @Test func answersAreReadLeniently() throws {
        let fenced = ChatCompletion(content: "```json\n" + WorkedExamples.all[2].spec.replacingOccurrences(of: #""version":1,"#, with: "") + "\n```")
        let spec = try ModelUnderstander.read(fenced, requirement: "products").get().spec
        #expect(spec.entities.map(\.name) == ["product"] && spec.requirement == "products")
        let invalid = ChatCompletion(content: #"{"version":1,"name":"Shop","entities":[{"name":"item","fields":[{"name":"id","type":"string"}]}]}"#)
        guard case .failure(let problems) = ModelUnderstander.read(invalid, requirement: "x") else { Issue.record("accepted"); return }
        #expect(problems.items.contains { $0.contains("not a lower_snake_case identifier") })
        #expect(problems.items.contains { $0.contains("'id' is reserved") })
        let cut = ChatCompletion(content: #"{"version":1,"na"#, finishReason: "length")
        guard case .failure(let why) = ModelUnderstander.read(cut, requirement: "x") else { Issue.record("accepted"); return }
        #expect(why.items.first?.contains("cut off") == true)
    }

    @Test func differencesAreInPlainWords() throws {
        let offline = try SpecCoding.decode(Data(WorkedExamples.all[1].spec.utf8))
        var model = offline
        model.entities[0].fields.append(Field(name: "summary", label: "摘要", type: .text))
        model.entities[0].fields[0].maxLength = 100
        model.entities[0].access = Access(read: .signedIn, write: .owner)
        model.entities.append(Entity(name: "comment", plural: "comments", label: "评论", fields: [Field(name: "body", label: "内容", type: .text, required: true)]))
        let d = SpecComparison.differences(offline: offline, model: model)
        #expect(d.contains("the model added entity 'comment' (fields: body)"))
        #expect(d.contains("post: the model added field 'summary' (text)"))
        #expect(d.contains("post.title: maxLength 100 from the model, 200 from the parser"))
        #expect(d.contains { $0.hasPrefix("post: the model lets signed_in read") })
        #expect(SpecComparison.differences(offline: offline, model: offline).isEmpty)
    }
}

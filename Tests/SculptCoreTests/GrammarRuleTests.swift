import Foundation
import Testing
@testable import SculptCore

/// One test per grammar rule of the offline parser, on sentences from domains the understanding
/// benchmark does not use (nurseries, boats, bakeries, museums, podcasts…), so that a rule is
/// proven general rather than fitted to the benchmark's wording.
@Suite("Parser grammar rules")
struct GrammarRuleTests {
    func parse(_ text: String, allowPartial: Bool = false) throws -> Understanding {
        try RequirementParser(allowPartial: allowPartial).understand(text)
    }

    func entity(_ u: Understanding, _ name: String) throws -> Entity {
        try #require(u.spec.entity(named: name), "no entity \(name) in \(u.spec.entities.map(\.name))")
    }

    func field(_ u: Understanding, _ e: String, _ name: String) throws -> Field {
        let en = try entity(u, e)
        return try #require(en.field(named: name), "no field \(name) in \(en.fields.map(\.name))")
    }

    func labelled(_ u: Understanding, _ label: String) throws -> Field {
        try #require(u.spec.entities.flatMap(\.fields).first { $0.label == label }, "no field labelled \(label)")
    }

    @Test("a coordinated list shares its constraint: 'A, B and C are required', 'A、B和C必填'")
    func coordinatedRequired() throws {
        let en = try parse("A plant nursery. Each plant has a species, a pot size, a price and a watering note. Species, pot size and price are required.")
        for name in ["species", "pot_size", "price"] { #expect(try field(en, "plant", name).required, "\(name)") }
        #expect(try field(en, "plant", "watering_note").required == false)
        let zh = try parse("苗圃管理：每株植物有品种、花盆尺寸、价格和浇水说明。品种、花盆尺寸和价格必填，浇水说明选填。")
        for label in ["品种", "花盆尺寸", "价格"] { #expect(try labelled(zh, label).required, "\(label)") }
        #expect(try labelled(zh, "浇水说明").required == false)
        let unique = try parse("Each bike has a frame number, a colour and a owner name. Frame number and owner name required, frame number unique.")
        #expect(try field(unique, "bike", "frame_number").unique)
        #expect(try field(unique, "bike", "owner_name").required)
        #expect(try field(unique, "bike", "colour").required == false)
    }

    @Test("a heading that names a thing, then a bare list, is that thing's fields (en and zh)")
    func headedLists() throws {
        let en = try parse("Museum catalogue.\nExhibits: title (required), artist, year (between 1400 and 2025), room number.")
        let year = try field(en, "exhibit", "year")
        #expect(year.type == .integer && year.minimum == 1400 && year.maximum == 2025)
        #expect(try field(en, "exhibit", "title").required)
        let zh = try parse("实验室台账\n设备：名称（必填）、型号、采购日期、价格（大于0）")
        #expect(try field(zh, "device", "price").exclusiveMinimum == 0)
        #expect(try entity(zh, "device").fields.count == 4)
    }

    @Test("bullet lines under a heading ending in a colon are one field each")
    func bulletLists() throws {
        let u = try parse("Boat rental desk. Fields per boat:\n- name (required, unique)\n- length in feet (1-200)\n- engine: outboard | inboard | sail\n- insured? (defaults to false)\nFull CRUD.")
        let b = try entity(u, "boat")
        #expect(try field(u, "boat", "name").unique)
        let length = try #require(b.fields.first { $0.name.hasPrefix("length") })
        #expect(length.minimum == 1 && length.maximum == 200)
        #expect(try field(u, "boat", "engine").allowedValues == ["outboard", "inboard", "sail"])
        let insured = try field(u, "boat", "insured")
        #expect(insured.type == .boolean && insured.defaultValue == .bool(false))
    }

    @Test("numbers in words and Chinese numerals")
    func numberWords() throws {
        let en = try parse("Each review has a comment of at most fifty characters and a stars count from one to five.")
        #expect(try field(en, "review", "comment").maxLength == 50)
        let stars = try #require(try entity(en, "review").fields.first { $0.name.hasPrefix("stars") })
        #expect(stars.minimum == 1 && stars.maximum == 5)
        let zh = try parse("读书会：每次活动有主题（不超过五十个字）和人数（二十到六十）。")
        #expect(try labelled(zh, "主题").maxLength == 50)
        let people = try labelled(zh, "人数")
        #expect(people.minimum == 20 && people.maximum == 60)
        #expect(NumberWords.value("一百二十") == 120 && NumberWords.value("twenty-five") == 25 && NumberWords.value("两千") == 2000)
    }

    @Test("value lists after any phrasing, with the default said apart")
    func valueLists() throws {
        let en = try parse("Each cake order has a flavour and a size. Size is one of small, medium or large and starts as medium.")
        let size = try field(en, "cake_order", "size")
        #expect(size.allowedValues == ["small", "medium", "large"])
        #expect(size.defaultValue == .string("medium"))
        let zh = try parse("请假单有请假原因和状态。状态分为待审核、已通过、已拒绝，默认待审核。")
        let status = try labelled(zh, "状态")
        #expect(status.allowedValues == ["待审核", "已通过", "已拒绝"])
        #expect(status.defaultValue == .string("待审核"))
    }

    @Test("search names the fields after 'by' / 按, including fields the lexicon does not know")
    func search() throws {
        let en = try parse("Each loaf has a flavour, a baker name and a bake date. Loaves can be searched by flavour and baker name.")
        #expect(try entity(en, "loaf").searchable == ["flavour", "baker_name"])
        let zh = try parse("每个展品有展品编号、作者和年代。可以按展品编号和作者搜索。")
        let e = try #require(zh.spec.entities.first)
        #expect(e.searchable.count == 2)
    }

    @Test("negations rule operations and accounts out")
    func negations() throws {
        let en = try parse("Each talk has a title and a speaker. Talks can be added, listed and edited, but talks can't be deleted.")
        #expect(try entity(en, "talk").operations.contains(.delete) == false)
        #expect(try entity(en, "talk").operations.contains(.update))
        let zh = try parse("每条公告有标题和正文。不需要删除功能。")
        let notice = try #require(zh.spec.entities.first)
        #expect(!notice.operations.contains(.delete) && notice.operations.contains(.update), "\(notice.operations)")
        let open = try parse("A choir roster, no login needed. Each singer has a name and a voice part.")
        #expect(open.spec.accounts == nil)
        let never = try parse("Each invoice line has an amount. We only add, view and edit lines, never delete them.")
        #expect(!(try #require(never.spec.entities.first)).operations.contains(.delete))
    }

    @Test("people who use the app are not things; things only mentioned are reported, not padded")
    func actorsAndMentions() throws {
        let u = try parse("A recipe site. Cooks post recipes with a title, the steps and a cooking time in minutes. Anyone with an account can leave comments.")
        #expect(u.spec.entities.map(\.name) == ["recipe"], "\(u.spec.entities.map(\.name))")
        #expect(u.report.assumptions.contains { $0.contains("omment") })
        let sub = try parse("Each episode belongs to a podcast and has a title, a duration and a release date.")
        #expect(sub.spec.entities.map(\.name) == ["episode"])
        #expect(try entity(sub, "episode").fields.count == 3)
    }

    @Test("entity names are the user's words, not a lexicon neighbour")
    func userWords() throws {
        let u = try parse("Items have a name and a barcode (unique). Items can be searched by name.")
        #expect(u.spec.entities.map(\.name) == ["item"])
        let t = try parse("Each service visit has a date and a technician name.")
        #expect(t.spec.entities.map(\.name) == ["service_visit"])
    }

    @Test("unknown Chinese nouns are composed from known parts before pinyin")
    func morphemes() throws {
        let u = try parse("众筹项目：目标金额（大于0）、剩余天数、是否公开（默认公开）。")
        let names = Set(try #require(u.spec.entities.first).fields.map(\.name))
        #expect(names.contains("target_amount") && names.contains("remaining_days"), "\(names)")
        let pub = try #require(u.spec.entities.first?.fields.first { $0.label == "是否公开" })
        #expect(pub.type == .boolean && pub.defaultValue == .bool(true))
    }

    @Test("a user story is read as a request: the role is an actor, the rest is what to build")
    func userStories() throws {
        let u = try parse("As a bakery owner, I want to add cakes with a name, a price (positive) and a flavour so that customers can see them.")
        #expect(u.spec.entities.map(\.name) == ["cake"])
        #expect(try field(u, "cake", "price").exclusiveMinimum == 0)
    }

    @Test("out of scope is refused with what was and was not understood; --allow-partial builds anyway")
    func scope() throws {
        #expect(throws: UnderstandingError.self) { try parse("Build a service that converts uploaded videos into animated GIFs with subtitles burned in.") }
        do {
            _ = try parse("训练一个深度学习模型来识别图片中的猫和狗")
            Issue.record("accepted a machine-learning requirement")
        } catch let e as UnderstandingError {
            #expect(e.description.contains("--allow-partial"))
        }
        let partial = try parse("Build a tool that converts photos to sketches. Each photo has a title and a caption.", allowPartial: true)
        #expect(partial.spec.entity(named: "photo") != nil)
        #expect(partial.report.notes.contains { $0.contains("out of scope") })
    }

    @Test("requirements above the documented size are refused with a clear message")
    func sizeLimit() throws {
        let text = String(repeating: "Each widget has a name. ", count: RequirementParser.maxCharacters / 24 + 1)
        do {
            _ = try parse(text)
            Issue.record("accepted \(text.count) characters")
        } catch let e as UnderstandingError {
            #expect(e.description.contains("limit"))
        }
    }
}

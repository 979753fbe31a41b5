import Foundation
import Testing
@testable import SculptCore

/// The offline parser, on requirements from several domains in both languages. Each case asserts
/// the facts a user would check in the spec, not the whole spec.
@Suite("Requirement parser")
struct RequirementParserTests {
    func parse(_ text: String) throws -> Understanding { try RequirementParser().understand(text) }

    func field(_ spec: AppSpec, _ entity: String, _ name: String) throws -> Field {
        let e = try #require(spec.entity(named: entity), "no entity \(entity) in \(spec.entities.map(\.name))")
        return try #require(e.field(named: name), "no field \(name) in \(e.fields.map(\.name))")
    }

    @Test("the classic registration requirement, word for word")
    func classicChinese() throws {
        let u = try parse("创建一个用户注册功能，用户需要输入用户名和密码，如果用户名已经存在，返回错误信息，否则，创建新的用户并返回成功信息。")
        let a = try #require(u.spec.accounts)
        #expect(u.spec.language == .zh)
        #expect(a.identity.name == "username" && a.identity.unique && a.identity.required)
        #expect(a.login == false, "login was never asked for")
        #expect(u.spec.entities.isEmpty)
        #expect(u.report.notUnderstood.isEmpty, "\(u.report.notUnderstood)")
        #expect(u.spec.clauses.contains { $0.refs.contains("accounts.identity.unique") && $0.text.contains("已经存在") })
        #expect(!u.report.assumptions.isEmpty, "defaults (password length) must be reported")
    }

    @Test("English registration with login and a profile by email")
    func emailAccounts() throws {
        let u = try parse("User accounts: people sign up with an email address and a password of at least 8 characters; each email can only be used once. They log in with their email and password and get a token. A logged-in user can view their own profile.")
        let a = try #require(u.spec.accounts)
        #expect(a.identity.name == "email" && a.identity.type == .email)
        #expect(a.password.minLength == 8)
        #expect(a.login && a.profile)
        #expect(u.spec.entities.isEmpty, "the profile is not an entity: \(u.spec.entities.map(\.name))")
    }

    @Test("a blog with owners, public reading and search (zh)")
    func blog() throws {
        let u = try parse("做一个博客系统：用户可以注册和登录。登录后的用户可以发表文章，文章包括标题和内容。所有人都可以查看文章列表和文章详情，只有作者本人可以修改或删除自己的文章。文章可以按标题搜索。")
        let post = try #require(u.spec.entity(named: "post"))
        #expect(post.access == Access(read: .anyone, write: .owner))
        #expect(post.searchable == ["title"])
        #expect(Set(post.operations) == Set(EntityOperation.allCases))
        #expect(try field(u.spec, "post", "content").type == .text)
        #expect(u.spec.accounts?.login == true)
        #expect(u.spec.name == "blog")
    }

    @Test("numbers: positive, never negative, whole (en)")
    func products() throws {
        let u = try parse("Product catalog: each product has a name, a unique SKU, a price (a positive number) and a stock count (a whole number, never negative). Support creating, listing, viewing, updating and deleting products, and searching products by name.")
        #expect(try field(u.spec, "product", "sku").unique)
        let price = try field(u.spec, "product", "price")
        #expect(price.type == .number && price.exclusiveMinimum == 0)
        let stock = try field(u.spec, "product", "stock")
        #expect(stock.type == .integer && stock.minimum == 0)
        #expect(u.spec.entity(named: "product")?.searchable == ["name"])
        #expect(u.spec.name == "product_catalog")
    }

    @Test("required, optional, length limits and a boolean default (en)")
    func todo() throws {
        let u = try parse("A todo list. Each task has a title (required, at most 100 characters), an optional description and a done flag that defaults to false. Users can add, list, view, update and delete tasks.")
        let title = try field(u.spec, "task", "title")
        #expect(title.required && title.maxLength == 100)
        #expect(try field(u.spec, "task", "description").required == false)
        let done = try field(u.spec, "task", "done")
        #expect(done.type == .boolean && done.defaultValue == .bool(false))
        #expect(u.spec.accounts == nil, "'Users can' alone does not ask for accounts")
    }

    @Test("Chinese constraint phrases: 必填, 大于0, 不能为负, 只能是…, 默认, 3到20个字符, 至少6位")
    func chineseConstraints() throws {
        let u = try parse("实现一个商品库存管理：商品有名称（必填）、价格（大于0）、库存（不能为负数）和状态（只能是上架、下架或售罄，默认为上架）。")
        #expect(try field(u.spec, "product", "price").exclusiveMinimum == 0)
        #expect(try field(u.spec, "product", "stock").minimum == 0)
        let status = try field(u.spec, "product", "status")
        #expect(status.type == .enumeration)
        #expect(status.allowedValues == ["上架", "下架", "售罄"])
        #expect(status.defaultValue == .string("上架"))
        let r = try parse("用户注册时需要填写用户名（3到20个字符）、密码（至少6位）。注册后可以登录。")
        #expect(r.spec.accounts?.identity.minLength == 3 && r.spec.accounts?.identity.maxLength == 20)
        #expect(r.spec.accounts?.password.minLength == 6)
    }

    @Test("lexicon types: 书名→title, 价格→price, 库存→stock, 邮箱→email, 入职日期→hire_date, 是否完成→done")
    func lexiconTypes() throws {
        let u = try parse("做一个管理系统：每本书有书名、价格、库存、邮箱、入职日期和是否完成。")
        let expected: [(String, FieldType)] = [("title", .string), ("price", .number), ("stock", .integer), ("email", .email),
                                               ("hire_date", .date), ("done", .boolean)]
        for (name, type) in expected { #expect(try field(u.spec, "book", name).type == type, "\(name)") }
    }

    @Test("private entities: each user sees only their own (en)")
    func privateEntities() throws {
        let u = try parse("An expense tracker. Users register and log in with their email. Each expense has an amount (positive), a category (food, transport or rent), a date and an optional note. Each user sees only their own expenses.")
        let e = try #require(u.spec.entity(named: "expense"))
        #expect(e.access == Access(read: .owner, write: .owner))
        #expect(try field(u.spec, "expense", "category").allowedValues == ["food", "transport", "rent"])
        #expect(u.spec.accounts?.identity.name == "email")
    }

    @Test("an entity the lexicon does not know gets an identifier and a note (en and zh)")
    func unknownNouns() throws {
        let en = try parse("Each gadget has a label (required) and a weight in grams (a positive number). Users can add and delete gadgets.")
        let g = try #require(en.spec.entity(named: "gadget"))
        #expect(g.plural == "gadgets")
        #expect(en.report.notes.contains { $0.contains("gadget") })
        let zh = try parse("每个宝贝有昵称和颜色，可以添加和删除宝贝。")
        let e = try #require(zh.spec.entities.first)
        #expect(SpecValidator.isIdentifier(e.name))
        #expect(e.label == "宝贝")
        #expect(zh.report.notes.contains { $0.contains("宝贝") })
        #expect(e.operations.contains(.delete))
    }

    @Test("several entities in one requirement, with signed-in access")
    func severalEntities() throws {
        let u = try parse("A shop. Customers have a name, an email (unique) and a birth date. Orders have an order number, a status (pending, paid or shipped) and a total amount (at least 0). Signed-in users can manage orders; anyone can browse customers.")
        #expect(Set(u.spec.entities.map(\.name)).isSuperset(of: ["customer", "order"]))
        #expect(try field(u.spec, "customer", "email").unique)
        #expect(try field(u.spec, "order", "status").allowedValues == ["pending", "paid", "shipped"])
        #expect(try field(u.spec, "order", "total_amount").minimum == 0)
        #expect(u.spec.entity(named: "order")?.access == Access(read: .signedIn, write: .signedIn))
        #expect(u.spec.entity(named: "customer")?.access.read == .anyone)
    }

    @Test("nothing to build is an error with an example; empty is an error")
    func nothing() {
        #expect(throws: UnderstandingError.empty) { try parse("   ") }
        do {
            _ = try parse("hello world")
            Issue.record("accepted a requirement with nothing to build")
        } catch let e as UnderstandingError {
            #expect(e.description.contains("hello world"))
            #expect(e.description.contains("for example"))
        } catch { Issue.record("\(error)") }
        do {
            _ = try parse("你好，世界")
            Issue.record("accepted a requirement with nothing to build")
        } catch let e as UnderstandingError {
            #expect(e.description.contains("每本书"), "the example follows the requirement's language")
        } catch { Issue.record("\(error)") }
    }

    @Test("understanding is deterministic")
    func deterministic() throws {
        let text = "做一个会议室预约系统：每个会议室有名称、容量和位置。用户登录后可以预约会议室，预约包括开始时间、结束时间和备注。"
        #expect(SpecCoding.encode(try parse(text).spec) == SpecCoding.encode(try parse(text).spec))
    }

    @Test("phrases that produce nothing are reported, not dropped")
    func reportsUnknown() throws {
        let u = try parse("A todo list. Each task has a title. The moon is made of cheese.")
        #expect(u.report.notUnderstood.contains { $0.contains("moon") })
    }

    @Test("the actor of a sentence is not a thing to store; possessives qualify")
    func actors() throws {
        let en = try parse("A clinic: patients have a name and a birth date. Staff can add, edit and remove patients.")
        #expect(en.spec.entities.map(\.name) == ["patient"])
        let zh = try parse("开发一个电影评论网站。用户注册登录后可以对电影发表评论，评论内容不能超过500字。每部电影有片名、导演和上映日期。任何人都可以浏览电影和评论，用户只能删除自己的评论。")
        #expect(zh.spec.entity(named: "movie")?.access == .open, "commenting on a movie does not restrict movies")
        #expect(zh.spec.entity(named: "comment")?.access.write == .owner)
        #expect(try field(zh.spec, "comment", "content").maxLength == 500)
        #expect(try field(zh.spec, "movie", "title").label == "片名", "labels keep the user's own words")
    }

    @Test("a bare list of words in parentheses is the allowed values, even for a typed field word")
    func valueLists() throws {
        let u = try parse("A helpdesk where customers submit support tickets with a subject (max 120 characters), a description and a priority (low, medium or high; default medium).")
        let t = try #require(u.spec.entities.first)
        let priority = try #require(t.field(named: "priority"))
        #expect(priority.type == .enumeration && priority.allowedValues == ["low", "medium", "high"])
        #expect(priority.defaultValue == .string("medium"))
        #expect(t.field(named: "subject")?.maxLength == 120)
        let items = try parse("Items have a name and a barcode. Items can be searched by name or barcode.")
        #expect(try field(items.spec, "item", "name").type == .string, "a search clause lists fields, not values")
        #expect(items.spec.entity(named: "item")?.searchable == ["name", "barcode"], "the entity is named in the user's words")
    }

    @Test("a verb inside a noun names the field, not an action ('购买日期' is purchase_date)")
    func verbInsideNoun() throws {
        let u = try parse("客户：姓名、电话。订单：每个订单属于一个客户，有收件人姓名、购买日期、发货日期。")
        let order = try #require(u.spec.entity(named: "order"))
        #expect(order.field(named: "purchase_date")?.type == .date, "\(order.fields.map(\.name))")
        #expect(order.field(named: "date") == nil)
        #expect(order.actions.isEmpty, "a date field is not a buy action: \(order.actions.map(\.name))")
    }

    @Test("'row number', 'page number' are whole numbers; 'model number' stays text")
    func numberPhrases() throws {
        let u = try parse("Theatre seats: code (unique), row number, model number.")
        #expect(try field(u.spec, "theatre_seat", "row_number").type == .integer)
        #expect(try field(u.spec, "theatre_seat", "model_number").type == .string)
    }

    @Test("values joined by slashes after the noun, with 'X by default' after a dash")
    func slashValues() throws {
        let u = try parse("Bug tracker. Bugs have a title and a severity minor/major/critical — minor by default.")
        let severity = try field(u.spec, "bug", "severity")
        #expect(severity.type == .enumeration && severity.allowedValues == ["minor", "major", "critical"])
        #expect(severity.defaultValue == .string("minor"))
    }

    @Test("values that are also verbs ('open', 'closed') and 'closed when created' are a field's values and default, not operations")
    func verbValues() throws {
        let u = try parse("Doors have a code. Position is open, closed or locked, closed when created.")
        let position = try field(u.spec, "door", "position")
        #expect(position.allowedValues == ["open", "closed", "locked"])
        #expect(position.defaultValue == .string("closed"))
        #expect(Set(try #require(u.spec.entity(named: "door")).operations) == Set(EntityOperation.allCases))
    }

    @Test("a heading before a field list says who makes the thing ('Librarians (signed-in users) add books: …')")
    func headingAccess() throws {
        let u = try parse("Library. Librarians (signed-in users) add books: title, author. Anyone can browse books.")
        #expect(u.spec.entity(named: "book")?.access == Access(read: .anyone, write: .signedIn))
        #expect(u.spec.accounts?.login == true)
    }

    @Test("'anyone'/'everyone' who acts is never an entity; 'an application' a verb acts on is a thing")
    func actorsAreNotThings() throws {
        let u = try parse("Design studio. Visitors can send an application with their name, phone and a portfolio link.")
        #expect(u.spec.entities.map(\.name) == ["application"])
        #expect(try field(u.spec, "application", "portfolio_link").type == .string)
        let v = try parse("Car dealer. Cars have a make and a model. Anyone can browse cars and send an enquiry about a listing with their name, email and a message.")
        #expect(!v.spec.entities.contains { ["everyone", "anyone"].contains($0.name) }, "\(v.spec.entities.map(\.name))")
        #expect(v.spec.entity(named: "enquiry")?.field(named: "email") != nil, "\(v.spec.entities.map(\.name))")
    }

    @Test("a field word before the head qualifies it: 'age group' is text named age_group, not the age")
    func qualifierFieldWords() throws {
        let u = try parse("Events have a title, an age group and a price range.")
        #expect(try field(u.spec, "event", "age_group").type == .string)
        #expect(try field(u.spec, "event", "price_range").type == .string)
    }

    @Test("a word that cannot name a table takes the requirement's own qualifier ('Yoga class' → yoga_class)")
    func qualifiedKeywordEntity() throws {
        let u = try parse("Yoga class schedule. Teachers post classes with a title and a start time. Members can see the class list.")
        #expect(u.spec.entities.map(\.name) == ["yoga_class"])
        let plain = try parse("School timetable: classes have a name and a room.")
        #expect(plain.spec.entities.map(\.name) == ["school_class"], "with no qualifier in the text the lexicon's name stays")
    }

    @Test("'名额' counts places: a whole number, though '额' alone is an amount")
    func quotaIsCount() throws {
        let u = try parse("活动：名称、剩余名额、报名费用。")
        let e = try #require(u.spec.entities.first)
        #expect(e.fields.first { $0.label == "剩余名额" }?.type == .integer, "\(e.fields.map { "\($0.name) \($0.type)" })")
        #expect(e.fields.first { $0.label == "报名费用" }?.type == .number)
    }

    @Test("'an entry to a contest with a caption…': the link waits for the clause that makes the child")
    func linkToThingMadeInSameClause() throws {
        let u = try parse("Photo contest. Contests have a title and a deadline. Anyone can send an entry to a contest with a caption and a photo URL.")
        let entry = try #require(u.spec.entity(named: "entry"), "\(u.spec.entities.map(\.name))")
        #expect(entry.field(named: "contest_id")?.relation?.entity == "contest")
        #expect(entry.field(named: "caption") != nil)
    }

    @Test("a field word that names a thing this requirement described is that thing ('查看部门' of 部门信息)")
    func fieldWordNamingThing() throws {
        let u = try parse("公司通讯录。部门信息包括名称、电话。经理登录后可以新增和修改部门，员工登录后只能查看部门。")
        #expect(u.spec.entities.map(\.name) == ["department"], "\(u.spec.entities.map(\.name))")
        #expect(u.spec.entity(named: "department")?.access.read == .signedIn)
    }

    @Test("both sides of a contrast are roles; the limited side gets no grants that would shut the other out")
    func limitedRole() throws {
        let u = try parse("学校社团管理。社团信息包括名称、简介。老师登录后可以新增、修改和删除社团，学生登录后只能查看社团。")
        let roles = try #require(u.spec.accounts?.roles).map(\.name)
        #expect(roles.contains("teacher") && roles.contains("student"), "\(roles)")
        let club = try #require(u.spec.entities.first)
        #expect(club.permissions[.create] == [.role("teacher")])
        #expect(club.permissions[.list] == nil, "teachers still read: \(club.permissions)")
        #expect(club.access.read == .signedIn)
    }

    @Test("a later sentence about what people do never names the app ('A signed-in user can like a dog only once')")
    func sentenceIsNotTitle() throws {
        let u = try parse("Dogs have a name and a breed. A signed-in user can like a dog only once.")
        #expect(u.spec.title == "Dogs", "\(u.spec.title)")
        #expect(u.spec.name == "dogs")
    }
}

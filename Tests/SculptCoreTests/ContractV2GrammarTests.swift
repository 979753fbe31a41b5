import Foundation
import Testing
@testable import SculptCore

/// The grammar of relations, roles and domain actions (contract v2), zh and en, on sentences from
/// domains neither the understanding benchmark nor the acceptance suite uses (podcasts, boats,
/// bakeries, tool sheds, reading clubs), so each rule is shown general rather than fitted.
@Suite("Parser grammar: relations, roles, actions")
struct ContractV2GrammarTests {
    func parse(_ text: String) throws -> Understanding {
        try RequirementParser().understand(text)
    }

    func entity(_ u: Understanding, _ name: String) throws -> Entity {
        try #require(u.spec.entity(named: name), "no entity \(name) in \(u.spec.entities.map(\.name))")
    }

    func relation(_ u: Understanding, child: String) throws -> Relation {
        let e = try entity(u, child)
        return try #require(e.relations.first?.relation, "no relation on \(child): \(e.fields.map(\.name))")
    }

    func action(_ u: Understanding, _ entityName: String, _ name: String) throws -> DomainAction {
        let e = try entity(u, entityName)
        return try #require(e.action(named: name), "no action \(name) on \(entityName): \(e.actions.map(\.name))")
    }

    @Test("'each X belongs to a Y' gives X a required integer <y>_id with the relation; 'deleting a Y deletes its Xs' cascades")
    func belongsToEnglish() throws {
        let u = try parse("A podcast app. Shows have a title (required) and a host name. Each episode belongs to a show and has a title (required) and a length in minutes. Deleting a show deletes its episodes.")
        let r = try relation(u, child: "episode")
        #expect(r.entity == "show" && r.onDelete == .cascade)
        let f = try #require(try entity(u, "episode").field(named: "show_id"))
        #expect(f.type == .integer && f.required)
        #expect(try entity(u, "episode").field(named: "title") != nil)
        #expect(try entity(u, "show").field(named: "title") != nil)
        #expect(u.spec.version == 2)
    }

    @Test("a relation nobody qualifies is restrict, unless the child is a part of its parent (comments, items)")
    func silentOnDelete() throws {
        let shelf = try parse("Warehouses have a name (required) and a city. Each shelf belongs to a warehouse and has a code (required).")
        #expect(try relation(shelf, child: "shelf").onDelete == .restrict)
        let recipe = try parse("Recipes have a title (required). Each comment belongs to a recipe and has a body (required).")
        #expect(try relation(recipe, child: "comment").onDelete == .cascade)
    }

    @Test("'每条X属于一个Y', 'Y下有多个X' (zh)")
    func belongsToChinese() throws {
        let u = try parse("船坞管理：码头有名称（必填）和位置。每条船属于一个码头，有船名（必填）和长度。")
        let boat = try #require(u.spec.entities.first { $0.fields.contains { $0.label == "船名" } })
        let r = try #require(boat.relations.first?.relation)
        #expect(u.spec.entity(named: r.entity)?.fields.contains { $0.label == "位置" } == true)
        let many = try parse("播客：节目有标题（必填）。每个节目下有多个单集，单集有标题（必填）和时长。删除节目时其单集一并删除。")
        let episode = try #require(many.spec.entities.first { $0.relations.count == 1 })
        #expect(episode.relations.first?.relation.onDelete == .cascade)
    }

    @Test("'only admins can…' and '管理员可以…' make a role that alone may call those operations; readers stay accounts")
    func roles() throws {
        let en = try parse("A sailing club. Boats have a name (required) and a length. Only admins can add, edit or delete boats; anyone can browse them.")
        #expect(en.spec.roles.map(\.name) == ["admin"])
        let boat = try entity(en, "boat")
        for op in [EntityOperation.create, .update, .delete] { #expect(boat.grants(for: op) == [.role("admin")], "\(op)") }
        #expect(boat.grants(for: .list) == [.anyone])
        let zh = try parse("帆船俱乐部：船只有名称（必填）和长度。管理员可以新增、修改和删除船只，会员登录后可以查看。")
        #expect(zh.spec.roles.map(\.name) == ["admin"])
        #expect(zh.spec.entities.count == 1)
        #expect(zh.spec.entities[0].grants(for: .delete) == [.role("admin")])
    }

    @Test("a people word is a role only when others have fewer rights: '老师可以…而学生只能…' but not 'teachers log in to…'")
    func rolesByContrast() throws {
        let zh = try parse("钢琴练习记录：每条记录有曲目（必填）和时长。老师可以新增和修改练习记录，而学生只能查看。")
        #expect(zh.spec.roles.map(\.name) == ["teacher"])
        let en = try parse("Practice log: each session has a piece (required) and minutes. Teachers log in to add and edit sessions.")
        #expect(en.spec.roles.isEmpty)
    }

    @Test("a verb with rules is an action: stock minus one, not when zero, a record created each time (zh)")
    func borrowChinese() throws {
        let u = try parse("器材室：器材有名称（必填）和库存（不能为负）。学生登录后可以借器材，借器材时库存减一，库存为0时不能借，每次借器材生成一条借用记录。")
        let device = try #require(u.spec.entities.first { $0.actions.contains { $0.name == "borrow" } }, "\(u.spec.entities.map(\.name))")
        let borrow = try #require(device.action(named: "borrow"))
        #expect(borrow.effects.contains(.increment(field: "stock", by: -1)))
        #expect(borrow.preconditions.contains(Precondition(field: "stock", op: .greater, value: .constant(.number(0)))))
        let made = try #require(borrow.createdEntity)
        #expect(u.spec.entity(named: made)?.relations.first?.relation.entity == device.name)
        #expect(u.spec.entities.count == 2)
    }

    @Test("once per user and a counter named only in the rule ('a star adds one to the repo's star count')")
    func oncePerUserCounter() throws {
        let u = try parse("A code hosting site. Users register and log in. Repositories have a name (required) and a description. Each signed-in user can star a repository once; a star adds one to the repository's star count.")
        let star = try action(u, "repository", "favorite")
        #expect(star.oncePerUser)
        #expect(star.effects == [.increment(field: "star_count", by: 1)])
        let count = try #require(try entity(u, "repository").field(named: "star_count"))
        #expect(count.type == .integer && count.minimum == 0 && count.defaultValue == .number(0))
    }

    @Test("'can be cancelled only while it is pending; cancelling sets the status to cancelled'")
    func statusRule() throws {
        let u = try parse("A bakery order book. Orders have a customer name (required) and a status: pending, baked or cancelled (default pending). An order can be cancelled only while it is pending; cancelling sets the status to cancelled.")
        let cancel = try action(u, "order", "cancel")
        #expect(cancel.preconditions == [Precondition(field: "status", op: .equal, value: .constant(.string("pending")))])
        #expect(cancel.effects == [.set(field: "status", value: .string("cancelled"))])
        #expect(try entity(u, "order").supports(.delete))
    }

    @Test("'人数达到容量就不能再报名' compares two fields")
    func fieldAgainstField() throws {
        let u = try parse("读书会：每场读书活动有主题（必填）、容量和已报名人数。会员登录后可以报名，人数达到容量就不能再报名。")
        let e = try #require(u.spec.entities.first { !$0.actions.isEmpty })
        let enroll = try #require(e.action(named: "enroll"))
        let p = try #require(enroll.preconditions.first)
        #expect(p.op == .less)
        #expect(e.field(named: p.field)?.label == "已报名人数")
        if case .field(let other) = p.value { #expect(e.field(named: other)?.label == "容量") } else { Issue.record("not a field comparison: \(p)") }
    }

    @Test("a standard verb without a rule stays an operation ('can only edit or cancel their own')")
    func crudVerbStaysOperation() throws {
        let u = try parse("Desk booking. Each booking has a desk number (required) and a date (required). Signed-in staff create bookings and can only edit or cancel their own.")
        let b = try entity(u, "booking")
        #expect(b.actions.isEmpty)
        #expect(b.supports(.delete))
    }

    @Test("'Orders have many items' and 'leave comments on them' are links, not fields; 'can be listed by' asks for the link")
    func hasManyAndOnThem() throws {
        let shop = try parse("A shop. Orders have a customer name (required) and a total. Orders have many items; each item has a product name (required) and a quantity.")
        #expect(try relation(shop, child: "item").entity == "order")
        #expect(try entity(shop, "order").fields.allSatisfy { !$0.name.contains("item") })
        let recipes = try parse("Recipe sharing: cooks post recipes with a title and ingredients, and visitors can leave comments on them. Comments have a body (required).")
        #expect(try relation(recipes, child: "comment").entity == "recipe")
        let trips = try parse("Trips have a name (required). Each stop belongs to a trip and has a city (required). A trip that still has stops cannot be deleted. Stops can be listed by trip.")
        #expect(try relation(trips, child: "stop").onDelete == .restrict)
        #expect(try entity(trips, "trip").supports(.delete))
    }

    @Test("'不能删除还有货架的仓库' is restrict; 'only the uploader of an episode' is the owner; 'the owner or an admin' is both")
    func restrictOwnerAndAlternatives() throws {
        let zh = try parse("仓库管理：仓库有名称（必填）。每个货架属于一个仓库，有编号（必填）。不能删除还有货架的仓库。")
        let shelf = try #require(zh.spec.entities.first { !$0.relations.isEmpty })
        #expect(shelf.relations.first?.relation.onDelete == .restrict)
        let podcast = try parse("A podcast site. People register and log in. Episodes have a title (required). Only the uploader of an episode can edit or delete it.")
        #expect(try entity(podcast, "episode").access.write == .owner)
        let club = try parse("A chess club wiki. Articles have a title (required) and a body. Only the owner or an admin can edit or delete an article.")
        let article = try entity(club, "article")
        #expect(Set(article.grants(for: .update).map(\.description)) == ["owner", "role:admin"])
        #expect(Set(article.grants(for: .delete).map(\.description)) == ["owner", "role:admin"])
        #expect(!article.grants(for: .create).contains(.role("admin")))
    }

    @Test("'每人每个投票只能投一次': a vote once per user; a verb without any rule is reported, not dropped silently")
    func oncePerUserChineseAndReported() throws {
        let vote = try parse("用户可以创建投票，每个投票有标题和截止日期，其他用户可以投票，每人每个投票只能投一次。")
        let poll = try #require(vote.spec.entities.first { !$0.actions.isEmpty })
        #expect(poll.action(named: "vote")?.oncePerUser == true)
        #expect(vote.spec.accounts?.login == true)
        let lib = try parse("器材室：器材有名称（必填）和库存。会员登录后可以借器材和还器材，借器材时库存减一。")
        #expect(lib.spec.entities.first?.action(named: "borrow") != nil)
        #expect(lib.spec.entities.first?.action(named: "return") == nil)
        #expect(lib.report.notes.contains { $0.contains("归还") })
    }
}


import Foundation
import Testing
@testable import SculptCore

/// Ordinary wording of relations, roles and actions (contract v2): near variants of the phrasings the
/// readers were first written against, in domains of their own (gear rooms, novels, checklists, dishes,
/// hotels, clubs, hikes, lectures), so each capability is shown general rather than fitted.
@Suite("Parser wording: actors, implied records and rules")
struct ContractV2WordingTests {
    func parse(_ text: String) throws -> Understanding {
        try RequirementParser().understand(text)
    }

    func entity(_ u: Understanding, _ name: String) throws -> Entity {
        try #require(u.spec.entity(named: name), "no entity \(name) in \(u.spec.entities.map(\.name))")
    }

    func action(_ u: Understanding, _ entityName: String, _ name: String) throws -> DomainAction {
        let e = try entity(u, entityName)
        return try #require(e.action(named: name), "no action \(name) on \(entityName): \(e.actions.map(\.name)); notes \(u.report.notes)")
    }

    @Test("the limited side of a role contrast acts as any signed-in user: '学生只能查看活动和报名' is not reserved to a role nobody can get")
    func limitedSideActsSignedIn() throws {
        let u = try parse("老师可以创建活动并修改活动，学生只能查看活动和报名。活动有名称和时间。")
        let event = try entity(u, "event")
        #expect(event.grants(for: .create) == [.role("teacher")])
        let enroll = try action(u, "event", "enroll")
        #expect(enroll.access == [.signedIn])
    }

    @Test("an actor who signs up is the account, not an entity; a rule's quantity becomes a field of the thing acted on (zh)")
    func actorIsAccountAndQuantityIsField() throws {
        let u = try parse("器材室：管理员可以添加、修改和删除器材。会员注册登录后可以借器材，借器材时数量减一，数量为0时不能借。")
        #expect(u.spec.entities.map(\.name) == ["equipment"])
        #expect(u.spec.entity(named: "member") == nil)
        let borrow = try action(u, "equipment", "borrow")
        #expect(borrow.effects == [.increment(field: "quantity", by: -1)])
        #expect(borrow.preconditions.map(\.field) == ["quantity"])
        #expect(borrow.preconditions.first?.op == .greater)
        #expect(u.spec.roles.map(\.name) == ["admin"])
    }

    @Test("'takes one from the stock', 'can't rent when none are left': a new counter at least 0, guarded and moved (en)")
    func noneLeft() throws {
        let u = try parse("A gear room: only admins can add, edit or delete equipment. Members sign up and log in, then rent equipment; renting takes one from the stock and you can't rent when none are left.")
        let rent = try action(u, "equipment", "rent")
        #expect(rent.effects == [.increment(field: "stock", by: -1)])
        #expect(rent.preconditions == [Precondition(field: "stock", op: .greater, value: .constant(.number(0)))])
        let stock = try #require(try entity(u, "equipment").field(named: "stock"))
        #expect(stock.type == .integer && stock.minimum == 0)
        #expect(u.spec.entity(named: "member") == nil)
    }

    @Test("'only the author can edit or delete them' after a parent's short description: the owner rule is the child's")
    func ownerThemIsTheChild() throws {
        let u = try parse("Each chapter belongs to a novel and has a title and a text. Novels have a name. Writers sign up and log in; only the author can edit or delete them.")
        #expect(try entity(u, "chapter").access.write == .owner)
        #expect(try entity(u, "novel").access.write != .owner)
    }

    @Test("a counted part ('若干问题', 'several items') is a child entity with its text, never a field named after the quantifier")
    func countedParts() throws {
        let zh = try parse("问卷系统：每个问卷有标题和若干问题。")
        let survey = try entity(zh, "survey")
        #expect(!survey.fields.contains { $0.name.contains("ruo") || $0.name.contains("question") })
        let question = try entity(zh, "question")
        #expect(question.relations.first?.relation.entity == "survey")
        #expect(question.relations.first?.relation.onDelete == .cascade)
        #expect(question.fields.contains { $0.name == "text" && $0.required })
        let en = try parse("Each checklist has a name, a color and several items.")
        #expect(try entity(en, "checklist").fields.map(\.name) == ["name", "color"])
        #expect(try entity(en, "item").relations.first?.relation.entity == "checklist")
    }

    @Test("a record people make about a record, named without fields, gets the obvious fields and its link (reviews on dishes)")
    func aboutRecords() throws {
        let u = try parse("Chefs share dishes with a name and a price; diners can leave reviews on them.")
        let review = try entity(u, "review")
        #expect(review.relations.first?.relation.entity == "dish")
        let rating = try #require(review.field(named: "rating"))
        #expect(rating.type == .integer && rating.minimum == 1 && rating.maximum == 5)
        #expect(u.spec.entity(named: "share") == nil)
        #expect(u.report.assumptions.contains { $0.contains("Review") })
    }

    @Test("'a reservation can be cancelled only while it is pending': a private record with a status, and a cancel action that sets it")
    func cancelWhilePending() throws {
        let u = try parse("Hotel booking: rooms have a number and a price. Guests register, log in and make reservations for a room; a reservation can be cancelled only while it is pending.")
        let reservation = try entity(u, "reservation")
        let status = try #require(reservation.field(named: "status"))
        #expect(status.allowedValues?.contains("pending") == true && status.allowedValues?.contains("cancelled") == true)
        #expect(status.defaultValue == .string("pending"))
        #expect(reservation.access.read == .owner)
        let cancel = try action(u, "reservation", "cancel")
        #expect(cancel.preconditions == [Precondition(field: "status", op: .equal, value: .constant(.string("pending")))])
        #expect(cancel.effects == [.set(field: "status", value: .string("cancelled"))])
        #expect(cancel.access == [.owner])
        #expect(SpecValidator.problems(in: u.spec).isEmpty)
    }

    @Test("a role that publishes a thing also updates and deletes it; nobody else does ('版主发布公告')")
    func publisherRoleHasTheWrites() throws {
        let u = try parse("俱乐部：版主发布公告，公告有标题和内容。")
        let a = try entity(u, "announcement")
        for op in [EntityOperation.create, .update, .delete] {
            #expect(a.operations.contains(op), "\(op)")
            #expect(a.grants(for: op) == [.role("moderator")], "\(op)")
        }
        #expect(a.grants(for: .list) == [.anyone])
    }

    @Test("taking part with no stated rule (参加, join) is once per user and leaves a record of who took part")
    func participation() throws {
        let zh = try parse("徒步俱乐部：管理员发布出行，出行有目的地和日期。会员登录后可以参加出行。")
        let enroll = try action(zh, "trip", "enroll")
        #expect(enroll.oncePerUser)
        #expect(enroll.createdEntity == "enrollment")
        #expect(try entity(zh, "enrollment").relations.first?.relation.entity == "trip")
        let en = try parse("Hikers sign up and can join trips. Trips have a destination and a date.")
        let join = try action(en, "trip", "join")
        #expect(join.oncePerUser && join.createdEntity == "membership")
        #expect(try entity(en, "membership").isOwned)
    }

    @Test("'报名人数不能超过座位数': the count must be below the limit, and taking part adds one to it")
    func countBelowLimit() throws {
        let u = try parse("讲座管理：讲座有主题和座位数。学生登录后可以报名讲座，报名人数不能超过座位数。")
        let lecture = try #require(u.spec.entities.first { $0.action(named: "enroll") != nil })
        let enroll = try #require(lecture.action(named: "enroll"))
        let p = try #require(enroll.preconditions.first)
        #expect(p.op == .less && p.value == .field("seats"))
        #expect(enroll.effects.contains(.increment(field: p.field, by: 1)))
    }

    @Test("a verb with a rule stated elsewhere keeps it; a participation verb with a stated effect makes no extra record")
    func statedEffectsWin() throws {
        let u = try parse("Volunteer shifts have a title and open slots. Volunteers log in and sign up for a shift; signing up takes one slot, and each volunteer can sign up for a shift only once.")
        let shift = try #require(u.spec.entities.first { $0.action(named: "sign_up") != nil })
        let signUp = try #require(shift.action(named: "sign_up"))
        #expect(signUp.createdEntity == nil)
        #expect(signUp.effects.count == 1)
    }

    @Test("a positive guard said either way round: 'as long as the stock is above zero', '数量大于0时才能借'")
    func positiveGuards() throws {
        let en = try parse("Kayaks have a name and a stock. Members log in and rent kayaks as long as the stock is above zero; renting reduces the stock by one.")
        let rent = try action(en, "kayak", "rent")
        #expect(rent.preconditions == [Precondition(field: "stock", op: .greater, value: .constant(.number(0)))])
        let zh = try parse("器材有名称和数量。会员登录后可以借器材，数量大于0时才能借，借器材后数量减一。")
        let borrow = try action(zh, "equipment", "borrow")
        #expect(borrow.preconditions == [Precondition(field: "quantity", op: .greater, value: .constant(.number(0)))])
        #expect(borrow.effects == [.increment(field: "quantity", by: -1)])
    }

    @Test("giving back with no rule is reported with the reason, not built, when only borrowing has one")
    func returnLeftUnbuiltSaysWhy() throws {
        let u = try parse("器材室：管理员可以添加和删除器材。会员注册登录后可以借器材和归还器材，借器材时数量减一，数量为0时不能借。")
        #expect(try entity(u, "equipment").action(named: "return") == nil)
        #expect(u.report.notes.contains { $0.contains("归还") && $0.contains("借过") })
    }

    @Test("a role's rights never take away what plain users were given: users post, only moderators remove")
    func roleDoesNotTakeUsersRights() throws {
        let u = try parse("Members can upload photos with a caption. Moderators can delete photos.")
        let photo = try entity(u, "photo")
        #expect(photo.grants(for: .create) != [.role("moderator")])
        #expect(photo.grants(for: .delete) == [.role("moderator")])
        let zh = try parse("会员可以发布帖子，帖子有标题和内容。版主可以删除帖子。")
        let post = try entity(zh, "post")
        #expect(!post.grants(for: .create).contains(.role("moderator")))
        #expect(post.grants(for: .delete) == [.role("moderator")])
    }

    @Test("verbs joined by 'or' share the guard after them; 'a request' after a role's verb is a thing, not a create grant")
    func coordinatedVerbsShareAGuard() throws {
        let u = try parse("Expense claims have a purpose, an amount and a status (pending, approved, rejected). Staff submit claims. Managers can approve or reject a claim only while it is pending.")
        let claim = try #require(u.spec.entities.first { $0.action(named: "approve") != nil })
        let pending = Precondition(field: "status", op: .equal, value: .constant(.string("pending")))
        #expect(claim.action(named: "approve")?.preconditions == [pending])
        #expect(claim.action(named: "reject")?.preconditions == [pending])
        #expect(claim.action(named: "approve")?.effects == [.set(field: "status", value: .string("approved"))])
        let leave = try parse("Leave requests have a reason, days and a status (pending, approved, rejected). Managers can approve a request only while it is pending.")
        #expect(try entity(leave, "leave_request").grants(for: .create) != [.role("manager")])
    }

    @Test("a field whose type was only guessed from its name becomes a whole number when a rule counts it ('copies')")
    func countedFieldIsANumber() throws {
        let u = try parse("Tools have a name and copies. A tool can be borrowed only while copies are available; each borrow takes one copy.")
        let copies = try #require(try entity(u, "tool").field(named: "copies"))
        #expect(copies.type == .integer && copies.minimum == 0)
        let borrow = try action(u, "tool", "borrow")
        #expect(borrow.preconditions.first?.field == "copies")
    }
}

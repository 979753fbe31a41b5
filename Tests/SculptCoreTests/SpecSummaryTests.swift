import Testing
@testable import SculptCore

/// The summary `sculpt spec` prints is how a user sees at a glance what was understood: it must show
/// who may do what, the links between records and the actions, not only the fields.
@Suite("Spec summary")
struct SpecSummaryTests {
    @Test("roles, per-operation access, relations and actions are all shown")
    func showsContractV2() throws {
        let text = SpecSummary.render(try Fixtures.spec("library_loans_zh"))
        #expect(text.contains("roles admin (管理员), never granted at sign-up"))
        #expect(text.contains("create/update/delete: role:admin; list/get: anyone"))
        #expect(text.contains("action borrow (借书) by signed_in: if stock > 0; stock += -1, creates loan"))
        #expect(text.contains("book_id integer (required, belongs to book, on delete restrict)"))
        #expect(!text.contains("write: signed_in"), "the entity's default write access is overruled per operation")
    }

    @Test("a v1 spec reads as before: one access group when all operations share it")
    func v1() throws {
        let text = SpecSummary.render(try Fixtures.spec("products_en"))
        #expect(text.contains("    create/list/get/update/delete: anyone"))
        #expect(!text.contains("action "))
        #expect(!text.contains("belongs to"))
    }
}

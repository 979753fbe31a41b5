import Foundation
import Testing
@testable import SculptCore

/// The page's share of contract v2 on the v2 fixture specs: parents picked by name, children listed
/// by parent, domain actions as buttons on each record, and controls only for who may use them.
@Suite("Frontend contract v2")
struct FrontendContractV2Tests {
    static let v2Specs = PageFixtures.names.filter { (try? PageFixtures.spec($0).usesContractV2) == true }

    static func config(_ html: String) throws -> [String: Any] {
        let open = #"<script id="sculpt-config" type="application/json">"#
        let start = try #require(html.range(of: open))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        return try #require(try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
    }

    /// The markup of the element that opens with `open` (e.g. `<template data-sculpt-item-actions="book"`) up to `close`.
    static func element(_ open: String, _ close: String, in html: String) -> String? {
        guard let at = html.range(of: open), let end = html[at.upperBound...].range(of: close) else { return nil }
        return String(html[at.lowerBound..<end.upperBound])
    }

    @Test("the v2 fixtures are here: relations, roles and actions each appear")
    func fixtures() throws {
        let specs = try Self.v2Specs.map(PageFixtures.spec)
        #expect(specs.contains { s in s.entities.contains { !$0.relations.isEmpty } })
        #expect(specs.contains { !$0.roles.isEmpty })
        #expect(specs.contains { s in s.entities.contains { !$0.actions.isEmpty } })
    }

    @Test("a child's forms pick the parent from a select the script fills, labelled, with a hint", arguments: v2Specs)
    func parentPicker(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        for e in spec.entities {
            for (f, r) in e.relations {
                for action in ["create", "update"] where e.supports(EntityOperation(rawValue: action)!) {
                    let form = try #require(HTML.form(action, e.name, in: html))
                    let c = try #require(HTML.controls(in: form)[f.name], "\(action) \(e.name).\(f.name)")
                    #expect(c.name == "select", "\(action) \(e.name).\(f.name) is a bare id input")
                    #expect(c["data-sculpt-relation"] == r.entity && c["data-sculpt-type"] == "integer")
                    #expect(c.has("required") == f.required)
                    let id = try #require(c["id"])
                    #expect(form.contains(#"<label for="\#(id)">\#(f.label)"#))
                    let parent = try #require(spec.entities.first { $0.name == r.entity })
                    #expect(form.contains(try MessageCatalog(spec.language).text("page.hint_relation", ["entity": parent.label])))
                    // Only the blank choice is written; the parent's records come from its list API.
                    let select = try #require(Self.element(#"<select id="\#(id)""#, "</select>", in: form))
                    #expect(HTML.tags("option", in: select).map { $0["value"] } == [""])
                }
            }
        }
    }

    @Test("issues_en: the issue form's project is a required select of projects")
    func issueProjectSelect() throws {
        let spec = try PageFixtures.spec("issues_en")
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        let form = try #require(HTML.form("create", "issue", in: html))
        #expect(form.contains(#"<select id="issue-create-project_id" name="project_id" data-sculpt-type="integer" data-sculpt-relation="project" required"#))
        #expect(form.contains(">Required; choose one of the existing Project entries</p>"))
        #expect(!form.contains(#"<input type="number" id="issue-create-project_id""#))
        let entities = try #require(try Self.config(html)["entities"] as? [String: [String: Any]])
        #expect(entities["project"]?["optionField"] as? String == "name")
        let fields = try #require(entities["issue"]?["fields"] as? [[String: Any]])
        #expect(fields.first { $0["name"] as? String == "project_id" }?["relation"] as? String == "project")
        let children = try #require(entities["project"]?["children"] as? [[String: String]])
        #expect(children == [["entity": "issue", "field": "project_id"]])
    }

    @Test("a child's list can be narrowed to one parent (?<parent>_id=)", arguments: v2Specs)
    func listFilter(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        for e in spec.entities where e.supports(.list) {
            let list = try #require(HTML.form("list", e.name, in: html))
            let selects = HTML.tags("select", in: list)
            #expect(Set(selects.compactMap { $0["name"] }) == Set(e.relations.map(\.field.name)), "filters of \(e.name)")
            for (f, r) in e.relations {
                let s = try #require(selects.first { $0["name"] == f.name })
                #expect(s.has("data-sculpt-filter") && s["data-sculpt-relation"] == r.entity)
                #expect(list.contains(#"<label for="\#(s["id"] ?? "?")">"#))
            }
        }
        if name == "library_loans_zh" {
            let loans = try #require(HTML.form("list", "loan", in: html))
            #expect(loans.contains(#"<label for="loan-list-book_id">按图书筛选</label>"#))
            #expect(loans.contains(#"<option value="">全部</option>"#))
        }
    }

    @Test("each domain action is a button with its verb, entity and label, inside the entity's item template", arguments: v2Specs)
    func actionButtons(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        let plan = APIPlan(spec)
        for e in spec.entities {
            let ops = plan.operations.filter { $0.action == .domain && $0.entity == e.name }
            let template = Self.element(#"<template data-sculpt-item-actions="\#(e.name)">"#, "</template>", in: html)
            #expect((template != nil) == !ops.isEmpty, "item template of \(e.name)")
            guard let template else { continue }
            let buttons = HTML.tags("button", in: template)
            #expect(buttons.count == ops.count)
            for a in e.actions {
                #expect(template.contains(#"<button type="button" class="button small" data-sculpt-action="\#(a.name)" data-sculpt-entity="\#(e.name)">\#(a.label)</button>"#))
            }
        }
        if name == "library_loans_zh" { #expect(html.contains(#"data-sculpt-action="borrow" data-sculpt-entity="book">借书</button>"#)) }
        if name == "photos_likes_en" { #expect(html.contains(#"data-sculpt-action="like" data-sculpt-entity="photo">Like</button>"#)) }
    }

    @Test("forms and lists only role holders may use start hidden and name the roles; others do not", arguments: v2Specs)
    func roleOnlyParts(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        for op in APIPlan(spec).operations where op.action == .create {
            let form = try #require(HTML.form("create", op.entity, in: html))
            let tag = try #require(HTML.tags("form", in: form).first)
            let roleOnly = !op.access.allowsEverySignedIn && !op.access.contains(.owner) && !op.access.roleNames.isEmpty
            #expect(tag["data-sculpt-roles"] == (roleOnly ? op.access.roleNames.joined(separator: " ") : nil), "create \(op.entity)")
            #expect(tag.has("hidden") == roleOnly)
            if roleOnly { #expect(!form.contains(#"data-sculpt-when="signed-out""#), "a role-only form asks to log in") }
        }
        if name == "library_loans_zh" {
            let book = try #require(HTML.form("create", "book", in: html))
            #expect(HTML.tags("form", in: book).first?["data-sculpt-roles"] == "admin")
        }
        if name == "courses_zh" {
            let course = try #require(HTML.form("create", "course", in: html))
            #expect(HTML.tags("form", in: course).first?["data-sculpt-roles"] == "teacher")
        }
        if name == "issues_en" { #expect(!html.contains("data-sculpt-roles")) }
    }

    @Test("a list only role holders may read starts hidden and names the roles")
    func roleOnlyList() throws {
        var spec = try PageFixtures.spec("library_loans_zh")
        let loan = try #require(spec.entities.firstIndex { $0.name == "loan" })
        spec.entities[loan].permissions[.list] = [.role("admin")]
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        #expect(html.contains(#"<div class="entity-list" data-sculpt-echo-holder data-sculpt-roles="admin" hidden>"#))
        // The book list stays open to everyone.
        #expect(html.components(separatedBy: "data-sculpt-roles=").count == 3, "only the book create form and the loan list")
    }

    @Test("a parent the API does not list can only be given by id: a number box saying so")
    func unlistedParent() throws {
        var spec = try PageFixtures.spec("issues_en")
        let project = try #require(spec.entities.firstIndex { $0.name == "project" })
        spec.entities[project].operations = [.create, .get]
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        let form = try #require(HTML.form("create", "issue", in: html))
        let c = try #require(HTML.controls(in: form)["project_id"])
        #expect(c.name == "input" && c["type"] == "number" && c["min"] == "1" && c["data-sculpt-relation"] == "project")
        #expect(form.contains(">Required; the ID of an existing Project</p>"))
        let list = try #require(HTML.form("list", "issue", in: html))
        #expect(HTML.tags("select", in: list).isEmpty, "a filter with nothing to fill it")
    }

    @Test("the config gives each operation its grants, the app's roles and each entity's actions", arguments: v2Specs)
    func config(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let json = try Self.config(try #require(try PageFixtures.page(spec)["index.html"]))
        let ops = try #require(json["operations"] as? [[String: Any]])
        let plan = APIPlan(spec)
        #expect(ops.count == plan.operations.count)
        for (o, p) in zip(ops, plan.operations) {
            #expect(o["access"] as? [String] == p.access.map(\.description), "\(p.id)")
            #expect(o["action"] as? String == p.actionName)
        }
        if spec.accounts == nil {
            #expect(json["accounts"] as? [String: Any] == nil, "an app without accounts offers no sign-in")
        } else {
            let accounts = try #require(json["accounts"] as? [String: Any])
            #expect((accounts["roles"] as? [[String: String]])?.map { $0["name"] ?? "" } == spec.roles.map(\.name))
        }
        let entities = try #require(json["entities"] as? [String: [String: Any]])
        for e in spec.entities {
            let actions = (entities[e.name]?["actions"] as? [[String: String]]) ?? []
            #expect(actions.map { $0["name"] ?? "" } == e.actions.map(\.name))
            #expect(actions.map { $0["label"] ?? "" } == e.actions.map(\.label))
        }
        if name == "courses_zh" {
            let delete = try #require(ops.first { $0["action"] as? String == "delete" && $0["entity"] as? String == "course" })
            #expect(delete["access"] as? [String] == ["owner", "role:teacher"])
        }
    }

    @Test("the script decides by grants, roles and owner_id, and runs actions by POST on the record")
    func script() throws {
        let js = try #require(try PageFixtures.page(PageFixtures.spec("library_loans_zh"))["app.js"])
        for needle in ["function mayUse(op, item)", "user.roles", "item.owner_id", "data-sculpt-item-actions", "data-sculpt-roles",
                       "select[data-sculpt-relation]", "state.filters", "async function runAction"] {
            #expect(js.contains(needle), "app.js lacks \(needle)")
        }
        #expect(!js.contains("/api/"))
    }

    @Test("v2 page words exist in both languages")
    func words() throws {
        for language in [Language.zh, .en] {
            let catalog = try MessageCatalog(language)
            for key in ["page.hint_relation", "page.hint_relation_id", "page.filter_label", "page.filter_all",
                        "page.js.action_done", "page.js.show_children", "page.js.roles"] {
                #expect(catalog.entries[key] != nil, "\(language) lacks \(key)")
            }
        }
    }
}

import Foundation
import Testing
@testable import SculptCore

/// Generation inputs for the page and README tests, built the way `ProjectGenerator` builds them.
enum PageFixtures {
    static let specsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/specs")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: specsFolder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func spec(_ name: String) throws -> AppSpec {
        try SpecCoding.decode(Data(contentsOf: specsFolder.appendingPathComponent("\(name).json")))
    }

    static func context(_ spec: AppSpec) throws -> GenerationContext {
        let catalog = try MessageCatalog(spec.language)
        let plan = APIPlan(spec)
        let schemas = APISchemas(spec)
        return GenerationContext(plan: plan, schemas: schemas, catalog: catalog,
                                 generator: "sculpt \(ProjectGenerator.version)")
    }

    static func page(_ spec: AppSpec) throws -> [String: String] {
        let files = try FrontendTarget().files(for: spec, context: context(spec))
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    }
}

/// A start tag found in generated HTML, with its attributes (boolean attributes map to "").
struct Tag {
    let name: String
    let attributes: [String: String]
    subscript(_ key: String) -> String? { attributes[key] }
    func has(_ key: String) -> Bool { attributes[key] != nil }
}

/// Just enough HTML reading for these tests: the generated markup is regular (double-quoted attributes).
enum HTML {
    static func tags(_ name: String, in html: String) -> [Tag] {
        let pattern = try! Regex("<\(name)\\b([^>]*)>")
        return html.matches(of: pattern).map { m in
            let inside = String(html[m.range]).dropFirst(name.count + 1).dropLast()
            var attrs: [String: String] = [:]
            for a in inside.matches(of: #/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/#) {
                attrs[String(a.output.1)] = a.output.2.map(String.init) ?? ""
            }
            return Tag(name: name, attributes: attrs)
        }
    }

    /// The markup of the form with these data attributes, from `<form` to its `</form>`.
    static func form(_ action: String, _ entity: String, in html: String) -> String? {
        let open = "data-sculpt-action=\"\(action)\" data-sculpt-entity=\"\(entity)\""
        guard let at = html.range(of: open), let start = html[..<at.lowerBound].range(of: "<form", options: .backwards),
              let end = html[at.upperBound...].range(of: "</form>") else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The controls of a form keyed by name.
    static func controls(in form: String) -> [String: Tag] {
        var out: [String: Tag] = [:]
        for kind in ["input", "select", "textarea"] {
            for t in tags(kind, in: form) { if let n = t["name"] { out[n] = t } }
        }
        return out
    }
}

@Suite("Frontend")
struct FrontendTests {
    @Test("the page is the three static files, with charset, language and title", arguments: PageFixtures.names)
    func files(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let page = try PageFixtures.page(spec)
        #expect(page.keys.sorted() == ["app.js", "index.html", "styles.css"])
        let html = try #require(page["index.html"])
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains(#"<meta charset="utf-8">"#))
        #expect(html.contains(#"<html lang="\#(spec.language.rawValue)">"#))
        #expect(html.contains("<title>\(spec.title)</title>"))
        #expect(html.contains(#"data-sculpt-status role="status" aria-live="polite""#))
        #expect(!html.contains("{{"), "an unrendered Mustache tag")
    }

    @Test("nothing is loaded from another host", arguments: PageFixtures.names)
    func noExternalURLs(name: String) throws {
        let page = try PageFixtures.page(try PageFixtures.spec(name))
        for (path, text) in page {
            #expect(text.firstMatch(of: #/(src|href|action)\s*=\s*["']?\s*(https?:)?//.*/#) == nil, "\(path) links to another host")
            #expect(!text.contains("http://") && !text.contains("https://"), "\(path) names a URL")
            #expect(!text.contains("@import") && !text.contains("url("), "\(path) loads a resource")
        }
    }

    @Test("a form for every operation the API plan has, and no other", arguments: PageFixtures.names)
    func formsFollowThePlan(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        let plan = APIPlan(spec)
        var expected = Set<String>()
        // Domain actions are buttons on each record, not forms.
        for op in plan.operations where ![.get, .delete, .domain].contains(op.action) { expected.insert("\(op.action.rawValue) \(op.entity)") }
        let forms = HTML.tags("form", in: html).map { "\($0["data-sculpt-action"] ?? "?") \($0["data-sculpt-entity"] ?? "?")" }
        #expect(Set(forms) == expected)
        #expect(forms.count == expected.count, "a form appears twice: \(forms)")
        for e in spec.entities where e.supports(.list) {
            #expect(html.contains(#"data-sculpt-list="\#(e.name)""#))
            #expect(html.contains(#"data-sculpt-pager="\#(e.name)""#))
            let list = try #require(HTML.form("list", e.name, in: html))
            #expect(HTML.controls(in: list)["q"] != nil || e.searchable.isEmpty, "search box for \(e.name)")
            #expect(HTML.controls(in: list)["q"] == nil || !e.searchable.isEmpty, "search box for \(e.name), which has no search")
        }
        #expect(html.contains("data-sculpt-signout") == plan.operations.contains { $0.action == .login })
    }

    @Test("every field is a labelled control named after the API field with its constraints", arguments: PageFixtures.names)
    func constraints(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        var groups: [(String, String, [Field])] = spec.entities.flatMap { e in
            [("create", e.name, e.fields), ("update", e.name, e.fields)].filter { e.supports(EntityOperation(rawValue: $0.0)!) }
        }
        if let a = spec.accounts { groups.append(("register", "user", a.signUpFields)) }
        for (action, entity, fields) in groups {
            let form = try #require(HTML.form(action, entity, in: html), "\(action) \(entity)")
            let controls = HTML.controls(in: form)
            #expect(Set(controls.keys) == Set(fields.map(\.name) + (action == "register" ? ["password"] : [])))
            for f in fields {
                let c = try #require(controls[f.name], "\(action) \(entity).\(f.name)")
                let id = try #require(c["id"])
                #expect(form.contains(#"<label for="\#(id)">"#), "label for \(f.name)")
                #expect(c.has("required") == (f.required && f.type != .boolean), "\(f.name) required")
                switch f.type {
                case .string, .email:
                    #expect(c.name == "input" && c["type"] == (f.type == .email ? "email" : "text"))
                    #expect(c["maxlength"] == String(FieldSchema.maxLength(of: f)))
                    #expect(c["minlength"] == f.minLength.map(String.init))
                case .text:
                    #expect(c.name == "textarea")
                    #expect(c["maxlength"] == String(FieldSchema.maxLength(of: f)))
                case .integer where f.relation != nil:
                    // A parent is picked by name from the parent's list, never typed as an id.
                    #expect(c.name == "select" && c["data-sculpt-relation"] == f.relation?.entity)
                case .integer:
                    #expect(c["type"] == "number" && c["step"] == "1")
                case .number:
                    #expect(c["type"] == "number" && c["step"] == "any")
                case .boolean:
                    #expect(c["type"] == "checkbox")
                case .date:
                    #expect(c["type"] == "date")
                case .datetime:
                    #expect(c["type"] == "datetime-local")
                case .enumeration:
                    #expect(c.name == "select")
                    let options = HTML.tags("option", in: form).compactMap { $0["value"] }
                    for v in f.allowedValues ?? [] { #expect(options.contains(v), "option \(v)") }
                }
                if let lo = f.minimum { #expect(c["min"] == NumberText.format(lo)) }
                if let lo = f.exclusiveMinimum, f.type == .number {
                    #expect(c["min"] == NumberText.format(lo) && c["data-sculpt-exclusive-min"] == NumberText.format(lo))
                }
                if let hi = f.maximum { #expect(c["max"] == NumberText.format(hi)) }
                #expect(form.contains(#"id="\#(id)-hint""#) && form.contains(#"data-sculpt-error-for="\#(f.name)""#))
            }
        }
    }

    @Test("hints say the constraints in the requirement's language")
    func hints() throws {
        let blog = try #require(try PageFixtures.page(PageFixtures.spec("blog_zh"))["index.html"])
        #expect(blog.contains(">必填；最多200个字符</p>"))
        #expect(blog.contains(">必填；至少8个字符；最多128个字符</p>"))
        let todo = try #require(try PageFixtures.page(PageFixtures.spec("todo_en"))["index.html"])
        #expect(todo.contains(">Required; at most 100 characters</p>"))
        let products = try #require(try PageFixtures.page(PageFixtures.spec("products_en"))["index.html"])
        #expect(products.contains("Required; a number; greater than 0"))
        let notes = try #require(try PageFixtures.page(PageFixtures.spec("notes_private_zh"))["index.html"])
        #expect(notes.contains("可选：工作、生活、学习"))
    }

    @Test("passwords: policy limits on sign-up, only required at login, browser autofill hints")
    func passwords() throws {
        let html = try #require(try PageFixtures.page(PageFixtures.spec("shop_en"))["index.html"])
        let signUpForm = try #require(HTML.form("register", "user", in: html))
        let signUp = try #require(HTML.controls(in: signUpForm)["password"])
        #expect(signUp["type"] == "password" && signUp["minlength"] == "6" && signUp["maxlength"] == "128")
        #expect(signUp["autocomplete"] == "new-password")
        let loginForm = try #require(HTML.form("login", "user", in: html))
        let login = HTML.controls(in: loginForm)
        #expect(login["password"]?["minlength"] == nil && login["password"]?["autocomplete"] == "current-password")
        #expect(login["username"]?["autocomplete"] == "username" && login["username"]?["minlength"] == nil)
    }

    @Test("defaults prefill the create form only; edit forms start hidden and empty")
    func defaults() throws {
        let html = try #require(try PageFixtures.page(PageFixtures.spec("notes_private_zh"))["index.html"])
        let createForm = try #require(HTML.form("create", "note", in: html))
        let create = HTML.controls(in: createForm)
        #expect(create["priority"]?["value"] == "3" && create["priority"]?["min"] == "1" && create["priority"]?["max"] == "5")
        let updateForm = try #require(HTML.form("update", "note", in: html))
        #expect(HTML.controls(in: updateForm)["priority"]?["value"] == nil)
        #expect(HTML.tags("form", in: updateForm).first?.has("hidden") == true)
        let shop = try #require(try PageFixtures.page(PageFixtures.spec("shop_en"))["index.html"])
        let order = try #require(HTML.form("create", "order", in: shop))
        #expect(order.contains(#"<option value="pending" selected>"#))
    }

    @Test("secured forms are marked and say to log in first")
    func securedForms() throws {
        let html = try #require(try PageFixtures.page(PageFixtures.spec("blog_zh"))["index.html"])
        let create = try #require(HTML.form("create", "post", in: html))
        #expect(create.contains(#"data-sculpt-secured="true""#) && create.contains("请先登录"))
        let todo = try #require(try PageFixtures.page(PageFixtures.spec("todo_en"))["index.html"])
        #expect(!todo.contains("data-sculpt-secured"))
    }

    @Test("the embedded config lists the plan's operations and parses as JSON", arguments: PageFixtures.names)
    func config(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let html = try #require(try PageFixtures.page(spec)["index.html"])
        let open = #"<script id="sculpt-config" type="application/json">"#
        let start = try #require(html.range(of: open))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as! [String: Any]
        let ops = try #require(json["operations"] as? [[String: Any]])
        let plan = APIPlan(spec)
        #expect(ops.count == plan.operations.count)
        for (o, p) in zip(ops, plan.operations) {
            #expect(o["method"] as? String == p.method.rawValue && o["path"] as? String == p.path && o["action"] as? String == p.actionName
                    && o["entity"] as? String == p.entity && o["secured"] as? Bool == p.secured)
        }
        let messages = try #require(json["messages"] as? [String: String])
        #expect(messages["signed_in_as"] != nil && messages["v_required"] != nil)
        #expect((json["entities"] as? [String: Any])?.count == spec.entities.count)
    }

    @Test("spec text is escaped in HTML and cannot close the config script")
    func escaping() throws {
        let hostile = "<script>alert('x')</script> & \"q\""
        let spec = AppSpec(name: "evil", title: hostile, language: .en, requirement: hostile, entities: [
            Entity(name: "thing", plural: "things", label: hostile, fields: [
                Field(name: "kind", label: hostile, type: .enumeration, allowedValues: ["a\"b", "</script>"]),
            ]),
        ])
        let page = try PageFixtures.page(spec)
        let html = try #require(page["index.html"])
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(html.components(separatedBy: "</script>").count == 3, "only the two real script elements close")
        #expect(html.contains(#"<option value="a&quot;b">"#))
    }

    @Test("the script talks to the API as the contract says and never writes data as HTML")
    func script() throws {
        let js = try #require(try PageFixtures.page(PageFixtures.spec("blog_zh"))["app.js"])
        #expect(!js.contains("innerHTML") && !js.contains("outerHTML") && !js.contains("insertAdjacentHTML") && !js.contains("document.write"))
        #expect(!js.contains("eval(") && !js.contains("new Function"))
        #expect(js.contains("sessionStorage") && js.contains("'Bearer '") && js.contains("data-sculpt-status"))
        #expect(!js.contains("/api/"), "paths come from the config, not the script")
        let css = try #require(try PageFixtures.page(PageFixtures.spec("blog_zh"))["styles.css"])
        #expect(css.contains(":focus-visible"))
    }

    @Test("generating twice gives the same bytes", arguments: PageFixtures.names)
    func deterministic(name: String) throws {
        let spec = try PageFixtures.spec(name)
        #expect(try PageFixtures.page(spec) == PageFixtures.page(spec))
    }

    @Test("writes the page to SCULPT_DUMP for a look", .enabled(if: ProcessInfo.processInfo.environment["SCULPT_DUMP"] != nil),
          arguments: PageFixtures.names)
    func dump(name: String) throws {
        let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SCULPT_DUMP"]!).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let spec = try PageFixtures.spec(name)
        for (path, text) in try PageFixtures.page(spec) { try text.write(to: dir.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        let readme = try ReadmeWriter().readme(for: spec, manifest: FlaskTarget().manifest, context: PageFixtures.context(spec))
        try readme.contents.write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
    }
}

import Testing
@testable import SculptCore

/// Sculpt's Mustache reader and renderer: the Mustache spec's rules on the syntax its templates use
/// (the golden trees pin the templates themselves; these pin the rules on small cases).
@Suite("Templates")
struct TemplateTests {
    struct Item { let name: String; let tags: [String] }
    struct Model {
        let title: String
        let items: [Item]
        let empty: [Item]
        let on: Bool
        let off: Bool
        let note: String?
        let html: String
        let inner: Inner
        let doc: [String: String]
    }
    struct Inner { let label: String; let title: String? }

    static let model = Model(title: "T", items: [Item(name: "a", tags: ["x", "y"]), Item(name: "b", tags: [])],
                             empty: [], on: true, off: false, note: nil, html: "<a href='x'>&\"</a>",
                             inner: Inner(label: "L", title: nil), doc: ["k": "v"])

    private func render(_ text: String, partials: [String: String] = [:]) throws -> String {
        var renderer = TemplateRenderer(partials: try partials.mapValues { try Template($0) }, templateName: "t")
        return renderer.render(try Template(text), model: Self.model)
    }

    @Test("variables escape HTML; triple braces and & do not; dotted names and dictionaries resolve")
    func variables() throws {
        #expect(try render("{{html}}|{{{html}}}|{{& html}}") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;|<a href='x'>&\"</a>|<a href='x'>&\"</a>")
        #expect(try render("{{inner.label}} {{doc.k}} {{ title }}") == "L v T")
    }

    @Test("sections repeat per element, test flags, push objects; inverted sections the other way")
    func sections() throws {
        #expect(try render("{{#items}}{{name}}:{{#tags}}{{.}}{{/tags}}{{^tags}}-{{/tags}};{{/items}}") == "a:xy;b:-;")
        #expect(try render("{{#on}}yes{{/on}}{{#off}}no{{/off}}{{^off}}not{{/off}}{{^empty}}none{{/empty}}") == "yesnotnone")
        #expect(try render("{{#inner}}{{label}}{{title}}{{/inner}}") == "LT", "a nil property lets the lookup go on up the stack")
        #expect(try render("{{#note}}x{{/note}}{{^note}}no note{{/note}}") == "no note")
    }

    @Test("a line holding only a section, closing or partial tag prints nothing; other lines keep their spaces")
    func standaloneLines() throws {
        #expect(try render("a\n  {{#on}}\n  b\n  {{/on}}\nc\n") == "a\n  b\nc\n")
        #expect(try render("  {{#on}}b{{/on}}\n") == "  b\n")
        #expect(try render("x\n  {{> p}}\ny", partials: ["p": "1\n2\n"]) == "x\n  1\n  2\ny")
        #expect(try render("{{title}}\r\n{{#off}}\r\n{{/off}}\r\nz") == "T\r\nz")
    }

    @Test("the content-type pragma turns escaping off for the rest of the template")
    func pragma() throws {
        #expect(try render("{{% CONTENT_TYPE: TEXT}}\n{{html}}") == "<a href='x'>&\"</a>")
    }

    @Test("syntax errors name the line and what is wrong")
    func errors() {
        #expect(throws: TemplateSyntaxError.self) { try Template("ok\n{{#a}}\nno close") }
        #expect(throws: TemplateSyntaxError.self) { try Template("{{#a}}{{/b}}") }
        #expect(throws: TemplateSyntaxError.self) { try Template("{{=<% %>=}}") }
        #expect(throws: TemplateSyntaxError.self) { try Template("{{name") }
        do {
            _ = try Template("line one\nline two {{#open}}\n")
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("line 2") || error.description.hasPrefix("line 3"))
            #expect(error.description.contains("{{#open}} is not closed"))
        }
    }
}

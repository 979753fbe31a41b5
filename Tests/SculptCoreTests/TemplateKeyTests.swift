import Foundation
import Testing
@testable import SculptCore

/// Every tag of every template resolves on the model it is rendered with, for every fixture spec and
/// every backend: a misspelt key would otherwise render as nothing and drop code silently.
@Suite("Template keys")
struct TemplateKeyTests {
    @Test("every template tag resolves", arguments: Fixtures.specNames, ProjectGenerator.backendNames)
    func resolves(spec name: String, backend: String) throws {
        let sink = Locked<[String]>([])
        let spec = try Fixtures.spec(name)
        try TemplateKeyAudit.$sink.withValue(sink) {
            _ = try ProjectGenerator(backend: backend).generate(spec)
        }
        let misses = Array(Set(sink.value)).sorted()
        #expect(misses.isEmpty, "unresolved template tags: \(misses.joined(separator: "; "))")
    }

    @Test("the audit finds a misspelt key, a missing section and a missing partial")
    func auditCatches() throws {
        struct Model { let title: String; let items: [Item]; let flag: Bool; let note: String? }
        struct Item { let name: String }
        let model = Model(title: "t", items: [Item(name: "a")], flag: true, note: nil)
        let text = "{{title}} {{titel}} {{#items}}{{name}}{{nmae}}{{title}}{{/items}} {{#flag}}{{flagg}}{{/flag}}"
            + " {{#note}}{{whatever}}{{/note}} {{^missing}}x{{/missing}} {{> nowhere}} {{{raw}}}"
        let misses = try TemplateKeyAudit.unresolved(in: text, template: "t", model: model, partials: [:])
        #expect(misses == ["titel (in t)", "nmae (in t)", "flagg (in t)", "#missing (in t)",
                           ">nowhere (in t)", "raw (in t)"])
    }
}

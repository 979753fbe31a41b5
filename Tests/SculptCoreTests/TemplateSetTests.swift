import Foundation
import Testing
@testable import SculptCore

/// Templates are parsed when first rendered; a template's partials must come along, or a project
/// would silently lose the code they print.
@Suite("Template set")
struct TemplateSetTests {
    @Test("the partials a template includes are found, and nothing else")
    func partialNames() throws {
        let text = "{{#items}}{{> tests/_value_case}}{{/items}} {{name}} {{{raw}}} {{^x}}{{> _layout}}{{/x}}{{>_form }}"
        #expect(try Template(text).partials == ["tests/_value_case", "_layout", "_form"])
    }

    @Test("a template rendered alone brings its partials, and theirs: the page renders its forms and fields")
    func rendersWithPartials() throws {
        let set = try TemplateSet(folder: FrontendTarget.folder)
        #expect(set.names.contains("index.html") && set.names.contains("_form"))
        let spec = try Fixtures.spec("products_en")
        let plan = APIPlan(spec)
        let schemas = APISchemas(spec)
        let catalog = try MessageCatalog(spec.language)
        let context = GenerationContext(plan: plan, schemas: schemas, catalog: catalog, generator: "test")
        let page = try set.render("index.html", FrontendViewModel(spec: spec, context: context))
        // `data-sculpt-cancel` is printed by the `_form` partial, `data-sculpt-field` by `_field`, which `_form` includes.
        #expect(page.contains("data-sculpt-cancel") && page.contains("data-sculpt-field="))
    }

    @Test("an unknown template is an error naming it")
    func unknown() throws {
        let set = try TemplateSet(folder: "readme")
        #expect(throws: GenerationError.self) { try set.render("nope", 1) }
    }
}

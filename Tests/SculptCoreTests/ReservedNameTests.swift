import Testing
@testable import SculptCore

/// An entity may be called anything the requirement says (a wiki's `page`, a form's `body`): its class
/// must not shadow a name the generated modules import beside it.
@Suite("Entity names that generated code already uses")
struct ReservedNameTests {
    static let names = ["page", "search", "caller", "body", "settings", "request"]

    @Test("the entity's Python class takes another name where the plain one is taken", arguments: names)
    func pythonClassAvoidsImports(name: String) throws {
        let entity = Entity(name: name, plural: name + "s", label: name.capitalized,
                            fields: [Field(name: "title", label: "Title", type: .string, required: true)])
        let spec = AppSpec(name: "naming", title: "Naming", language: .en, requirement: "", entities: [entity])
        for backend in ["flask", "fastapi"] {
            let files = try ProjectGenerator(backend: backend).generate(spec)
            let models = try #require(files.first { $0.path == "backend/models.py" }?.contents)
            #expect(models.contains("class \(name.capitalized)Record(Base):"), "\(backend): \(name)")
            #expect(!models.contains("class \(name.capitalized)(Base):"), "\(backend): \(name)")
        }
    }
}

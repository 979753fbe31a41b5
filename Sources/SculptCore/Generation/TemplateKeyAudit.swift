import Foundation

/// Finds the tags of a template that the model it is rendered with cannot resolve.
///
/// Mustache renders an unknown key as nothing, so a misspelt key in a template or a renamed property
/// in a view model silently drops code from the output. Tests turn this audit on (`TemplateKeyAudit.$sink`)
/// while generating, and the renderer records every tag whose name no object on the context stack has
/// (and every missing partial), with its template. A section that does not render for one spec is
/// checked by the fixtures where it does.
public enum TemplateKeyAudit {
    /// Where unresolved tags go while a test generates; nil (the default) turns the audit off.
    @TaskLocal public static var sink: Locked<[String]>?

    /// The unresolved tags of `text` rendered with `model`, each as `name (in template)`.
    static func unresolved(in text: String, template: String, model: Any, partials: [String: String]) throws -> [String] {
        var renderer = TemplateRenderer(partials: try partials.mapValues { try Template($0) }, templateName: template, auditing: true)
        _ = renderer.render(try Template(text), model: model)
        return renderer.misses ?? []
    }
}

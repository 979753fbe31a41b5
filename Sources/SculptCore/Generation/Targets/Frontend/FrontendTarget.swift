import Foundation

/// The static web page served by every backend at `/`: `index.html`, `app.js`, `styles.css`.
///
/// Templates in `Templates/frontend` ending in `.mustache` are rendered with the view model
/// (names starting with `_` are partials and are not written); every other file there is copied
/// as it is, so the script and the style sheet stay plain files that editors and linters read.
public struct FrontendTarget: Sendable {
    public static let folder = "frontend"

    public init() {}

    public func files(for spec: AppSpec, context: GenerationContext) throws -> [GeneratedFile] {
        let templates = try TemplateSet(folder: Self.folder)
        let model = FrontendViewModel(spec: spec, context: context)
        var files: [GeneratedFile] = []
        for name in templates.names where !name.split(separator: "/").contains(where: { $0.hasPrefix("_") }) {
            files.append(GeneratedFile(path: name, contents: try templates.render(name, model)))
        }
        files += try templates.plainFiles()
        return files.sorted { $0.path < $1.path }
    }
}

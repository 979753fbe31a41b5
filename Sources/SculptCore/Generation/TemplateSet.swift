import Foundation
import Mustache

/// The Mustache templates of one target folder (`Templates/flask`), loaded once and rendered by name.
///
/// Templates are logic-less: everything they print is prepared by the target's view model.
public struct TemplateSet: Sendable {
    public let folder: String
    let library: MustacheLibrary
    /// Template names (relative path without `.mustache`), sorted.
    public let names: [String]
    /// Each template's text, for `TemplateKeyAudit`.
    let texts: [String: String]

    public init(folder: String) throws {
        self.folder = folder
        let base = try Resources.url("Templates/\(folder)")
        var library = MustacheLibrary()
        var names: [String] = []
        var texts: [String: String] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: base, includingPropertiesForKeys: nil) else {
            throw GenerationError.template(folder, "folder missing")
        }
        for case let url as URL in walker where url.pathExtension == "mustache" {
            let rel = String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1))
            let name = String(rel.dropLast(".mustache".count))
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            do {
                try library.register(text, named: name)
            } catch {
                throw GenerationError.template("\(folder)/\(rel)", "\(error)")
            }
            names.append(name)
            texts[name] = text
        }
        self.texts = texts
        self.library = library
        self.names = names.sorted()
    }

    public func render(_ name: String, _ model: Any) throws -> String {
        guard let out = library.render(model, withTemplate: name) else {
            throw GenerationError.template("\(folder)/\(name)", "no such template")
        }
        if let sink = TemplateKeyAudit.sink, let text = texts[name] {
            let misses = TemplateKeyAudit.unresolved(in: text, template: "\(folder)/\(name)", model: model, partials: texts)
            sink.mutate { $0 += misses }
        }
        return out
    }
}

public enum GenerationError: Error, CustomStringConvertible {
    case template(String, String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .template(let name, let why): return "template \(name): \(why)"
        case .unsupported(let why): return why
        }
    }
}

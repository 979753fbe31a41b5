import Foundation
import Mustache

/// The Mustache templates of a target (`Templates/flask`), loaded once and rendered by name.
///
/// A target may draw on shared folders after its own (Flask and FastAPI share `Templates/python`, the
/// tests both run): a name the target's folder has wins, so a target overrides a shared template or
/// partial by having its own. Templates are logic-less: everything they print is prepared by the
/// target's view model.
public struct TemplateSet: Sendable {
    public let folder: String
    let library: MustacheLibrary
    /// Template names (relative path without `.mustache`), sorted.
    public let names: [String]
    /// Each template's text, for `TemplateKeyAudit`.
    let texts: [String: String]

    public init(folder: String, shared: [String] = []) throws {
        self.folder = folder
        var library = MustacheLibrary()
        var names: [String] = []
        var texts: [String: String] = [:]
        let fm = FileManager.default
        for dir in [folder] + shared {
            let base = try Resources.url("Templates/\(dir)")
            guard let walker = fm.enumerator(at: base, includingPropertiesForKeys: nil) else {
                throw GenerationError.template(dir, "folder missing")
            }
            for case let url as URL in walker where url.pathExtension == "mustache" {
                let rel = String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1))
                let name = String(rel.dropLast(".mustache".count))
                guard texts[name] == nil else { continue }
                let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
                do {
                    try library.register(text, named: name)
                } catch {
                    throw GenerationError.template("\(dir)/\(rel)", "\(error)")
                }
                names.append(name)
                texts[name] = text
            }
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

/// The files a target renders, collected in the order they are added and handed back sorted by path.
struct RenderedFiles {
    let templates: TemplateSet
    private(set) var files: [GeneratedFile] = []

    init(_ templates: TemplateSet) { self.templates = templates }

    /// Renders `template` with `model` into the file at `path`.
    mutating func add(_ path: String, _ template: String, _ model: Any) throws {
        files.append(GeneratedFile(path: path, contents: try templates.render(template, model)))
    }

    /// Renders each `(template, path)` pair with the same model.
    mutating func add(_ pairs: [(template: String, path: String)], _ model: Any) throws {
        for (template, path) in pairs { try add(path, template, model) }
    }

    var sorted: [GeneratedFile] { files.sorted { $0.path < $1.path } }
}

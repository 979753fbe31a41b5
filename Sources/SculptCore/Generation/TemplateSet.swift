import Foundation
import Mustache

/// The Mustache templates of a target (`Templates/flask`), parsed on first use and rendered by name.
///
/// A target may draw on shared folders after its own (Flask and FastAPI share `Templates/python`, the
/// tests both run): a name the target's folder has wins, so a target overrides a shared template or
/// partial by having its own. Templates are logic-less: everything they print is prepared by the
/// target's view model.
///
/// Only the templates a project renders (and the partials they include) are read and parsed: parsing
/// every template of a target took a large share of `sculpt new`.
public struct TemplateSet: Sendable {
    public let folder: String
    /// Template names (relative path without `.mustache`), sorted.
    public let names: [String]
    private let store: TemplateStore

    /// The sets made so far, by folder list: a set's templates are read and parsed once per process.
    private static let made = Locked<[[String]: TemplateSet]>([:])

    public init(folder: String, shared: [String] = []) throws {
        try self.init(folders: [folder] + shared)
    }

    /// The templates of `folders`, the first the target's own and the rest shared.
    public init(folders: [String]) throws {
        if let set = Self.made.value[folders] {
            self = set
            return
        }
        try self.init(reading: folders)
        let set = self
        Self.made.mutate { if $0[folders] == nil { $0[folders] = set } }
        if let first = Self.made.value[folders] { self = first }
    }

    /// Parses every template (not the partials alone) of each folder list on a background thread.
    static func prefetch(_ folderLists: [[String]]) {
        Thread.detachNewThread {
            for folders in folderLists {
                guard let set = try? TemplateSet(folders: folders) else { continue }
                for name in set.names where !name.split(separator: "/").contains(where: { $0.hasPrefix("_") }) {
                    _ = try? set.store.prepare(name)
                }
            }
        }
    }

    private init(reading folders: [String]) throws {
        let folder = folders[0]
        let shared = Array(folders.dropFirst())
        self.folder = folder
        var files: [String: (file: URL, label: String)] = [:]
        let fm = FileManager.default
        for dir in [folder] + shared {
            let base = try Resources.url("Templates/\(dir)")
            guard let walker = fm.enumerator(atPath: base.path) else {
                throw GenerationError.template(dir, "folder missing")
            }
            for case let rel as String in walker where rel.hasSuffix(".mustache") {
                let name = String(rel.dropLast(".mustache".count))
                guard files[name] == nil else { continue }
                files[name] = (base.appendingPathComponent(rel), "\(dir)/\(rel)")
            }
        }
        names = files.keys.sorted()
        store = TemplateStore(files: files)
    }

    public func render(_ name: String, _ model: Any) throws -> String {
        let (library, pieces) = try store.prepare(name)
        let boxed = ReflectedModel.wrap(model)
        var out = ""
        for piece in pieces {
            guard let text = library.render(boxed, withTemplate: piece) else {
                throw GenerationError.template("\(folder)/\(name)", "no such template")
            }
            out += text
        }
        if let sink = TemplateKeyAudit.sink, let text = try store.text(name) {
            let partials = try store.allTexts()
            let misses = TemplateKeyAudit.unresolved(in: text, template: "\(folder)/\(name)", model: model, partials: partials)
            sink.mutate { $0 += misses }
        }
        return out
    }
}

/// The texts and parsed templates of one `TemplateSet`, filled in as templates are first rendered.
final class TemplateStore: @unchecked Sendable {
    private let files: [String: (file: URL, label: String)]
    private var texts: [String: String] = [:]
    private var library = MustacheLibrary()
    private var parsed: Set<String> = []
    /// The names a rendered template's pieces are registered under.
    private var pieces: [String: [String]] = [:]
    private let lock = NSLock()

    init(files: [String: (file: URL, label: String)]) { self.files = files }

    /// A library holding the pieces of `name` and every partial they include, parsed, and the names
    /// of the pieces in order; no pieces for an unknown name.
    func prepare(_ name: String) throws -> (MustacheLibrary, [String]) {
        lock.lock(); defer { lock.unlock() }
        if let done = pieces[name] { return (library, done) }
        guard let text = try load(name) else { return (library, [name]) }
        var names: [String] = []
        for (k, piece) in Self.pieces(of: text).enumerated() {
            let pieceName = "\(name)\u{0}\(k)"
            try register(piece, as: pieceName, from: name)
            names.append(pieceName)
        }
        for partial in Self.partials(in: text) { try parse(partial) }
        pieces[name] = names
        return (library, names)
    }

    func text(_ name: String) throws -> String? {
        lock.lock(); defer { lock.unlock() }
        return try load(name)
    }

    /// Every template's text, for the key audit that tests run (partials are followed by name).
    func allTexts() throws -> [String: String] {
        lock.lock(); defer { lock.unlock() }
        for name in files.keys { _ = try load(name) }
        return texts
    }

    private func load(_ name: String) throws -> String? {
        if let t = texts[name] { return t }
        guard let entry = files[name] else { return nil }
        let t = String(decoding: try Data(contentsOf: entry.file), as: UTF8.self)
        texts[name] = t
        return t
    }

    private func parse(_ name: String) throws {
        guard !parsed.contains(name), let text = try load(name) else { return }
        try register(text, as: name, from: name)
        parsed.insert(name)
        for partial in Self.partials(in: text) { try parse(partial) }
    }

    /// Parses `text` into the library; a syntax error names the template file it came from.
    private func register(_ text: String, as registered: String, from name: String) throws {
        do {
            try library.register(text, named: registered)
        } catch {
            throw GenerationError.template(files[name]?.label ?? name, "\(error)")
        }
    }

    /// The template cut into runs of whole lines at top level (outside any tag and any section), each
    /// about `size` bytes. Rendering the pieces one after another gives the same text as rendering
    /// the whole: a top-level line renders alone (standalone tags are judged per line). It is done
    /// because swift-mustache's parser measures the rest of the text at every tag, so parsing a
    /// template costs its length times its tags; small pieces cut that to a fraction. Templates that
    /// change delimiters or set pragmas (`{{=`, `{{%`) stay whole, as those carry to later lines.
    static func pieces(of text: String, size: Int = 512) -> [String] {
        let bytes = Array(text.utf8)
        let open: [UInt8] = Array("{{".utf8), close = UInt8(ascii: "}")
        var out: [String] = []
        var start = 0, depth = 0, i = 0
        while i < bytes.count {
            if bytes[i] == open[0], i + 1 < bytes.count, bytes[i + 1] == open[1] {
                // A tag: `{{{name}}}` ends at three braces, every other tag at two.
                let triple = i + 2 < bytes.count && bytes[i + 2] == UInt8(ascii: "{")
                var s = i + 2
                while s < bytes.count && bytes[s] == UInt8(ascii: " ") { s += 1 }
                let sigil = s < bytes.count ? bytes[s] : 0
                var j = i + 2
                while j + 1 < bytes.count && !(bytes[j] == close && bytes[j + 1] == close) { j += 1 }
                guard j + 1 < bytes.count else { return [text] }  // unclosed: the parser reports it
                if triple {
                    guard j + 2 < bytes.count, bytes[j + 2] == close else { return [text] }
                    j += 1
                }
                switch sigil {
                case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"): depth += 1
                case UInt8(ascii: "/"): depth -= 1
                case UInt8(ascii: "="), UInt8(ascii: "%"): return [text]
                default: break
                }
                i = j + 2
                continue
            }
            if bytes[i] == UInt8(ascii: "\n") && depth == 0 && i + 1 - start >= size {
                out.append(String(decoding: bytes[start...i], as: UTF8.self))
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count || out.isEmpty { out.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return depth == 0 ? out : [text]
    }

    /// The names after `{{>` and `{{<` (partials and parents), the only templates a template pulls in.
    static func partials(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        let brace = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var out: [String] = []
        var i = 0
        while i + 2 < bytes.count {
            guard bytes[i] == brace, bytes[i + 1] == brace, bytes[i + 2] == UInt8(ascii: ">") || bytes[i + 2] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            var j = i + 3
            while j + 1 < bytes.count && !(bytes[j] == close && bytes[j + 1] == close) { j += 1 }
            guard j + 1 < bytes.count else { break }
            let name = String(decoding: bytes[(i + 3)..<j], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { out.append(name) }
            i = j + 2
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

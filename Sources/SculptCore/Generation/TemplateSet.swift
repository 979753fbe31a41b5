import Foundation

/// The Mustache templates of a target (`Templates/flask`), parsed on first use and rendered by name.
///
/// A target may draw on shared folders after its own (Flask and FastAPI share `Templates/python`, the
/// tests both run): a name the target's folder has wins, so a target overrides a shared template or
/// partial by having its own. Templates are logic-less: everything they print is prepared by the
/// target's view model.
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

    /// Reads and parses every template of `folders` now, so that rendering finds them ready, and
    /// reads the files copied as they are.
    func prepareAll() {
        for name in names where !name.split(separator: "/").contains(where: { $0.hasPrefix("_") }) {
            _ = try? store.prepare(name)
        }
        _ = try? store.plainFiles()
    }

    /// The files of the target's own folder that are not templates (a stylesheet, a script), to be
    /// copied into the project as they are, by path; hidden files are left out.
    public func plainFiles() throws -> [GeneratedFile] {
        try store.plainFiles()
    }

    private init(reading folders: [String]) throws {
        let folder = folders[0]
        let shared = Array(folders.dropFirst())
        self.folder = folder
        var files: [String: (file: URL, label: String)] = [:]
        var plain: [String: URL] = [:]
        for dir in [folder] + shared {
            let base = try Resources.url("Templates/\(dir)")
            guard let listed = FolderListing.files(under: base.path) else {
                throw GenerationError.template(dir, "folder missing")
            }
            for rel in listed {
                if rel.hasSuffix(".mustache") {
                    let name = String(rel.dropLast(".mustache".count))
                    guard files[name] == nil else { continue }
                    files[name] = (URL(fileURLWithPath: base.path + "/" + rel), "\(dir)/\(rel)")
                } else if dir == folder, !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    plain[rel] = URL(fileURLWithPath: base.path + "/" + rel)
                }
            }
        }
        names = files.keys.sorted()
        store = TemplateStore(files: files, plain: plain)
    }

    public func render(_ name: String, _ model: Any) throws -> String {
        guard let (template, partials) = try store.prepare(name) else {
            throw GenerationError.template("\(folder)/\(name)", "no such template")
        }
        let sink = TemplateKeyAudit.sink
        var renderer = TemplateRenderer(partials: partials, templateName: "\(folder)/\(name)", auditing: sink != nil)
        let out = renderer.render(template, model: model)
        if let sink, let misses = renderer.misses { sink.mutate { $0 += misses } }
        return out
    }
}

/// The parsed templates of one `TemplateSet`, filled in as templates are first rendered.
final class TemplateStore: @unchecked Sendable {
    private let files: [String: (file: URL, label: String)]
    private var parsed: [String: Template] = [:]
    private let plain: [String: URL]
    private var plainRead: [GeneratedFile]?
    private let lock = NSLock()

    init(files: [String: (file: URL, label: String)], plain: [String: URL]) {
        self.files = files
        self.plain = plain
    }

    /// The files copied as they are, read once, sorted by path.
    func plainFiles() throws -> [GeneratedFile] {
        lock.lock(); defer { lock.unlock() }
        if let plainRead { return plainRead }
        let read = try plain.keys.sorted().map { rel in
            GeneratedFile(path: rel, contents: String(decoding: try Data(contentsOf: plain[rel]!), as: UTF8.self))
        }
        plainRead = read
        return read
    }

    /// The template `name` and every partial it includes (and theirs), parsed; nil for an unknown name.
    func prepare(_ name: String) throws -> (Template, [String: Template])? {
        lock.lock(); defer { lock.unlock() }
        guard let template = try parse(name) else { return nil }
        var partials: [String: Template] = [:]
        var queue = template.partials
        while let next = queue.popLast() {
            guard partials[next] == nil, let partial = try parse(next) else { continue }
            partials[next] = partial
            queue += partial.partials
        }
        return (template, partials)
    }

    /// Reads and parses `name` once; a syntax error names the template file it came from.
    private func parse(_ name: String) throws -> Template? {
        if let done = parsed[name] { return done }
        guard let entry = files[name] else { return nil }
        let text = String(decoding: try Data(contentsOf: entry.file), as: UTF8.self)
        do {
            let template = try Template(text)
            parsed[name] = template
            return template
        } catch {
            throw GenerationError.template(entry.label, "\(error)")
        }
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

/// The files a target renders: collected as they are added, rendered on both cores when asked
/// for (`sorted`), and handed back sorted by path.
///
/// Why both cores: a backend's files are most of `sculpt new`'s generation time, and its view model
/// is built before the first file is rendered, so the files themselves are independent work.
struct RenderedFiles {
    let templates: TemplateSet
    private var pending: [(path: String, template: String, model: SharedModel)] = []

    init(_ templates: TemplateSet) { self.templates = templates }

    /// A view model read by the renderer from two threads at once: view models are values built
    /// before rendering starts and only read while it runs.
    private struct SharedModel: @unchecked Sendable { let value: Any }

    /// Renders `template` with `model` into the file at `path` (when `sorted` is read).
    mutating func add(_ path: String, _ template: String, _ model: Any) throws {
        pending.append((path, template, SharedModel(value: model)))
    }

    /// Renders each `(template, path)` pair with the same model.
    mutating func add(_ pairs: [(template: String, path: String)], _ model: Any) throws {
        for (template, path) in pairs { try add(path, template, model) }
    }

    /// Every file, rendered, sorted by path; the first failure (in the order added) is thrown.
    var sorted: [GeneratedFile] {
        get throws {
            let jobs = pending
            let templates = self.templates
            let next = Locked(0)
            let results = Locked<[Int: Result<GeneratedFile, Error>]>([:])
            let sink = TemplateKeyAudit.sink
            SideBySide.run(min(2, jobs.count)) { _ in
                TemplateKeyAudit.$sink.withValue(sink) {
                    while true {
                        var i = 0
                        next.mutate { i = $0; $0 += 1 }
                        guard i < jobs.count else { return }
                        let job = jobs[i]
                        let result = Result { GeneratedFile(path: job.path, contents: try templates.render(job.template, job.model.value)) }
                        results.mutate { $0[i] = result }
                    }
                }
            }
            let done = results.value
            return try jobs.indices.map { try done[$0]!.get() }.sorted { $0.path < $1.path }
        }
    }
}

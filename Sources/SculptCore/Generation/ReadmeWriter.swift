import Foundation

/// The generated project's README, in the requirement's language.
///
/// It is written from the same spec, API plan and backend manifest as the code, so the commands,
/// paths and constraints it shows are the ones the project really has, whatever the backend.
/// The wording lives in the message catalog (`readme.*`), the layout in `Templates/readme`.
public struct ReadmeWriter: Sendable {
    public static let folder = "readme"

    public init() {}

    /// - Parameters:
    ///   - files: the project's file paths, for the file tree; without them the tree shows the standard layout.
    ///   - verification: what the last run of the project's own tests found; nil says it was not verified.
    public func readme(for spec: AppSpec, manifest: BackendManifest, context: GenerationContext,
                       files: [String]? = nil, verification: String? = nil) throws -> GeneratedFile {
        let model = ReadmeViewModel(spec: spec, manifest: manifest, context: context, files: files, verification: verification)
        let text = try TemplateSet(folder: Self.folder).render("README.md", model)
        return GeneratedFile(path: "README.md", contents: text)
    }
}

/// Everything the README template prints, already localized and Markdown-safe.
struct ReadmeViewModel {
    let title: String
    let intro: String
    /// `readme.*` catalog entries without the prefix, for headings and fixed sentences.
    let t: [String: String]
    /// The requirement as Markdown quote lines (`> …`), or nil when the spec came without one.
    let quote: String?
    let accounts: ReadmeAccounts?
    let entities: [ReadmeEntity]
    let operations: [ReadmeOperation]
    let tree: String
    let backendDir: String
    let setup: String
    let start: String
    let test: String
    let url: String
    let runOpen: String
    let runSetup: String
    let testIntro: String
    let envExample: String
    var env: [ReadmeRow]
    let regenerate: String
    let verification: String

    init(spec: AppSpec, manifest: BackendManifest, context: GenerationContext, files: [String]?, verification: String?) {
        let c = context.catalog
        let plan = context.plan
        title = spec.title
        t = c.section("readme.")
        intro = c.text("readme.intro", ["generator": context.generator, "framework": Self.displayName(manifest.framework),
                                        "backend": manifest.dir])
        if let r = spec.requirement?.trimmingCharacters(in: .whitespacesAndNewlines), !r.isEmpty {
            quote = r.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        } else {
            quote = nil
        }

        if let a = spec.accounts {
            var lines = [c.text("readme.accounts_identity", ["label": a.identity.label, "name": a.identity.name]),
                         c.text("readme.accounts_password")]
            if let login = plan.path(of: .login) {
                lines.append(c.text("readme.accounts_login", ["path": login, "hours": String(a.tokenHours)]))
            } else {
                lines.append(c.text("readme.accounts_no_login"))
            }
            if let me = plan.path(of: .me) { lines.append(c.text("readme.accounts_profile", ["path": me])) }
            var rows = a.signUpFields.map { ReadmeField($0, catalog: c) }
            let pw = Field(name: "password", label: a.password.label, type: .string, required: true,
                           minLength: a.password.minLength, maxLength: a.password.maxLength)
            rows.append(ReadmeField(pw, catalog: c, type: "string (password)"))
            accounts = ReadmeAccounts(lines: lines, fields: rows)
        } else {
            accounts = nil
        }

        let rules = ReadmeRules(spec: spec, plan: plan, catalog: c)
        entities = spec.entities.map { e in
            var lines: [String] = rules.relationLines(e)
            func who(_ a: Audience, create: Bool = false) -> String {
                switch a {
                case .anyone: return c.text("readme.who_anyone")
                case .signedIn: return c.text("readme.who_signed_in")
                case .owner: return c.text(create ? "readme.who_owner_create" : "readme.who_owner")
                }
            }
            if !e.permissions.isEmpty {
                lines += rules.accessLines(e)
            } else {
                if e.supports(.list) || e.supports(.get) { lines.append(c.text("readme.access_read", ["who": who(e.access.read)])) }
                if e.supports(.create) {
                    let creator: Audience = e.isOwned ? .owner : e.access.write
                    lines.append(c.text("readme.access_create", ["who": who(creator, create: true)]))
                }
                if e.supports(.update) || e.supports(.delete) { lines.append(c.text("readme.access_write", ["who": who(e.access.write)])) }
            }
            lines += rules.actionLines(e)
            if !e.searchable.isEmpty {
                let labels = e.searchable.compactMap { e.field(named: $0) }.map { c.text("readme.field_ref", ["label": $0.label, "name": $0.name]) }
                lines.append(c.text("readme.search", ["fields": labels.joined(separator: c.text("page.list_separator"))]))
            }
            if e.supports(.list) { lines.append(c.text("readme.paging")) }
            return ReadmeEntity(label: Markdown.cell(e.label), name: e.name, fields: e.fields.map { ReadmeField($0, catalog: c) }, lines: lines)
        }

        operations = plan.operations.map { op in
            ReadmeOperation(method: op.method.rawValue, path: op.path,
                            summary: Markdown.cell(op.verb.flatMap { spec.entity(named: op.entity)?.action(named: $0)?.label }
                                                   ?? c.text("op.\(op.action.rawValue)", ["entity": spec.entity(named: op.entity)?.label ?? ""])),
                            auth: c.text(op.secured ? "readme.auth_yes" : "readme.auth_no"))
        } + [ReadmeOperation(method: "GET", path: manifest.health, summary: c.text("readme.health"), auth: c.text("readme.auth_no"))]

        tree = FileTree.render(files ?? FileTree.standardLayout(backend: manifest.dir), describe: { p in
            FileTree.description(of: p, backend: manifest.dir, catalog: c)
        })
        backendDir = manifest.dir
        setup = (["cd \(manifest.dir)"] + manifest.setup).joined(separator: "\n")
        start = Shell.join(manifest.start)
        test = Shell.join(manifest.test)
        url = "http://127.0.0.1:8000/"
        runOpen = c.text("readme.run_open", ["url": "<http://127.0.0.1:8000/>", "health": "<http://127.0.0.1:8000\(manifest.health)>"])
        // A compiled backend is built, not installed: its words say so.
        let compiled = manifest.kind == .swiftpm
        runSetup = c.text(compiled ? "readme.run_setup_swift" : "readme.run_setup", ["backend": manifest.dir])
        testIntro = c.text(compiled ? "readme.test_intro_swift" : "readme.test_intro", ["backend": manifest.dir])
        let secretExample = spec.accounts?.login == true ? " SECRET_KEY=change-me-to-a-long-random-string" : ""
        envExample = "HOST=0.0.0.0 PORT=8080 DATABASE_URL=sqlite:////tmp/\(spec.name).db\(secretExample) \(start)"
        env = [
            ReadmeRow(name: "HOST", value: "`127.0.0.1`", purpose: c.text("readme.env_host")),
            ReadmeRow(name: "PORT", value: "`8000`", purpose: c.text("readme.env_port")),
            ReadmeRow(name: "DATABASE_URL", value: c.text("readme.env_database_default"), purpose: c.text("readme.env_database")),
            ReadmeRow(name: "SECRET_KEY", value: c.text("readme.env_secret_default"), purpose: c.text("readme.env_secret")),
        ] + rules.envRows
        if spec.accounts != nil, manifest.kind == .python {
            // The Python backends limit sign-up and login attempts per client (ratelimit.py).
            env.append(ReadmeRow(name: "AUTH_RATE_LIMIT", value: "`100`", purpose: c.text("readme.env_rate_limit")))
        }
        regenerate = "sculpt new --spec spec.json --out ../\(spec.name.replacingOccurrences(of: "_", with: "-")) --force"
        self.verification = verification?.trimmingCharacters(in: .whitespacesAndNewlines) ?? c.text("readme.not_verified")
    }

    static func displayName(_ framework: String) -> String {
        switch framework {
        case "flask": return "Flask"
        case "fastapi": return "FastAPI"
        case "hummingbird": return "Hummingbird (Swift)"
        case "express": return "Express"
        default: return framework
        }
    }
}

struct ReadmeAccounts {
    let lines: [String]
    let fields: [ReadmeField]
}

struct ReadmeEntity {
    let label: String
    let name: String
    let fields: [ReadmeField]
    let lines: [String]
}

/// One row of a field table: name, label, JSON type, constraints in words.
struct ReadmeField {
    let name: String
    let label: String
    let type: String
    let constraints: String

    init(_ f: Field, catalog: MessageCatalog, type: String? = nil) {
        name = f.name
        label = Markdown.cell(f.label)
        let schema = FieldSchema(f)
        let base = schema.type.rawValue
        if let type {
            self.type = type
        } else if let format = schema.format {
            self.type = "\(base) (\(format))"
        } else if f.type == .enumeration {
            self.type = "\(base) (enum)"
        } else {
            self.type = base
        }
        constraints = Markdown.cell(FormInput.hint(for: f, catalog: catalog, showDefault: true, kind: false, booleanDefault: true))
    }
}

struct ReadmeOperation {
    let method: String
    let path: String
    let summary: String
    let auth: String
}

struct ReadmeRow {
    let name: String
    let value: String
    let purpose: String
}

/// Text that stays literal inside a Markdown table cell.
enum Markdown {
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
    }
}

/// Argument lists written as one shell command line a person can paste.
enum Shell {
    static func join(_ args: [String]) -> String {
        args.map(quote).joined(separator: " ")
    }

    static func quote(_ s: String) -> String {
        let safe = s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.isASCII || "0123456789-_./=:@,+%".unicodeScalars.contains($0) }
        return !s.isEmpty && safe ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The project's files drawn as a tree (`├──`), with a short note on the files people look for.
enum FileTree {
    static func standardLayout(backend: String) -> [String] {
        ["README.md", "sculpt.json", "spec.json", "openapi.json", "\(backend)/", "frontend/index.html", "frontend/app.js", "frontend/styles.css"]
    }

    static func description(of path: String, backend: String, catalog c: MessageCatalog) -> String? {
        switch path {
        case "README.md": return c.text("readme.file_readme")
        case "sculpt.json": return c.text("readme.file_manifest")
        case "spec.json": return c.text("readme.file_spec")
        case "openapi.json": return c.text("readme.file_openapi")
        case "\(backend)/": return c.text("readme.file_backend")
        case "frontend/": return c.text("readme.file_frontend")
        case "frontend/index.html": return c.text("readme.file_index")
        case "frontend/app.js": return c.text("readme.file_app")
        case "frontend/styles.css": return c.text("readme.file_styles")
        default: return nil
        }
    }

    /// A node of the tree: a file, or a folder with children (paths ending in `/` are empty folders).
    final class Node {
        var children: [String: Node] = [:]
        var isFolder = false
    }

    static func render(_ paths: [String], describe: (String) -> String?) -> String {
        let root = Node()
        for p in Set(paths) {
            var node = root
            let parts = p.split(separator: "/").map(String.init)
            for (i, part) in parts.enumerated() {
                let child = node.children[part] ?? Node()
                node.children[part] = child
                if i < parts.count - 1 || p.hasSuffix("/") { child.isFolder = true }
                node = child
            }
        }
        var lines: [(text: String, path: String)] = [(".", "")]
        func walk(_ node: Node, prefix: String, path: String) {
            // Files first, then folders, each alphabetically: the project's top-level files lead.
            let names = node.children.keys.sorted { a, b in
                let fa = node.children[a]!.isFolder, fb = node.children[b]!.isFolder
                return fa == fb ? a < b : !fa
            }
            for (i, name) in names.enumerated() {
                let child = node.children[name]!
                let last = i == names.count - 1
                let full = path + name + (child.isFolder ? "/" : "")
                lines.append((prefix + (last ? "└── " : "├── ") + name + (child.isFolder ? "/" : ""), full))
                if child.isFolder { walk(child, prefix: prefix + (last ? "    " : "│   "), path: full) }
            }
        }
        walk(root, prefix: "", path: "")
        let width = lines.map(\.text.count).max() ?? 0
        return lines.map { line in
            guard let note = describe(line.path) else { return line.text }
            return line.text + String(repeating: " ", count: width - line.text.count + 2) + "# " + note
        }.joined(separator: "\n")
    }
}

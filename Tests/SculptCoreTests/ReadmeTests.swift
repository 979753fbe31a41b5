import Foundation
import Testing
@testable import SculptCore

@Suite("Readme")
struct ReadmeTests {
    static func readme(_ spec: AppSpec, manifest: BackendManifest = FlaskTarget().manifest, files: [String]? = nil,
                       verification: String? = nil) throws -> String {
        try ReadmeWriter().readme(for: spec, manifest: manifest, context: PageFixtures.context(spec), files: files,
                                  verification: verification).contents
    }

    @Test("README.md at the root, in the spec's language, quoting the requirement", arguments: PageFixtures.names)
    func language(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let file = try ReadmeWriter().readme(for: spec, manifest: FlaskTarget().manifest, context: PageFixtures.context(spec))
        #expect(file.path == "README.md")
        let text = file.contents
        #expect(text.hasPrefix("# \(spec.title)\n"))
        if let r = spec.requirement { #expect(text.contains("> " + r)) }
        let headings = spec.language == .zh ? ["## 需求", "## 构建内容", "## 文件", "## 运行", "## 测试", "## 重新生成", "## 验证"]
            : ["## What was asked", "## What was built", "## Files", "## Run it", "## Tests", "## Regenerate", "## Verification"]
        for h in headings { #expect(text.contains("\n\(h)\n"), "heading \(h)") }
        #expect(!text.contains("{{") && !text.contains("readme."), "an unrendered tag or a missing catalog entry")
        #expect(!text.contains("&quot;") && !text.contains("&lt;"), "Markdown is not HTML-escaped")
    }

    @Test("setup, start and test commands come from the backend manifest", arguments: PageFixtures.names)
    func commands(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let m = FlaskTarget().manifest
        let text = try Self.readme(spec)
        for step in m.setup { #expect(text.contains("\n\(step)\n"), "setup step \(step)") }
        #expect(text.contains("\n" + m.start.joined(separator: " ") + "\n"))
        #expect(text.contains("\n" + m.test.joined(separator: " ") + "\n"))
        #expect(text.contains("cd \(m.dir)\n"))
        for v in ["HOST", "PORT", "DATABASE_URL", "SECRET_KEY"] { #expect(text.contains("`\(v)`")) }
        #expect(text.contains("http://127.0.0.1:8000/"))
        #expect(text.contains("sculpt new --spec spec.json --out ") && text.contains(" --force"))
    }

    @Test("each backend's README gives its ecosystem's plain commands, in the project, with no cache path",
          arguments: ["flask", "fastapi", "hummingbird"])
    func plainCommands(backend: String) throws {
        let spec = try PageFixtures.spec("products_en")
        let text = try Self.readme(spec, manifest: Backend(rawValue: backend)!.target.manifest)
        let expected = backend == "hummingbird" ? ["\nswift build\n", "\nswift run server\n", "\nswift test\n"]
            : ["\npython3 -m venv .venv\n", " -r requirements-dev.txt\n", "\n.venv/bin/python app.py\n", "\n.venv/bin/python -m pytest -q\n"]
        for command in expected { #expect(text.contains(command), "\(backend): no \(command)") }
        for word in ["scratch-path", ".cache", "XDG_CACHE_HOME", "bin/server"] { #expect(!text.contains(word), "\(backend): mentions \(word)") }
    }

    @Test("another backend's manifest changes the commands, quoting arguments for the shell")
    func otherBackend() throws {
        let m = BackendManifest(framework: "express", dir: "server", setup: ["npm ci"], start: ["node", "src/main.js", "--name", "my app"],
                                test: ["npm", "test"], health: "/healthz")
        let text = try Self.readme(try PageFixtures.spec("todo_en"), manifest: m)
        #expect(text.contains("\nnpm ci\n") && text.contains("\nnode src/main.js --name 'my app'\n") && text.contains("\nnpm test\n"))
        #expect(text.contains("cd server\n") && text.contains("`/healthz`") && text.contains("a backend in Express (`server/`)"))
        #expect(!text.contains("pip") && !text.contains("backend/"))
    }

    @Test("what was built: every field with its constraints, every operation with method, path and auth", arguments: PageFixtures.names)
    func built(name: String) throws {
        let spec = try PageFixtures.spec(name)
        let text = try Self.readme(spec)
        for e in spec.entities {
            #expect(text.contains("### \(e.label) (`\(e.name)`)"))
            for f in e.fields { #expect(text.contains("| `\(f.name)` | \(f.label) |"), "row of \(e.name).\(f.name)") }
        }
        if let a = spec.accounts {
            for f in a.signUpFields { #expect(text.contains("| `\(f.name)` | \(f.label) |")) }
            #expect(text.contains("| `password` | \(a.password.label) |"))
        }
        for op in APIPlan(spec).operations {
            #expect(text.contains("| `\(op.method)` | `\(op.path)` |"), "\(op.method) \(op.path)")
        }
        #expect(text.contains("| `GET` | `/health` |"))
    }

    @Test("constraints are written out in the spec's language")
    func constraintWords() throws {
        let blog = try Self.readme(try PageFixtures.spec("blog_zh"))
        #expect(blog.contains("| `title` | 标题 | string | 必填；最多200个字符 |"))
        #expect(blog.contains("| `password` | 密码 | string (password) | 必填；至少8个字符；最多128个字符 |"))
        #expect(blog.contains("| `POST` | `/api/posts` | 新增文章 | 是（Bearer 令牌） |"))
        #expect(blog.contains("修改和删除：仅创建者本人"))
        let products = try Self.readme(try PageFixtures.spec("products_en"))
        #expect(products.contains("| `price` | Price | number | Required; greater than 0 |"))
        #expect(products.contains("| `sku` | SKU | string | Required; at most 200 characters; must not match an existing one |"))
        let todo = try Self.readme(try PageFixtures.spec("todo_en"))
        #expect(todo.contains("| `done` | Done | boolean | default: false |"))
        #expect(!todo.contains("### Accounts") && !todo.contains("SECRET_KEY=change-me"))
    }

    @Test("the file tree shows the project's files, with notes on the ones people look for")
    func tree() throws {
        let files = ["README.md", "backend/app.py", "backend/tests/test_api.py", "frontend/app.js", "frontend/index.html",
                     "frontend/styles.css", "openapi.json", "sculpt.json", "spec.json"]
        let text = try Self.readme(try PageFixtures.spec("todo_en"), files: files)
        #expect(text.contains("├── backend/"))
        #expect(text.contains("│   ├── app.py"))
        #expect(text.contains("│   └── tests/\n│       └── test_api.py"))
        #expect(text.contains("└── frontend/"))
        #expect(text.contains("# the app spec; regenerate the project from it"))
    }

    @Test("verification: not verified by default, the given summary otherwise, between markers")
    func verification() throws {
        let spec = try PageFixtures.spec("blog_zh")
        let plain = try Self.readme(spec)
        #expect(plain.contains("<!-- sculpt:verification:start -->\n本项目尚未验证"))
        let done = try Self.readme(spec, verification: "2026-11-29：12 个测试全部通过。")
        #expect(done.contains("<!-- sculpt:verification:start -->\n2026-11-29：12 个测试全部通过。\n<!-- sculpt:verification:end -->"))
        #expect(!done.contains("尚未验证"))
    }

    @Test("generating twice gives the same bytes", arguments: PageFixtures.names)
    func deterministic(name: String) throws {
        let spec = try PageFixtures.spec(name)
        #expect(try Self.readme(spec) == Self.readme(spec))
    }
}

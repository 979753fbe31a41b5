import Foundation
import SculptCore

/// What `sculpt review PATH` points at, and the copy the review works on.
///
/// Someone else's project is never changed: it is copied (without virtual environments, VCS data and
/// build output) into the review's work folder, and the copy is what the sandbox may write. A project
/// made by `sculpt new` (it has `sculpt.json`) runs in place, as `sculpt check` runs it, so a compiled
/// backend's build is reused.
public struct ReviewTarget: Sendable {
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// The folder the user named (or the folder of the file they named).
    public var original: URL
    /// The single file named, if one was.
    public var file: String?
    /// True for a project with a `sculpt.json` manifest.
    public var hasManifest: Bool

    static let skipped: Set<String> = [".venv", "venv", ".git", ".hg", "node_modules", ".build", "__pycache__", ".mypy_cache",
                                       ".pytest_cache", ".tox", "dist", "build", ".sculpt-verify"]

    public static func resolve(_ path: String) throws -> ReviewTarget {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw Invalid(description: "\(path) does not exist: give a Flask or FastAPI project folder or its app file")
        }
        if !isDir.boolValue {
            guard url.pathExtension == "py" else {
                throw Invalid(description: "\(path) is not a Python file: give a Flask or FastAPI project folder or its app .py file")
            }
            return ReviewTarget(original: url.deletingLastPathComponent(), file: url.lastPathComponent, hasManifest: false)
        }
        let manifest = FileManager.default.fileExists(atPath: url.appendingPathComponent("sculpt.json").path)
        return ReviewTarget(original: url, file: nil, hasManifest: manifest)
    }

    /// The folder the review reads and runs: the project itself (manifest projects) or a fresh copy.
    public func workingCopy(in work: URL) throws -> URL {
        if hasManifest { return original }
        let fm = FileManager.default
        let copy = work.appendingPathComponent("project")
        try? fm.removeItem(at: copy)
        try fm.createDirectory(at: copy, withIntermediateDirectories: true)
        // A single file is reviewed alone but runs with its folder, which holds what it imports.
        try copyTree(from: original, to: copy, depth: 0)
        makeWritable(copy)
        return copy
    }

    private func copyTree(from: URL, to: URL, depth: Int) throws {
        let fm = FileManager.default
        guard depth < 12 else { return }
        for name in try fm.contentsOfDirectory(atPath: from.path) where !Self.skipped.contains(name) {
            let src = from.appendingPathComponent(name)
            let dst = to.appendingPathComponent(name)
            guard let attrs = try? fm.attributesOfItem(atPath: src.path), let type = attrs[.type] as? FileAttributeType else { continue }
            if type == .typeDirectory {
                try fm.createDirectory(at: dst, withIntermediateDirectories: true)
                try copyTree(from: src, to: dst, depth: depth + 1)
            } else if type == .typeRegular, (attrs[.size] as? Int ?? 0) < 20 << 20 {
                try fm.copyItem(at: src, to: dst)
            }
        }
    }

    /// Copies of read-only files stay read-only; the sandboxed app must be able to write beside itself.
    private func makeWritable(_ dir: URL) {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: dir.path) else { return }
        try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        while let rel = e.nextObject() as? String {
            let p = dir.appendingPathComponent(rel).path
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: p, isDirectory: &isDir)
            try? fm.setAttributes([.posixPermissions: isDir.boolValue ? 0o755 : 0o644], ofItemAtPath: p)
        }
    }

    /// The code a model reads with `--model`: the file named, or the folder's Python and Swift sources
    /// (the app's before its tests, each folder in path order), paths relative to the folder.
    public func sources() -> [ModelReview.Source] {
        let fm = FileManager.default
        if let file {
            let text = (try? String(contentsOf: original.appendingPathComponent(file), encoding: .utf8)) ?? ""
            return [ModelReview.Source(path: file, text: text)]
        }
        var found: [String] = []
        func walk(_ rel: String, depth: Int) {
            guard depth < 12, let names = try? fm.contentsOfDirectory(atPath: original.appendingPathComponent(rel).path) else { return }
            for name in names.sorted() where !Self.skipped.contains(name) && !name.hasPrefix(".") {
                let child = rel.isEmpty ? name : rel + "/" + name
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: original.appendingPathComponent(child).path, isDirectory: &isDir) else { continue }
                if isDir.boolValue { walk(child, depth: depth + 1) } else if name.hasSuffix(".py") || name.hasSuffix(".swift") { found.append(child) }
            }
        }
        walk("", depth: 0)
        let isTest = { (p: String) in p.split(separator: "/").contains { $0 == "tests" || $0 == "Tests" || $0.hasPrefix("test_") } }
        return (found.filter { !isTest($0) } + found.filter(isTest)).compactMap { rel in
            guard let text = try? String(contentsOf: original.appendingPathComponent(rel), encoding: .utf8) else { return nil }
            return ModelReview.Source(path: rel, text: text)
        }
    }

    /// The path of `original` inside its git repository ("" at the root or outside any repository),
    /// so SARIF URIs are repository-relative.
    public func repositoryPrefix() -> String {
        var dir = original
        var parts: [String] = []
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) {
                return parts.reversed().joined(separator: "/")
            }
            parts.append(dir.lastPathComponent)
            dir = dir.deletingLastPathComponent()
        }
        return ""
    }

    /// Requirements for a project that names none: its imports, mapped to the PyPI packages that provide them.
    static let packages: [String: String] = [
        "flask": "flask", "flask_sqlalchemy": "flask-sqlalchemy", "sqlalchemy": "sqlalchemy", "fastapi": "fastapi",
        "uvicorn": "uvicorn", "pydantic": "pydantic", "werkzeug": "werkzeug", "flask_cors": "flask-cors",
        "flask_login": "flask-login", "flask_jwt_extended": "flask-jwt-extended", "jwt": "pyjwt", "bcrypt": "bcrypt",
        "passlib": "passlib", "flask_limiter": "flask-limiter", "slowapi": "slowapi", "sqlmodel": "sqlmodel",
        "email_validator": "email-validator", "flask_wtf": "flask-wtf", "marshmallow": "marshmallow", "dotenv": "python-dotenv",
        "itsdangerous": "itsdangerous", "multipart": "python-multipart", "waitress": "waitress", "gunicorn": "gunicorn",
    ]

    /// Makes sure the copy has a requirement list the environment cache can install: the project's own,
    /// plus uvicorn for a FastAPI app that does not list a server; or one made from its imports.
    static func prepareRequirements(in copy: URL, imports: [String], framework: String?) throws {
        let fm = FileManager.default
        let dev = copy.appendingPathComponent("requirements-dev.txt")
        let req = copy.appendingPathComponent("requirements.txt")
        var lines: [String] = []
        var listed = ""
        if fm.fileExists(atPath: dev.path) {
            let orig = copy.appendingPathComponent("requirements-dev.orig.txt")
            try? fm.removeItem(at: orig)
            try fm.moveItem(at: dev, to: orig)
            lines.append("-r requirements-dev.orig.txt")
            listed = (try? String(contentsOf: orig, encoding: .utf8)) ?? ""
            listed += (try? String(contentsOf: req, encoding: .utf8)) ?? ""
        } else if fm.fileExists(atPath: req.path) {
            lines.append("-r requirements.txt")
            listed = (try? String(contentsOf: req, encoding: .utf8)) ?? ""
        } else {
            lines += imports.compactMap { packages[$0] }.sorted()
            listed = lines.joined(separator: "\n")
        }
        if framework == "fastapi", !listed.lowercased().contains("uvicorn") { lines.append("uvicorn") }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: dev)
    }
}

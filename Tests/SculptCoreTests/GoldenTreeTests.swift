import Foundation
import Testing
@testable import SculptCore

/// Generated projects pinned byte for byte. Regenerate with `SCULPT_UPDATE_GOLDEN=1 swift test --filter Golden`
/// after an intended change, and review the diff in git.
@Suite("Golden trees")
struct GoldenTreeTests {
    static let specs = ["register_zh", "blog_zh", "products_en", "todo_en"]
    static let backends = ProjectGenerator.backendNames
    static let goldenRoot = Fixtures.root.deletingLastPathComponent().appendingPathComponent("Golden")
    /// Contract v2 specs (relations, roles, actions), pinned on every backend.
    static let v2Specs = ["courses_zh", "issues_en", "library_loans_zh", "photos_likes_en", "repairs_open_en"]
    static let v2Backends = ProjectGenerator.backendNames

    @Test("the same spec gives byte-identical files", arguments: specs, backends)
    func deterministic(name: String, backend: String) throws {
        let spec = try Fixtures.spec(name)
        let a = try ProjectGenerator(backend: backend).generate(spec)
        let b = try ProjectGenerator(backend: backend).generate(spec)
        #expect(a == b)
    }

    /// Each backend's tree of each spec lives in `Tests/Golden/<backend>/<spec>`.
    @Test("generated trees match the golden copies", arguments: specs, backends)
    func golden(name: String, backend: String) throws {
        try Self.compare(name: name, backend: backend)
    }

    @Test("contract v2 trees match the golden copies", arguments: v2Specs, v2Backends)
    func goldenV2(name: String, backend: String) throws {
        try Self.compare(name: name, backend: backend)
    }

    static func compare(name: String, backend: String) throws {
        let files = try ProjectGenerator(backend: backend).generate(try Fixtures.spec(name))
        let dir = Self.goldenRoot.appendingPathComponent(backend).appendingPathComponent(name)
        let fm = FileManager.default
        if ProcessInfo.processInfo.environment["SCULPT_UPDATE_GOLDEN"] == "1" {
            try? fm.removeItem(at: dir)
            for f in files {
                let url = dir.appendingPathComponent(f.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(f.contents.utf8).write(to: url)
            }
            return
        }
        let expected = Set(Self.listFiles(dir))
        let actual = Set(files.map(\.path))
        #expect(expected.subtracting(actual).isEmpty, "golden files no longer generated: \(expected.subtracting(actual).sorted())")
        #expect(actual.subtracting(expected).isEmpty, "new files not in the golden tree: \(actual.subtracting(expected).sorted()); run with SCULPT_UPDATE_GOLDEN=1")
        for f in files where expected.contains(f.path) {
            let golden = try String(contentsOf: dir.appendingPathComponent(f.path), encoding: .utf8)
            if golden != f.contents {
                Issue.record("\(backend)/\(name)/\(f.path) differs from its golden copy:\n\(LineDiff.describe(expected: golden, actual: f.contents))")
            }
        }
    }

    static func listFiles(_ dir: URL) -> [String] {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [String] = []
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            out.append(String(url.standardizedFileURL.path.dropFirst(dir.standardizedFileURL.path.count + 1)))
        }
        return out
    }
}

/// A short, readable description of where two texts part ways.
enum LineDiff {
    static func describe(expected: String, actual: String, context: Int = 3) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var i = 0
        while i < min(a.count, b.count) && a[i] == b[i] { i += 1 }
        var ea = a.count - 1, eb = b.count - 1
        while ea >= i && eb >= i && a[ea] == b[eb] { ea -= 1; eb -= 1 }
        var lines: [String] = ["@@ line \(i + 1) @@"]
        for k in max(0, i - context)..<i { lines.append("  " + a[k]) }
        if ea >= i { for k in i...ea { lines.append("- " + a[k]) } }
        if eb >= i { for k in i...eb { lines.append("+ " + b[k]) } }
        let after = max(ea, i - 1) + 1
        for k in after..<min(a.count, after + context) { lines.append("  " + a[k]) }
        return lines.prefix(60).joined(separator: "\n")
    }
}

import Foundation
import SculptCore
@testable import SculptWorkspace
import Testing

/// The writer on a real file system: a new folder, a replaced one (`--force`), and what must never
/// be touched (a folder a link in the old project points to).
@Suite("Project writer")
struct ProjectWriterTests {
    static let files = [
        GeneratedFile(path: "README.md", contents: "# app\n"),
        GeneratedFile(path: "backend/app.py", contents: "print('hi')\n"),
        GeneratedFile(path: "backend/routes/users.py", contents: "users = []\n"),
        GeneratedFile(path: "backend/tests/deep/test_x.py", contents: "def test(): pass\n"),
        GeneratedFile(path: "frontend/index.html", contents: "<p>é 你好</p>\n"),
        GeneratedFile(path: "run.sh", contents: "#!/bin/sh\n", executable: true),
    ]

    /// What a project written from `files` holds: each path with its contents.
    static let expected = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })

    static func workspace() throws -> URL {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: ws, withIntermediateDirectories: true)
        return ws
    }

    /// Every regular file under `root`, by relative path, with its contents.
    static func tree(_ root: URL) -> [String: String] {
        var out: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let rel = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            let path = root.appendingPathComponent(rel).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<unreadable>"
            }
        }
        return out
    }

    @Test("folders are made parents first, once each")
    func folders() {
        #expect(ProjectWriter.folders(of: Self.files) == ["backend", "backend/routes", "backend/tests", "backend/tests/deep", "frontend"])
    }

    @Test("a new project holds exactly the files, an executable one executable, and no staging folder is left")
    func writesNew() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let dest = ws.appendingPathComponent("app")
        try ProjectWriter(destination: dest, force: false).write(Self.files)
        #expect(Self.tree(dest) == Self.expected)
        let mode = try FileManager.default.attributesOfItem(atPath: dest.appendingPathComponent("run.sh").path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path) == ["app"])
    }

    @Test("--force replaces the old project whole, keeps the kept folder, and never follows a link out of it")
    func replaces() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let dest = ws.appendingPathComponent("app")
        let outside = ws.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("precious\n".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        // An old project: stale files in nested folders, a link to a folder outside, the user's venv.
        try FileManager.default.createDirectory(at: dest.appendingPathComponent("old/deeper"), withIntermediateDirectories: true)
        try Data("stale\n".utf8).write(to: dest.appendingPathComponent("old/deeper/stale.txt"))
        try Data("stale\n".utf8).write(to: dest.appendingPathComponent("backend.txt"))
        try FileManager.default.createSymbolicLink(at: dest.appendingPathComponent("old/link"), withDestinationURL: outside)
        try FileManager.default.createDirectory(at: dest.appendingPathComponent("backend/.venv"), withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: dest.appendingPathComponent("backend/.venv/note.txt"))

        #expect(throws: ProjectWriter.Failure.self) { try ProjectWriter(destination: dest, force: false).write(Self.files) }
        try ProjectWriter(destination: dest, force: true).write(Self.files, keeping: ["backend/.venv"])

        var expected = Self.expected
        expected["backend/.venv/note.txt"] = "mine\n"
        #expect(Self.tree(dest) == expected)
        #expect(Self.tree(outside) == ["keep.txt": "precious\n"], "the folder a link pointed to was touched")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path).sorted() == ["app", "outside"])
    }

    @Test("files staged in batches from several threads, as a generator makes them, end up as one project")
    func stagedBatches() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let dest = ws.appendingPathComponent("app")
        let writer = ProjectWriter(destination: dest, force: false)
        let staging = try writer.stage()
        let files = Self.files
        SideBySide.run(3) { part in staging.write(stride(from: part, to: files.count, by: 3).map { files[$0] }) }
        try writer.commit(staging)
        #expect(Self.tree(dest) == Self.expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path) == ["app"])
    }

    @Test("a batch that cannot be written fails the commit, and the old project stays as it was")
    func failedBatch() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let dest = ws.appendingPathComponent("app")
        try ProjectWriter(destination: dest, force: false).write(Self.files)
        let before = Self.tree(dest)
        let writer = ProjectWriter(destination: dest, force: true)
        let staging = try writer.stage()
        staging.write([GeneratedFile(path: "a/file", contents: "x")])
        staging.write([GeneratedFile(path: "a/file/under-a-file", contents: "y")])  // a file where a folder must be
        #expect(throws: ProjectWriter.Failure.self) { try writer.commit(staging) }
        #expect(Self.tree(dest) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path) == ["app"])
    }

    @Test("a folder removed with the system calls goes whole, links removed and not followed")
    func removesFolder() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let target = ws.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("x\n".utf8).write(to: target.appendingPathComponent("x.txt"))
        let doomed = ws.appendingPathComponent("doomed")
        try FileManager.default.createDirectory(at: doomed.appendingPathComponent("a/b/c"), withIntermediateDirectories: true)
        try Data("1\n".utf8).write(to: doomed.appendingPathComponent("a/b/c/1.txt"))
        try Data("2\n".utf8).write(to: doomed.appendingPathComponent("a/2.txt"))
        try FileManager.default.createSymbolicLink(at: doomed.appendingPathComponent("a/to-target"), withDestinationURL: target)
        try FileManager.default.createSymbolicLink(at: doomed.appendingPathComponent("dangling"), withDestinationURL: ws.appendingPathComponent("nowhere"))

        try PlainFolder.remove(doomed.path)
        #expect(!FileManager.default.fileExists(atPath: doomed.path))
        #expect(Self.tree(target) == ["x.txt": "x\n"])
        try PlainFolder.remove(doomed.path)  // gone already: nothing to do
    }
}

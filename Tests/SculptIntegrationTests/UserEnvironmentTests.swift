import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// A project the user already set up keeps its set-up: `sculpt check` (the verifier) and
/// `sculpt new --force` (the writer, keeping `backend/.venv`) never delete or replace a real `.venv`;
/// only the link older Sculpt made into its own cache is removed.
@Suite("The user's own environment", .enabled(if: PythonEnvironment.available, "python3 is not installed"))
struct UserEnvironmentTests {
    /// A real virtual environment (without pip: fast) with a file of the user's in it.
    static func makeVenv(in backend: URL) throws -> URL {
        let venv = backend.appendingPathComponent(".venv")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: PythonEnvironment.python3!)
        p.arguments = ["-m", "venv", "--without-pip", venv.path]
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "python3 -m venv failed")
        try Data("mine\n".utf8).write(to: venv.appendingPathComponent("user-note.txt"))
        return venv
    }

    static func inode(_ url: URL) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.systemFileNumber] as? Int
    }

    @Test("verification leaves a real backend/.venv as it was, and passes with the cached environment")
    func checkLeavesVenv() throws {
        let ws = try VerificationFixtures.workspace("user-venv")
        defer { try? FileManager.default.removeItem(at: ws) }
        let project = try VerificationFixtures.project("register_zh", in: ws)
        let venv = try Self.makeVenv(in: project.appendingPathComponent("backend"))
        let before = Self.inode(venv)
        let config = try String(contentsOf: venv.appendingPathComponent("pyvenv.cfg"), encoding: .utf8)

        let report = Verifier(project: project, options: VerificationFixtures.options()).verify()
        #expect(report.passed, "\(VerificationFixtures.describe(report))")
        #expect(Self.inode(venv) == before, "backend/.venv was replaced")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: venv.path)) == nil, "backend/.venv became a link")
        #expect((try? String(contentsOf: venv.appendingPathComponent("user-note.txt"), encoding: .utf8)) == "mine\n")
        #expect((try? String(contentsOf: venv.appendingPathComponent("pyvenv.cfg"), encoding: .utf8)) == config)
        #expect(report.steps.first { $0.name == "setup" }?.detail.contains(".venv is left as it is") == true)
    }

    @Test("sculpt new --force over a set-up project keeps backend/.venv; a link into Sculpt's cache is not carried over")
    func forceKeepsVenv() throws {
        let ws = try VerificationFixtures.workspace("force-venv")
        defer { try? FileManager.default.removeItem(at: ws) }
        let project = try VerificationFixtures.project("register_zh", in: ws)
        let venv = try Self.makeVenv(in: project.appendingPathComponent("backend"))
        let before = Self.inode(venv)
        let files = try ProjectGenerator(backend: "flask").generate(try SpecCoding.decode(
            Data(contentsOf: VerificationFixtures.specs.appendingPathComponent("register_zh.json"))))
        try ProjectWriter(destination: project, force: true).write(files, keeping: ["backend/.venv", "backend/.build"])
        #expect(Self.inode(venv) == before)
        #expect((try? String(contentsOf: venv.appendingPathComponent("user-note.txt"), encoding: .utf8)) == "mine\n")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("backend/app.py").path))

        // Older Sculpt linked backend/.venv into its cache: replacing the project drops the link ...
        try FileManager.default.removeItem(at: venv)
        let fakeEnv = ws.appendingPathComponent("cache/envs/0123456789abcdef01234567")
        try FileManager.default.createDirectory(at: fakeEnv, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: venv, withDestinationURL: fakeEnv)
        try ProjectWriter(destination: project, force: true).write(files, keeping: ["backend/.venv"])
        #expect(ProjectScan.links(in: project).isEmpty)
        #expect(FileManager.default.fileExists(atPath: fakeEnv.path), "the link's target is not the project's to delete")
    }

    @Test("checking a project made by older Sculpt removes its link into the cache and still verifies")
    func legacyLinkRemoved() throws {
        let ws = try VerificationFixtures.workspace("legacy-link")
        defer { try? FileManager.default.removeItem(at: ws) }
        let project = try VerificationFixtures.project("register_zh", in: ws)
        // An older manifest: no "kind"; and the link older Sculpt left.
        let manifestURL = project.appendingPathComponent("sculpt.json")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as! [String: Any]
        var backend = json["backend"] as! [String: Any]
        backend.removeValue(forKey: "kind")
        json["backend"] = backend
        try JSONSerialization.data(withJSONObject: json).write(to: manifestURL)
        let cache = EnvironmentCache.defaultRoot(ProcessInfo.processInfo.environment)
        let target = cache.appendingPathComponent("envs/ffffffffffffffffffffffff")
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("backend/.venv").path,
                                                   withDestinationPath: target.path)

        let report = Verifier(project: project, options: VerificationFixtures.options()).verify()
        #expect(report.passed, "\(VerificationFixtures.describe(report))")
        #expect(ProjectScan.links(in: project).isEmpty)
        #expect(try BackendManifest.load(from: project).kind == .python)
    }
}

import Foundation
import Testing
@testable import SculptCore

/// `sculpt.json` is written and read through one type; the backend's kind is declared, and manifests
/// written before `kind` existed still read.
@Suite("ProjectManifest")
struct ProjectManifestTests {
    @Test("each backend declares its kind, and the written file reads back to the same manifest",
          arguments: [("flask", BackendKind.python), ("fastapi", .python), ("hummingbird", .swiftpm)])
    func roundTrip(backend: String, kind: BackendKind) throws {
        let files = try ProjectGenerator(backend: backend).generate(try Fixtures.spec("products_en"))
        let text = try #require(files.first { $0.path == "sculpt.json" }).contents
        let manifest = try ProjectManifest.decode(Data(text.utf8))
        #expect(manifest.backend.kind == kind)
        #expect(manifest.backend == Backend(rawValue: backend)!.target.manifest)
        #expect(manifest.json == text)
        // The contract's keys are all there for readers that know nothing of `kind`.
        let raw = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let b = raw["backend"] as! [String: Any]
        for key in ["framework", "dir", "setup", "start", "test", "health", "kind"] { #expect(b[key] != nil, "backend.\(key)") }
        #expect((raw["frontend"] as? [String: String]) == ["dir": "frontend", "entry": "index.html"])
    }

    @Test("the project's files name none of Sculpt's caches or build folders", arguments: ["flask", "fastapi", "hummingbird"])
    func noCachePaths(backend: String) throws {
        for f in try ProjectGenerator(backend: backend).generate(try Fixtures.spec("products_en")) {
            for word in ["scratch-path", ".cache/sculpt", "XDG_CACHE_HOME", "bin/server", "bin/tests"] {
                #expect(!f.contents.contains(word), "\(f.path) mentions \(word)")
            }
        }
    }

    @Test("a manifest without kind (older Sculpt) takes it from the framework; an unknown kind runs the commands as they are")
    func olderManifests() throws {
        let old = #"{"generator": "sculpt 0.0.9", "backend": {"framework": "hummingbird", "dir": "backend", "setup": [], "start": ["bin/server"], "test": ["bin/tests"], "health": "/health"}, "frontend": {"dir": "frontend", "entry": "index.html"}}"#
        #expect(try ProjectManifest.decode(Data(old.utf8)).backend.kind == .swiftpm)
        let flask = old.replacingOccurrences(of: "hummingbird", with: "flask")
        #expect(try ProjectManifest.decode(Data(flask.utf8)).backend.kind == .python)
        let other = old.replacingOccurrences(of: #""framework": "hummingbird""#, with: #""framework": "express", "kind": "node""#)
        #expect(try ProjectManifest.decode(Data(other.utf8)).backend.kind == .commands)
    }

    @Test("a broken manifest is one line saying what is missing")
    func broken() {
        #expect(throws: ManifestError.self) { try ProjectManifest.decode(Data(#"{"backend": {"framework": "flask"}}"#.utf8)) }
        do {
            _ = try ProjectManifest.decode(Data(#"{"backend": {"framework": "flask"}}"#.utf8))
        } catch {
            #expect("\(error)" == "sculpt.json has no backend.start")
        }
    }
}

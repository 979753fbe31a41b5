import Foundation
import SculptWorkspace
import Testing

/// `sculpt dataset clean` from Swift: it finds its Python, runs the shipped datatrove pipeline on
/// the planted corpus and reports what it kept; without a usable Python it says how to get one.
/// (The planted cases themselves are asserted one by one in Tests/dataset/test_clean.py.)
@Suite struct DatasetCleanTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/dataset")

    @Test func missingPythonIsAClearError() throws {
        let pipeline = CleanPipeline(inputs: [Self.fixtures.appendingPathComponent("corpus")], output: URL(fileURLWithPath: "/tmp/unused"),
                                     evaluationSets: [], environment: ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"])
        #expect(throws: DatasetError.self) { try pipeline.python() }
        do { _ = try pipeline.python() } catch {
            #expect("\(error)".contains("scripts/setup-machine"))
        }
    }

    @Test func missingInputIsAClearError() throws {
        var env = ProcessInfo.processInfo.environment
        env["SCULPT_DATASET_PYTHON"] = "/usr/bin/python3"
        let pipeline = CleanPipeline(inputs: [URL(fileURLWithPath: "/nonexistent/corpus")], output: URL(fileURLWithPath: "/tmp/unused"),
                                     evaluationSets: [], environment: env)
        #expect(throws: DatasetError.self) { try pipeline.run() }
    }

    @Test(.enabled(if: (try? CleanPipeline(inputs: [], output: URL(fileURLWithPath: "/"), evaluationSets: []).python()) != nil,
                   "needs the dataset Python (scripts/setup-machine)"))
    func cleansThePlantedCorpus() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-clean-test-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: out) }
        let pipeline = CleanPipeline(inputs: [Self.fixtures.appendingPathComponent("corpus"), Self.fixtures.appendingPathComponent("qa.jsonl")],
                                     output: out, evaluationSets: [Self.fixtures.appendingPathComponent("eval.jsonl")])
        let summary = try pipeline.run()
        #expect(summary.contains("read 17, kept 6"), "\(summary)")
        let kept = try String(contentsOf: out.appendingPathComponent("clean.jsonl"), encoding: .utf8)
        #expect(kept.split(separator: "\n").count == 6)
        #expect(!kept.contains("AKIAIOSFODNN7EXAMPLE") && kept.contains("<AWS_KEY>"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("DATACARD.md").path))
    }
}

import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// Generated projects on disk for the verification tests, and ways to break them on purpose.
enum VerificationFixtures {
    static let specs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/specs")

    /// A fresh folder of its own for one test; the project goes in `project/` inside it.
    static func workspace(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-vtest-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Generates the fixture spec `name` into `<workspace>/project`.
    static func project(_ name: String, in workspace: URL) throws -> URL {
        let spec = try SpecCoding.decode(Data(contentsOf: specs.appendingPathComponent("\(name).json")))
        let files = try ProjectGenerator(backend: "flask").generate(spec)
        let dest = workspace.appendingPathComponent("project")
        try ProjectWriter(destination: dest, force: true).write(files)
        return dest
    }

    /// Edits one generated file: `old` must occur in it, so a template change fails loudly here
    /// rather than silently testing an unbroken project.
    static func mutate(_ project: URL, _ file: String, replacing old: String, with new: String) throws {
        let url = project.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        try #require(text.contains(old), "\(file) no longer contains the text this mutation replaces: \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    static func options(health: Double = 30, tests: Double = 300) -> Verifier.Options {
        var o = Verifier.Options()
        o.healthTimeout = health
        o.testTimeout = tests
        o.checksTimeout = 120
        return o
    }

    /// Processes whose command line names `path` (what a leftover server would look like).
    static func processes(mentioning path: String) -> [String] {
        let ps = Process()
        ps.executableURL = URL(fileURLWithPath: "/bin/ps")
        ps.arguments = ["-eo", "pid=,stat=,args="]
        let pipe = Pipe()
        ps.standardOutput = pipe
        try? ps.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ps.waitUntilExit()
        return out.split(separator: "\n").map(String.init).filter { line in
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            return line.contains(path) && fields.count > 1 && !fields[1].hasPrefix("Z")
        }
    }

    /// Summary text for test failure messages.
    static func describe(_ r: VerificationReport) -> String {
        VerificationSummary.text(r, detailed: false)
    }
}

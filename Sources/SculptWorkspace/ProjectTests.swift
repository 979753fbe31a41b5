import Foundation

/// Sets a generated project up as its manifest says and runs its own test suite.
public struct ProjectTests {
    public struct Outcome {
        public var passed: Bool
        public var summary: String
        public var tail: String
    }

    public let project: URL

    public init(project: URL) { self.project = project }

    public func run(log: (String) -> Void) throws -> Outcome {
        let manifest = try Manifest.load(from: project)
        let dir = project.appendingPathComponent(manifest.dir)
        let runner = ProcessRunner()
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PYTHONPATH")
        for step in manifest.setup {
            log("  setup: \(step)")
            let r = try runner.run(["sh", "-c", step], in: dir, environment: env, timeout: 900)
            if r.status != 0 || r.timedOut {
                return Outcome(passed: false, summary: "setup failed", tail: "setup step `\(step)` failed:\n" + Self.tail(r.output))
            }
        }
        log("  test: \(manifest.test.joined(separator: " "))")
        let r = try runner.run(manifest.test, in: dir, environment: env, timeout: 600)
        let last = r.output.split(separator: "\n").last.map(String.init) ?? ""
        return Outcome(passed: r.status == 0 && !r.timedOut, summary: last.trimmingCharacters(in: .whitespaces),
                       tail: Self.tail(r.output))
    }

    static func tail(_ s: String, lines: Int = 40) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

/// The parts of `sculpt.json` the tools read back.
public struct Manifest: Decodable {
    public var dir: String
    public var setup: [String]
    public var start: [String]
    public var test: [String]
    public var health: String
    public var framework: String

    struct File: Decodable { var backend: Manifest }

    public static func load(from project: URL) throws -> Manifest {
        let url = project.appendingPathComponent("sculpt.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ManifestError(message: "\(project.path) has no sculpt.json: is it a project made by sculpt new?")
        }
        do { return try JSONDecoder().decode(File.self, from: data).backend } catch {
            throw ManifestError(message: "\(url.path) is not a valid manifest: \(error)")
        }
    }
}

public struct ManifestError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

import Foundation
import SculptWorkspace

/// The Python virtual environment the integration tests run generated backends with.
///
/// Created once per set of requirements (the generated requirements-dev.txt plus ruff) under
/// `~/.cache/sculpt-tests/venv-<hash>`, so repeated test runs do not install anything again.
enum PythonEnvironment {
    static let ruffRequirement = "ruff==0.17.5"

    /// The path of `python3`, or nil when it is not installed (tests that need it are then skipped).
    static let python3: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var available: Bool { python3 != nil }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var ready: [String: URL] = [:]

    /// The environment for these requirement files (`requirements.txt`, `requirements-dev.txt` of a generated
    /// backend), creating it on first use. Safe to call from parallel tests and parallel test runs.
    static func venv(requirementsIn backend: URL) throws -> URL {
        let files = ["requirements.txt", "requirements-dev.txt"]
        let text = try files.map { try String(contentsOf: backend.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n") + ruffRequirement
        let key = fnv1a(text)
        lock.lock()
        defer { lock.unlock() }
        if let found = ready[key] { return found }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSTemporaryDirectory()
        let cache = URL(fileURLWithPath: home).appendingPathComponent(".cache/sculpt-tests")
        let venv = cache.appendingPathComponent("venv-\(key)")
        let python = venv.appendingPathComponent("bin/python")
        let marker = venv.appendingPathComponent(".complete")
        if !FileManager.default.fileExists(atPath: marker.path) {
            try create(venv, requirements: backend, cache: cache)
        }
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure(description: "no python in \(venv.path)")
        }
        ready[key] = venv
        return venv
    }

    /// Builds the environment in a private folder and renames it into place, so a half-built one is never used.
    private static func create(_ venv: URL, requirements backend: URL, cache: URL) throws {
        guard let python3 else { throw Failure(description: "python3 is not installed") }
        let fm = FileManager.default
        try fm.createDirectory(at: cache, withIntermediateDirectories: true)
        let staging = cache.appendingPathComponent(".\(venv.lastPathComponent)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? fm.removeItem(at: staging) }
        let runner = ProcessRunner()
        var steps: [[String]] = [[python3, "-m", "venv", staging.path]]
        let pip = [staging.appendingPathComponent("bin/python").path, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        steps.append(pip + ["-r", backend.appendingPathComponent("requirements-dev.txt").path, ruffRequirement])
        for step in steps {
            let r = try runner.run(step, in: backend, environment: cleanEnvironment(), timeout: 900)
            if r.status != 0 || r.timedOut {
                throw Failure(description: "`\(step.joined(separator: " "))` failed:\n\(r.output.suffix(3000))")
            }
        }
        try Data().write(to: staging.appendingPathComponent(".complete"))
        if fm.fileExists(atPath: venv.path) { try? fm.removeItem(at: venv) }
        do { try fm.moveItem(at: staging, to: venv) } catch {
            // Another test run finished first: use its environment.
            if !fm.fileExists(atPath: venv.appendingPathComponent(".complete").path) { throw error }
        }
    }

    /// The environment for running generated code: no PYTHONPATH leaking in from the caller.
    static func cleanEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PYTHONPATH")
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.merge(extra) { _, new in new }
        return env
    }

    /// A stable 64-bit FNV-1a hash in hex (Foundation on Linux has no SHA-256 without extra packages).
    static func fnv1a(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return String(h, radix: 16)
    }
}

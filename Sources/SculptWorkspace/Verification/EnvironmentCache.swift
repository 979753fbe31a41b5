import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Python environments shared by every project with the same dependency list.
///
/// Generated projects pin their dependencies, so most share one list; installing it once per list
/// (under `$XDG_CACHE_HOME/sculpt/envs/<hash>`, default `~/.cache/sculpt`) and running the project
/// with that environment's interpreter by path turns a minute of `pip install` into nothing on the
/// second verification, and leaves nothing of Sculpt's in the project (no link, no cache path). The key hashes the requirement files (following `-r` includes) and the Python
/// version, since a venv only works with the interpreter that made it. Builds hold a file lock,
/// so parallel verifications build each environment once; a marker written last means a half-built
/// environment (a killed install) is never reused. Installing is the one step that runs outside
/// the sandbox, because it needs the network.
public struct EnvironmentCache: Sendable {
    public let root: URL

    public init(root: URL? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.root = root ?? Self.defaultRoot(environment)
    }

    public static func defaultRoot(_ env: [String: String]) -> URL {
        if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("sculpt")
        }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/sculpt")
    }

    public struct Prepared: Sendable {
        /// The environment folder in the cache.
        public var path: URL
        public var key: String
        public var reused: Bool
        public var detail: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public var log: String
    }

    /// The requirement file setup installs from: `requirements-dev.txt` (it includes the runtime
    /// list and the test tools), else `requirements.txt`; nil when the backend is not a pip project.
    public static func requirements(in backend: URL) -> URL? {
        for name in ["requirements-dev.txt", "requirements.txt"] {
            let url = backend.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    /// The cache key: the requirement files' bytes (with their includes) and the Python version.
    public static func key(requirements: URL, python: PythonInstall) -> String {
        var material = Data("python \(python.version) \(python.executable)\n".utf8)
        var seen = Set<String>()
        func add(_ url: URL) {
            guard seen.insert(url.standardizedFileURL.path).inserted, let data = FileManager.default.contents(atPath: url.path) else { return }
            material.append(Data("== \(url.lastPathComponent)\n".utf8))
            material.append(data)
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
                if parts.count == 2, ["-r", "-c", "--requirement", "--constraint"].contains(String(parts[0])) {
                    add(url.deletingLastPathComponent().appendingPathComponent(parts[1].trimmingCharacters(in: .whitespaces)))
                }
            }
        }
        add(requirements)
        return String(SHA256.hex(material).prefix(24))
    }

    /// Makes sure the cached environment for the backend's requirements exists (building it first
    /// when missing) and returns it. The project is not touched, except that a `backend/.venv` link
    /// into this cache, which older versions of Sculpt made, is removed: it was Sculpt's, and it
    /// dangles once the project is copied or the cache is cleared. A `.venv` the user made is kept.
    public func prepare(backend: URL, python: PythonInstall, work: URL, progress: @escaping (String) -> Void) throws -> Prepared {
        let fm = FileManager.default
        guard let requirements = Self.requirements(in: backend) else {
            throw Failure(description: "\(backend.path) has no requirements-dev.txt or requirements.txt", log: "")
        }
        let key = Self.key(requirements: requirements, python: python)
        removeLegacyLink(backend.appendingPathComponent(".venv"))
        let envs = root.appendingPathComponent("envs")
        try fm.createDirectory(at: envs, withIntermediateDirectories: true)
        let env = envs.appendingPathComponent(key)
        let marker = env.appendingPathComponent(".sculpt-ready")
        var reused = true
        if !fm.fileExists(atPath: marker.path) {
            let lock = open(envs.appendingPathComponent(key + ".lock").path, O_CREAT | O_RDWR, 0o644)
            if lock >= 0 { flock(lock, LOCK_EX) }
            defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
            if !fm.fileExists(atPath: marker.path) {
                reused = false
                try build(env: env, requirements: requirements, python: python, work: work, progress: progress)
                try Data("{\"requirements\": \"\(requirements.lastPathComponent)\", \"python\": \"\(python.version)\"}\n".utf8)
                    .write(to: marker)
            }
        }
        let detail = reused ? "environment reused from the cache (\(key.prefix(12)))"
                            : "installed \(requirements.lastPathComponent) into the cache (\(key.prefix(12))); later runs reuse it"
        return Prepared(path: env, key: key, reused: reused, detail: detail)
    }

    /// True when `venv` is there and is not a link Sculpt made (a folder, or a link the user made).
    public static func isUsersOwn(_ venv: URL) -> Bool {
        let fm = FileManager.default
        guard (try? fm.attributesOfItem(atPath: venv.path)) != nil else { return false }
        return !isSculptLink(venv)
    }

    /// A symbolic link into a Sculpt environment cache (`…/sculpt/envs/<key>`), as older Sculpt made.
    static func isSculptLink(_ venv: URL) -> Bool {
        guard let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: venv.path) else { return false }
        let parts = URL(fileURLWithPath: dest, relativeTo: venv.deletingLastPathComponent()).standardizedFileURL.pathComponents
        guard parts.count >= 3 else { return false }
        let key = parts[parts.count - 1]
        return parts[parts.count - 2] == "envs" && key.count == 24 && key.allSatisfy(\.isHexDigit)
    }

    private func removeLegacyLink(_ venv: URL) {
        if Self.isSculptLink(venv) { try? FileManager.default.removeItem(at: venv) }
    }

    private func build(env: URL, requirements: URL, python: PythonInstall, work: URL, progress: @escaping (String) -> Void) throws {
        let fm = FileManager.default
        try? fm.removeItem(at: env)
        progress("setup: installing \(requirements.lastPathComponent) (first time for this dependency list; cached afterwards)")
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PYTHONPATH")
        environment.removeValue(forKey: "VIRTUAL_ENV")
        environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        let log = work.appendingPathComponent("setup.log")
        let steps: [[String]] = [
            [python.executable, "-m", "venv", env.path],
            [env.appendingPathComponent("bin/python").path, "-m", "pip", "install", "-q", "-r", requirements.path],
        ]
        for step in steps {
            let r = try GroupedProcess.run(step, directory: requirements.deletingLastPathComponent(), environment: environment,
                                           output: log, timeout: 900, heartbeat: { s in progress("setup: still installing (\(Int(s)) s)") })
            if r.status != 0 || r.timedOut {
                try? fm.removeItem(at: env)
                let what = r.timedOut ? "timed out after 900 s" : "failed (exit status \(r.status))"
                throw Failure(description: "`\(step.suffix(from: 1).joined(separator: " "))` \(what)", log: GroupedProcess.tail(r.output))
            }
        }
    }
}

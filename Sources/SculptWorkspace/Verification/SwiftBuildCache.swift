import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds a SwiftPM backend for verification in a scratch path of Sculpt's own, so the project is
/// never touched and later projects with the same dependencies build in seconds.
///
/// A cold build of Hummingbird, GRDB and swift-crypto takes minutes. Generated packages share one
/// `Package.swift` shape, so the scratch path is keyed by that file (and `Package.resolved` when the
/// project has one): `$XDG_CACHE_HOME/sculpt/swift/<key>`, default `~/.cache/sculpt`. SwiftPM then
/// finds every dependency up to date and compiles only the app and its tests. A scratch path holds
/// whatever project built there last, so the build and the copy of its products into the run's work
/// folder happen under a file lock; the sandbox runs those copies. The project itself keeps no link,
/// no binary and no path from this: it stays a package that builds with `swift build` in its folder.
public struct SwiftBuildCache: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// What a build gave: the server and the test runner, copied into the work folder.
    public struct Built: Sendable {
        public var server: URL
        public var tests: URL?
        public var key: String
        public var detail: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public var log: String
    }

    /// The cache key: the package manifest without its comment lines (each project's title is in
    /// one; the tools-version line stays). `Package.resolved` is left out: resolving writes it, and
    /// SwiftPM itself brings the scratch path's checkouts in line with it.
    public static func key(backend: URL) -> String {
        var material = Data("swiftpm\n".utf8)
        if let data = FileManager.default.contents(atPath: backend.appendingPathComponent("Package.swift").path) {
            let text = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                let t = line.trimmingCharacters(in: .whitespaces)
                return !t.hasPrefix("//") || t.hasPrefix("// swift-tools-version")
            }.joined(separator: "\n")
            material.append(Data("== Package.swift\n".utf8))
            material.append(Data(text.utf8))
        }
        return String(SHA256.hex(material).prefix(24))
    }

    /// The executable product a start command runs: `swift run [options] server` → `server`;
    /// a path to a binary (`bin/server`, as older projects said) → its file name.
    public static func product(start: [String]) -> String? {
        if start.count >= 2, URL(fileURLWithPath: start[0]).lastPathComponent == "swift", start[1] == "run" {
            var args = Array(start.dropFirst(2))
            if let dashes = args.firstIndex(of: "--") { args = Array(args[..<dashes]) }
            var product: String?
            var skipNext = false
            for a in args {
                if skipNext { skipNext = false; continue }
                if ["-c", "--configuration", "--scratch-path", "--package-path", "--product"].contains(a) {
                    skipNext = a != "--product"
                    continue
                }
                if !a.hasPrefix("-") { product = a; break }
            }
            return product
        }
        return start.first.map { URL(fileURLWithPath: $0).lastPathComponent }
    }

    /// Builds the package (debug, with its tests) in the cached scratch path and copies the server
    /// and the test runner into `work`. Runs outside the sandbox: resolving may need the network.
    public func build(backend: URL, product: String, work: URL, progress: @escaping (String) -> Void) throws -> Built {
        let fm = FileManager.default
        let key = Self.key(backend: backend)
        let folder = root.appendingPathComponent("swift")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let scratch = folder.appendingPathComponent(key)
        let warm = fm.fileExists(atPath: scratch.appendingPathComponent("debug").path)
        let lock = open(folder.appendingPathComponent(key + ".lock").path, O_CREAT | O_RDWR, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }

        if !warm { progress("setup: building the Swift package and its dependencies (minutes the first time; cached afterwards)") }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SWIFTPM_BUILD_DIR")
        let log = work.appendingPathComponent("setup.log")
        let steps: [[String]] = [
            ["swift", "package", "resolve", "--scratch-path", scratch.path],
            ["swift", "build", "--build-tests", "--scratch-path", scratch.path],
        ]
        for step in steps {
            let r = try GroupedProcess.run(step, directory: backend, environment: environment, output: log, timeout: 1800,
                                           heartbeat: { s in progress("setup: still building (\(Int(s)) s)") })
            if r.status != 0 || r.timedOut {
                let what = r.timedOut ? "timed out after 1800 s" : "failed (exit status \(r.status))"
                throw Failure(description: "`\(step.prefix(3).joined(separator: " "))` \(what)", log: GroupedProcess.tail(r.output))
            }
        }

        let debug = scratch.appendingPathComponent("debug")
        let bin = work.appendingPathComponent("bin")
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        let server = bin.appendingPathComponent(product)
        guard fm.fileExists(atPath: debug.appendingPathComponent(product).path) else {
            throw Failure(description: "the build made no executable named `\(product)` (the manifest's start command runs it)", log: "")
        }
        try Self.copyExecutable(debug.appendingPathComponent(product), to: server)
        var tests: URL?
        for name in (try? fm.contentsOfDirectory(atPath: debug.path)) ?? [] {
            let source = debug.appendingPathComponent(name)
            if name.hasSuffix("PackageTests.xctest"), tests == nil {
                tests = bin.appendingPathComponent(name)
                try Self.copyExecutable(source, to: tests!)
            } else if name.hasSuffix(".resources") {
                try? fm.copyItem(at: source, to: bin.appendingPathComponent(name))
            }
        }
        let detail = warm ? "swift build reused the cached build of its dependencies (\(key.prefix(12)))"
                          : "swift build compiled the package and its dependencies into the cache (\(key.prefix(12))); later runs reuse it"
        return Built(server: server, tests: tests, key: key, detail: detail)
    }

    /// Copies an executable through a close-on-exec descriptor, so no process started meanwhile by another
    /// thread inherits it open for writing (which would make exec of the copy fail with ETXTBSY).
    static func copyExecutable(_ source: URL, to destination: URL) throws {
        do {
            try PlainFileWrite.save(try Data(contentsOf: source), to: destination.path, mode: 0o755, exclusive: true)
        } catch {
            throw Failure(description: "\(error)", log: "")
        }
    }
}

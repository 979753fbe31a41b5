import Foundation
import SculptCore

/// Sets a backend up for verification the way its manifest's `kind` says, without changing the
/// project: the commands the verifier runs point into Sculpt's caches, the project's files do not.
///
/// - `python`: the cached environment for the project's requirements (`EnvironmentCache`) is run by
///   path: the manifest's `.venv/bin/...` commands become `<cached env>/bin/...`. A `.venv` the user
///   made is left as it is (verification proves the project as its requirement files declare it).
/// - `swiftpm`: the package is built in Sculpt's scratch path (`SwiftBuildCache`) and the sandbox runs
///   copies of the server and the test runner from the run's work folder.
/// - `commands`: the manifest's setup commands run as they are, then its test and start commands.
struct BackendSetup {
    /// How to run the backend once it is set up.
    struct Prepared {
        var python: PythonInstall?
        /// Folders the sandbox must see read-only (the cached environment, the Swift toolchain).
        var readable: [URL] = []
        /// Byte-compiles the sources; nil when the backend is not Python.
        var compile: [String]?
        var test: [String]
        var start: [String]
        var detail: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        var log: String?
    }

    let manifest: BackendManifest
    let backend: URL
    let cacheRoot: URL
    let work: URL
    let progress: (String) -> Void

    func prepare() throws -> Prepared {
        switch manifest.kind {
        case .python: return try python()
        case .swiftpm: return try swiftpm()
        case .commands: return try commands()
        }
    }

    func python() throws -> Prepared {
        let py: PythonInstall
        do { py = try PythonInstall.find(work: work) } catch { throw Failure(description: "\(error)") }
        let cache = EnvironmentCache(root: cacheRoot)
        let prepared: EnvironmentCache.Prepared
        do {
            prepared = try cache.prepare(backend: backend, python: py, work: work, progress: progress)
        } catch let e as EnvironmentCache.Failure {
            throw Failure(description: "setup failed: \(e.description)", log: e.log)
        }
        let bin = prepared.path.appendingPathComponent("bin").path
        func local(_ command: [String]) -> [String] {
            guard let first = command.first else { return command }
            for prefix in [".venv/bin/", "./.venv/bin/"] where first.hasPrefix(prefix) {
                return [bin + "/" + first.dropFirst(prefix.count)] + command.dropFirst()
            }
            // A bare tool name (`pytest`, `uvicorn`) is the environment's when it has one.
            if !first.contains("/"), FileManager.default.isExecutableFile(atPath: bin + "/" + first) {
                return [bin + "/" + first] + command.dropFirst()
            }
            return command
        }
        var detail = prepared.detail
        if EnvironmentCache.isUsersOwn(backend.appendingPathComponent(".venv")) {
            detail += "; your \(manifest.dir)/.venv is left as it is"
        }
        return Prepared(python: py, readable: [prepared.path],
                        compile: [bin + "/python", "-m", "compileall", "-q", "-x", "(^|/)\\.venv(/|$)", "."],
                        test: local(manifest.test), start: local(manifest.start), detail: detail)
    }

    func swiftpm() throws -> Prepared {
        guard let product = SwiftBuildCache.product(start: manifest.start) else {
            throw Failure(description: "sculpt.json's start command `\(manifest.start.joined(separator: " "))` names no executable to run")
        }
        let built: SwiftBuildCache.Built
        do {
            built = try SwiftBuildCache(root: cacheRoot).build(backend: backend, product: product, work: work, progress: progress)
        } catch let e as SwiftBuildCache.Failure {
            throw Failure(description: "setup failed: \(e.description)", log: e.log)
        }
        guard let tests = built.tests else {
            throw Failure(description: "the package has no test target: `swift build --build-tests` made no test runner")
        }
        // Debug products link the toolchain's Swift runtime, so the sandbox must see the toolchain.
        let toolchain = Self.swiftToolchain().map { [$0] } ?? []
        let args = Array(manifest.start.drop { $0 != "--" }.dropFirst())
        return Prepared(python: nil, readable: toolchain, compile: nil,
                        test: [tests.path, "--testing-library", "swift-testing"], start: [built.server.path] + args,
                        detail: built.detail)
    }

    func commands() throws -> Prepared {
        for step in manifest.setup {
            let r = try? GroupedProcess.run(["sh", "-c", step], directory: backend, environment: ProcessInfo.processInfo.environment,
                                            output: work.appendingPathComponent("setup.log"), timeout: 900)
            if r == nil || r!.status != 0 {
                throw Failure(description: "setup step `\(step)` failed", log: r.map { GroupedProcess.tail($0.output) })
            }
        }
        return Prepared(python: nil, test: manifest.test, start: manifest.start, detail: "ran the manifest's setup commands")
    }

    /// The Swift toolchain's root (`/opt/swift` for `/opt/swift/usr/bin/swift`), from PATH. The
    /// link is resolved first: `swift` is a symbolic link to `swift-driver`.
    static func swiftToolchain() -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let swift = URL(fileURLWithPath: String(dir)).appendingPathComponent("swift").resolvingSymlinksInPath()
            if FileManager.default.isExecutableFile(atPath: swift.path) {
                return swift.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            }
        }
        return nil
    }
}

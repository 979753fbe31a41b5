import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import SculptCore
import SculptWorkspace
import Testing

/// The generated README treated as a promise. For each backend: generate and verify a project, check
/// it holds no link and no path outside itself, copy it to a new folder, hide Sculpt's caches (a fresh
/// `XDG_CACHE_HOME`, so `~/.cache/sculpt` is out of reach), run the README's set-up, test and start
/// commands as they are written there, and check the server answers `/health`.
///
/// Python projects install from the package index as a new user would (pip's own cache is hidden
/// too). The Swift one compiles Hummingbird and its dependencies: minutes on a cold machine. It runs
/// unless `SCULPT_SKIP_SWIFT_BACKEND=1`, and by default its `swift build` reuses a build folder kept
/// for this test (`SWIFTPM_BUILD_DIR`, under `~/.cache/sculpt-tests`, never Sculpt's own cache; CI's
/// acceptance run reuses it); `SCULPT_README_COLD=1` builds in the project's own `.build` from nothing.
@Suite("README as a promise", .serialized)
struct ReadmePromiseTests {
    static var swiftBuilds: Bool { ProcessInfo.processInfo.environment["SCULPT_SKIP_SWIFT_BACKEND"] != "1" }

    @Test("flask: the README's commands set up, test and start the project with Sculpt's caches hidden")
    func flask() throws {
        try promise(backend: "flask", spec: "register_zh")
    }

    @Test("fastapi: the README's commands set up, test and start the project with Sculpt's caches hidden")
    func fastapi() throws {
        try promise(backend: "fastapi", spec: "products_en")
    }

    @Test("hummingbird: swift build, swift test and swift run server from the README; the server keeps its contract over HTTP",
          .enabled(if: swiftBuilds, "SCULPT_SKIP_SWIFT_BACKEND=1"), .timeLimit(.minutes(60)))
    func hummingbird() throws {
        try promise(backend: "hummingbird", spec: "products_en") { base in
            let product = #"{"name": "Lamp", "sku": "LMP-1", "price": 19.5, "stock": 3}"#
            let (created, body) = try ReadmeShell.request("POST", base + "/api/products", body: Data(product.utf8))
            #expect(created == 201, "create answered \(created): \(String(decoding: body, as: UTF8.self))")
            let (duplicate, _) = try ReadmeShell.request("POST", base + "/api/products", body: Data(product.utf8))
            #expect(duplicate == 409)
            let (wrongType, _) = try ReadmeShell.request(
                "POST", base + "/api/products", body: Data(#"{"name": "Lamp", "sku": "LMP-2", "price": "cheap", "stock": 3}"#.utf8))
            #expect(wrongType == 400)
            let big = Data(#"{"name": ""#.utf8) + Data(repeating: UInt8(ascii: "x"), count: 3 * 1024 * 1024) + Data(#""}"#.utf8)
            let (tooLarge, _) = try ReadmeShell.request("POST", base + "/api/products", body: big)
            #expect(tooLarge == 413)
            let (page, html) = try ReadmeShell.request("GET", base + "/")
            #expect(page == 200 && String(decoding: html, as: UTF8.self).lowercased().contains("<html"))
        }
    }

    func promise(backend: String, spec name: String, more: ((String) throws -> Void)? = nil) throws {
        let fm = FileManager.default
        let ws = try VerificationFixtures.workspace("readme-\(backend)")
        defer { try? fm.removeItem(at: ws) }
        let spec = try SpecCoding.decode(Data(contentsOf: VerificationFixtures.specs.appendingPathComponent("\(name).json")))
        let project = ws.appendingPathComponent("project")
        try ProjectWriter(destination: project, force: false).write(try ProjectGenerator(backend: backend).generate(spec))

        // 1. Verified, and nothing of Sculpt's left in it.
        let report = Verifier(project: project, options: VerificationFixtures.options(tests: 900)).verify()
        try #require(report.passed, "verification failed:\n\(VerificationFixtures.describe(report))")
        #expect(ProjectScan.links(in: project).isEmpty, "symbolic links in the project: \(ProjectScan.links(in: project))")
        let cache = EnvironmentCache.defaultRoot(ProcessInfo.processInfo.environment).path
        let outside = [cache, FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-verify-").path]
        #expect(ProjectScan.mentions(of: outside, in: project).isEmpty, "\(ProjectScan.mentions(of: outside, in: project))")

        // 2. Copied elsewhere, with Sculpt's caches out of reach.
        let copy = ws.appendingPathComponent("moved/\(spec.name)")
        try fm.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: project, to: copy)
        let freshCache = ws.appendingPathComponent("empty-cache")
        try fm.createDirectory(at: freshCache, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        for k in ["PYTHONPATH", "VIRTUAL_ENV", "SWIFTPM_BUILD_DIR", "DATABASE_URL", "SECRET_KEY"] { env.removeValue(forKey: k) }
        env["XDG_CACHE_HOME"] = freshCache.path
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        if backend == "hummingbird", env["SCULPT_README_COLD"] != "1" {
            env["SWIFTPM_BUILD_DIR"] = Self.testBuildFolder.path
        }
        let commands = try ReadmeCommands(readme: try String(contentsOf: copy.appendingPathComponent("README.md"), encoding: .utf8),
                                          language: spec.language)

        // 3. Set-up, then the tests, each block as one shell script, from the project's folder.
        let setup = try ReadmeShell.run(commands.setup, in: copy, environment: env, timeout: 3600, log: ws.appendingPathComponent("setup.log"))
        try #require(setup.status == 0, "the README's set-up failed:\n\(commands.setup)\n\(setup.output.suffix(4000))")
        let tests = try ReadmeShell.run(commands.test, in: copy, environment: env, timeout: 1800, log: ws.appendingPathComponent("test.log"))
        #expect(tests.status == 0, "the README's test command failed:\n\(commands.test)\n\(tests.output.suffix(4000))")

        // 4. The start block, where the set-up left the reader; then /health.
        let port = 20_000 + Int.random(in: 0..<20_000)
        env["PORT"] = String(port)
        let log = ws.appendingPathComponent("server.log")
        let server = try ReadmeShell.launch(commands.setupDirectory + "\nexec " + commands.start, in: copy, environment: env, log: log)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(port)"
        var healthy = false
        let deadline = Date().addingTimeInterval(300)
        while !healthy && Date() < deadline && server.running {
            if let (status, body) = try? ReadmeShell.request("GET", base + "/health"), status == 200 {
                #expect(String(decoding: body, as: UTF8.self).contains("ok"))
                healthy = true
            } else {
                usleep(250_000)
            }
        }
        try #require(healthy, "the README's start command did not answer /health:\n\(commands.start)\n\((try? String(contentsOf: log, encoding: .utf8))?.suffix(4000) ?? "")")
        try more?(base)
    }

    /// The build folder the Hummingbird README test reuses between runs (not Sculpt's cache).
    static var testBuildFolder: URL {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("sculpt-tests/readme-swift-build")
        }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/sculpt-tests/readme-swift-build")
    }
}

/// Runs README blocks with bash, the way a reader pastes them into a terminal.
enum ReadmeShell {
    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ script: String, in directory: URL, environment: [String: String], timeout: Double, log: URL) throws -> Result {
        let r = try GroupedProcess.run(["/bin/bash", "-e", "-c", script], directory: directory, environment: environment,
                                       output: log, timeout: timeout)
        return Result(status: r.timedOut ? -1 : r.status, output: r.output)
    }

    /// A running start command (bash `exec`s it, so its pid is the server's); `stop()` ends it.
    final class Running: @unchecked Sendable {
        let process: Process
        init(_ process: Process) { self.process = process }
        var running: Bool { process.isRunning }
        func stop() {
            let pid = process.processIdentifier
            if process.isRunning {
                kill(pid, SIGTERM)
                for _ in 0..<50 where process.isRunning { usleep(100_000) }
                if process.isRunning { kill(pid, SIGKILL) }
            }
            process.waitUntilExit()
        }
    }

    static func launch(_ script: String, in directory: URL, environment: [String: String], log: URL) throws -> Running {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-e", "-c", script]
        p.currentDirectoryURL = directory
        p.environment = environment
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        return Running(p)
    }

    /// One HTTP request, waited for on this thread; the status and the body.
    static func request(_ method: String, _ url: String, body: Data? = nil) throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: 10)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let done = DispatchSemaphore(value: 0)
        let result = Locked<Swift.Result<(Int, Data), Error>?>(nil)
        URLSession.shared.dataTask(with: request) { data, response, error in
            let outcome: Swift.Result<(Int, Data), Error> = error.map { .failure($0) } ?? .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
            result.mutate { $0 = outcome }
            done.signal()
        }.resume()
        done.wait()
        return try result.value!.get()
    }
}

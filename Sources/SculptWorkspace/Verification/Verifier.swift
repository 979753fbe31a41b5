import Foundation
import SculptCore

/// Proves a generated project runs before it is handed over, and says what it proved.
///
/// Steps, each timed: set the backend up (in Sculpt's caches, run by path), byte-compile it, run the
/// project's own tests, then start the server, wait for its health endpoint, run the contract checks
/// derived from `spec.json`, and stop it. After setup, these run side by side (with the secret scan):
/// a warm check takes as long as its slowest part, not the sum of them. Everything the project's code
/// does runs in the `Sandbox`; the server and the checks run in one sandboxed driver
/// (`contract_checks.py serve`) so they share a network namespace that reaches nothing else. Every
/// command runs in its own process group with a wall-time limit, every process carries the run's
/// marker, and a last sweep kills anything left, so a hanging or crashing project never outlives its
/// verification.
public struct Verifier {
    public struct Options: Sendable {
        public var healthTimeout: Double = 30
        public var testTimeout: Double = 300
        public var checksTimeout: Double = 180
        public var compileTimeout: Double = 120
        public var limits = Sandbox.Limits()
        /// nil: detect at run time (bubblewrap when it works, limits only otherwise).
        public var sandbox: Sandbox?
        /// nil: `$XDG_CACHE_HOME/sculpt` or `~/.cache/sculpt`.
        public var cacheRoot: URL?
        /// false: skip the project's own tests and prove it by the contract checks alone
        /// (`sculpt check --contract-only`).
        public var projectTests = true

        public init() {}
    }

    public let project: URL
    public let options: Options
    let progress: (String) -> Void

    public init(project: URL, options: Options = Options(), progress: @escaping (String) -> Void = { _ in }) {
        self.project = project.standardizedFileURL.resolvingSymlinksInPath()
        self.options = options
        self.progress = progress
    }

    public func verify() -> VerificationReport {
        let started = Date()
        let marker = UUID().uuidString
        let sandbox = options.sandbox ?? Sandbox.detect(limits: options.limits)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-verify-\(marker.prefix(8).lowercased())")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var run = Run(verifier: self, sandbox: sandbox, marker: marker, work: work)
        run.admin = AdminAccount.forProject(project)
        run.perform()
        let swept = ProcessSweep.killAll(marked: marker)
        run.add("cleanup", .passed, 0, swept == 0 ? "no process left behind" : "killed \(swept) process(es) left behind")
        try? FileManager.default.removeItem(at: work)

        let iso = ISO8601DateFormatter()
        let firstFailure = run.failure ?? run.steps.first { $0.status == .failed }.map {
            VerificationReport.Failure(step: $0.name, check: nil, message: $0.detail, request: nil, response: nil, logTail: run.logTail)
        }
        let wall = options.compileTimeout + options.testTimeout + options.healthTimeout + options.checksTimeout
        return VerificationReport(
            generator: "sculpt \(ProjectGenerator.version)", project: project.path, passed: firstFailure == nil,
            startedAt: iso.string(from: started), seconds: round3(Date().timeIntervalSince(started)),
            sandbox: .init(kind: sandbox.kind, note: sandbox.note,
                           network: sandbox.kind == .bubblewrap ? "own loopback only" : "the host's network (not isolated)",
                           writable: sandbox.kind == .bubblewrap ? [project.path, "private /tmp"] : ["anything the user can write"],
                           limits: sandbox.limits, wallSeconds: wall),
            steps: run.steps, checks: run.checks, clauses: run.clauses, failure: firstFailure)
    }

    /// The state of one verification run, step by step.
    struct Run {
        let verifier: Verifier
        let sandbox: Sandbox
        let marker: String
        let work: URL
        var steps: [VerificationReport.Step] = []
        var checks: [VerificationReport.Check] = []
        var clauses: [VerificationReport.ClauseResult] = []
        var failure: VerificationReport.Failure?
        var logTail: String?
        /// Folders the backend needs to run, bound read-only (its cached environment, the Swift toolchain).
        var toolchain: [URL] = []
        /// The account holding every role, made up for this run when the document lists roles: the
        /// server creates it at start, the tests and the contract checks sign in with it.
        var admin: AdminAccount?

        var project: URL { verifier.project }
        var options: Options { verifier.options }

        mutating func add(_ name: String, _ status: VerificationReport.Status, _ seconds: Double, _ detail: String) {
            steps.append(.init(name: name, status: status, seconds: round3(seconds), detail: detail))
            let mark = status == .passed ? "✓" : status == .failed ? "✗" : "-"
            verifier.progress("  \(mark) \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(format: "%6.2f s", seconds))  \(detail)")
        }

        mutating func fail(_ name: String, _ seconds: Double, _ detail: String, log: String? = nil) {
            add(name, .failed, seconds, detail)
            if failure == nil {
                failure = .init(step: name, check: nil, message: detail, request: nil, response: nil, logTail: log)
            }
        }

        mutating func skip(_ names: [String], because why: String) {
            for n in names { add(n, .skipped, 0, why) }
        }

        /// The environment every sandboxed command sees, and nothing else of the caller's.
        func environment(home: String) -> [String: String] {
            ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TMPDIR": home, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
             "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "", ProcessSweep.variable: marker]
                .merging(admin?.environment ?? [:]) { a, _ in a }
                .filter { !$0.value.isEmpty }
        }

        func sandboxed(_ command: [String], in directory: URL, python: PythonInstall?, env: URL?, log: String,
                       timeout: Double) throws -> GroupedProcess.Result {
            var readable: [URL] = []
            if let python { readable.append(URL(fileURLWithPath: python.basePrefix)) }
            if let env { readable.append(env) }
            readable += toolchain
            let home = sandbox.kind == .bubblewrap ? "/tmp" : work.path
            let wrapped = sandbox.wrap(command, directory: directory, writable: [project, work], readable: readable,
                                       environment: environment(home: home))
            var launchEnv = wrapped.environment
            if sandbox.kind == .bubblewrap { launchEnv = [ProcessSweep.variable: marker, "PATH": "/usr/bin:/bin"] }
            return try GroupedProcess.run(wrapped.arguments, directory: wrapped.directory, environment: launchEnv,
                                          output: work.appendingPathComponent(log), timeout: timeout,
                                          heartbeat: { s in verifier.progress("  … \(log.replacingOccurrences(of: ".log", with: "")) still running (\(Int(s)) s)") })
        }

        mutating func perform() {
            verifier.progress("Verifying \(project.path)")
            verifier.progress("  sandbox: \(sandbox.note)")
            let remaining = ["compile", "tests", "start", "health", "contract", "stop"]

            // 1. Setup: outside the sandbox (it may need the network), as the manifest's kind says,
            // into Sculpt's caches; the project itself is left as it is (`BackendSetup`).
            var t = Date()
            let manifest: BackendManifest
            do { manifest = try BackendManifest.load(from: project) } catch {
                fail("setup", 0, "\(error)")
                skip(remaining, because: "setup failed")
                return
            }
            let backend = project.appendingPathComponent(manifest.dir)
            let cacheRoot = options.cacheRoot ?? EnvironmentCache.defaultRoot(ProcessInfo.processInfo.environment)
            let prepared: BackendSetup.Prepared
            do {
                prepared = try BackendSetup(manifest: manifest, backend: backend, cacheRoot: cacheRoot, work: work,
                                            progress: verifier.progress).prepare()
                add("setup", .passed, Date().timeIntervalSince(t), prepared.detail)
            } catch let e as BackendSetup.Failure {
                fail("setup", Date().timeIntervalSince(t), e.description, log: e.log)
                skip(remaining, because: "setup failed")
                return
            } catch {
                fail("setup", Date().timeIntervalSince(t), "\(error)")
                skip(remaining, because: "setup failed")
                return
            }
            let python = prepared.python
            let envPath: URL? = nil  // the cached environment, if any, is among the readable folders
            toolchain = prepared.readable

            // 2 to 5, side by side, each in its own sandbox (the tests and the server on databases of
            // their own): byte-compiling, the project's own tests, the secret scan, and the driver that
            // starts the server, waits for health, runs the contract checks and stops it in one network
            // namespace. None needs another's result, so the run waits for the slowest instead of their
            // sum. Results are recorded in the steps' order, so a syntax error still heads the report.
            let me = Unchecked(self)
            let start = prepared.start
            let driver = BackgroundJob { me.value.runDriver(python: python, env: envPath, start: start) }
            let command = prepared.test
            let tests: BackgroundJob<Result<GroupedProcess.Result, Error>>? = options.projectTests ? BackgroundJob {
                Result { try me.value.sandboxed(command, in: backend, python: python, env: envPath, log: "tests.log",
                                                timeout: me.value.options.testTimeout) }
            } : nil
            let root = project
            let scan = BackgroundJob { SecretScan(root: root).checks(backend: backend) }

            // Byte-compile: a syntax error anywhere is named as such, not only as a failed import.
            if let compile = prepared.compile {
                t = Date()
                do {
                    let r = try sandboxed(compile, in: backend, python: python, env: envPath, log: "compile.log",
                                          timeout: options.compileTimeout)
                    if r.status == 0 {
                        add("compile", .passed, r.seconds, "python -m compileall: every module compiles")
                    } else {
                        fail("compile", r.seconds, r.timedOut ? "byte-compiling timed out" : "byte-compiling failed", log: GroupedProcess.tail(r.output))
                    }
                } catch {
                    fail("compile", Date().timeIntervalSince(t), "\(error)")
                }
            } else {
                add("compile", .skipped, 0, "not a Python backend")
            }

            switch tests?.wait() {
            case .success(let r)?:
                let last = r.output.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                let summary = last.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "= ")) } ?? ""
                if r.status == 0 {
                    add("tests", .passed, r.seconds, summary)
                } else if r.timedOut {
                    fail("tests", r.seconds, "the project's tests did not finish within \(Int(options.testTimeout)) s", log: GroupedProcess.tail(r.output))
                } else {
                    fail("tests", r.seconds, "the project's tests failed: \(summary)", log: GroupedProcess.tail(r.output))
                }
            case .failure(let error)?:
                fail("tests", 0, "\(error)")
            case nil:
                add("tests", .skipped, 0, "contract only: the project's own tests were not run")
            }
            record(driver.wait())
            recordStatic(scan.wait())
        }

        /// What running the driver gave: its process result, or why it could not run.
        struct Driven {
            var result: GroupedProcess.Result?
            var problem: String?
            var seconds: Double
            var timeout: Double
            var output: URL
        }

        func runDriver(python: PythonInstall?, env: URL?, start: [String]) -> Driven {
            let t = Date()
            let driver = work.appendingPathComponent("contract_checks.py")
            let result = work.appendingPathComponent("contract.json")
            let timeout = options.healthTimeout + options.checksTimeout + 30
            do {
                try FileManager.default.copyItem(at: try Resources.url("Verification/contract_checks.py"), to: driver)
            } catch {
                return Driven(problem: "the contract checker is missing from Sculpt's resources: \(error)", seconds: 0, timeout: timeout, output: result)
            }
            let interpreter = python?.executable ?? "python3"
            do {
                let r = try sandboxed([interpreter, driver.path, "serve", "--project", project.path, "--work", work.path,
                                       "--health-timeout", String(options.healthTimeout), "--checks-timeout", String(options.checksTimeout),
                                       "--out", result.path, "--start", JSONText.compact(start)],
                                      in: project, python: python, env: env, log: "driver.log", timeout: timeout)
                return Driven(result: r, seconds: r.seconds, timeout: timeout, output: result)
            } catch {
                return Driven(problem: "\(error)", seconds: Date().timeIntervalSince(t), timeout: timeout, output: result)
            }
        }

        mutating func record(_ driven: Driven) {
            guard let r = driven.result else {
                fail("start", driven.seconds, driven.problem ?? "the server could not be started")
                return
            }
            let result = driven.output
            let timeout = driven.timeout
            let serverLog = (try? String(contentsOf: work.appendingPathComponent("server.log"), encoding: .utf8)).map { GroupedProcess.tail($0) }
            guard let data = FileManager.default.contents(atPath: result.path),
                  let out = try? JSONDecoder().decode(DriverOutput.self, from: data) else {
                let why = r.timedOut ? "the server and its checks did not finish within \(Int(timeout)) s"
                                     : "the contract checker stopped without a result (exit status \(r.status))"
                fail("contract", r.seconds, why, log: [GroupedProcess.tail(r.output, lines: 20), serverLog ?? ""].filter { !$0.isEmpty }.joined(separator: "\n--- server log ---\n"))
                return
            }
            logTail = out.logTail ?? serverLog
            for p in out.phases {
                let status = VerificationReport.Status(rawValue: p.status) ?? .failed
                if status == .failed, p.name != "contract" {
                    fail(p.name, p.seconds, p.detail, log: logTail)
                } else {
                    add(p.name, status, p.seconds, p.detail)
                }
            }
            for name in ["health", "contract"] where !out.phases.contains(where: { $0.name == name }) {
                add(name, .skipped, 0, "the server did not start")
            }
            checks = out.checks
            clauses = out.clauses
            // The first failure is the headline; a failed check brings its request and response.
            if failure == nil, let bad = checks.first(where: { $0.status == .failed }) {
                failure = .init(step: "contract", check: bad.id, message: "\(bad.title): \(bad.message ?? "failed")",
                                request: bad.request, response: bad.response, logTail: logTail)
            }
        }
    }

    /// What `contract_checks.py serve` writes.
    struct DriverOutput: Decodable {
        struct Phase: Decodable {
            var name: String
            var status: String
            var seconds: Double
            var detail: String
        }
        var phases: [Phase]
        var checks: [VerificationReport.Check]
        var clauses: [VerificationReport.ClauseResult]
        var logTail: String?
    }
}

/// Hands a value to another thread when the code guarantees it is only read there.
final class Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

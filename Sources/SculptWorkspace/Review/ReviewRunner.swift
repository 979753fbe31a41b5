import Foundation
import SculptCore

/// Runs `sculpt review`: reads the project with Sculpt's analyzer, then (unless told not to) sets it
/// up, starts it the way it runs in production and probes it, all in the sandbox `sculpt check` uses.
///
/// The project is untrusted: the analyzer parses it with Python's `ast` inside the sandbox, the
/// app only ever runs inside it, and the only places it can write are a copy of it and the review's
/// work folder. Set-up (pip) is the one step outside, as in verification, because it needs the
/// package registry.
public struct ReviewRunner {
    public struct Options: Sendable {
        /// Start the app and probe it (false: `--no-run`, the code is only read).
        public var run = true
        /// Also run against a throw-away PostgreSQL when the project uses SQLAlchemy.
        public var postgres = true
        public var language: ReviewLanguage?
        public var sandbox: Sandbox?
        public var cacheRoot: URL?
        public var probeTimeout: Double = 300
        public var limits = Sandbox.Limits()

        public init() {}
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let options: Options
    let progress: (String) -> Void

    public init(options: Options = Options(), progress: @escaping (String) -> Void = { _ in }) {
        self.options = options
        self.progress = progress
    }

    public func review(_ path: String) throws -> (ReviewReport, ReviewRuleCatalog, ReviewTarget) {
        let started = Date()
        let target = try ReviewTarget.resolve(path)
        let catalog: ReviewRuleCatalog
        do { catalog = try ReviewRuleCatalog.standard() } catch {
            throw Failure(description: "Sculpt's review rules could not be read: \(error)")
        }
        let marker = UUID().uuidString
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-review-\(marker.prefix(8).lowercased())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer {
            ProcessSweep.killAll(marked: marker)
            try? FileManager.default.removeItem(at: work)
        }
        let sandbox = options.sandbox ?? Sandbox.detect(limits: options.limits)
        let python = try PythonInstall.find(work: work)
        let copy = try target.workingCopy(in: work)
        for script in ["analyze.py", "probe.py"] {
            try FileManager.default.copyItem(at: try Resources.url("Review/\(script)"), to: work.appendingPathComponent(script))
        }
        let exec = Exec(sandbox: sandbox, marker: marker, work: work, writable: [copy, work])

        // 1. Read the code.
        progress("Reviewing \(target.original.path)")
        progress("  sandbox: \(sandbox.note)")
        let root = target.file.map { copy.appendingPathComponent($0) } ?? copy
        let factsFile = work.appendingPathComponent("facts.json")
        let r = try exec.run([python.executable, work.appendingPathComponent("analyze.py").path, root.path, "--out", factsFile.path],
                             in: copy, readable: [URL(fileURLWithPath: python.basePrefix)], log: "analyze.log", timeout: 120)
        guard r.status == 0, let data = FileManager.default.contents(atPath: factsFile.path) else {
            throw Failure(description: "the code analysis failed: \(GroupedProcess.tail(r.output, lines: 5))")
        }
        let analysis: ReviewAnalysis
        do { analysis = try JSONDecoder().decode(ReviewAnalysis.self, from: data) } catch {
            throw Failure(description: "the code analysis gave an unreadable answer: \(error)")
        }
        let facts = analysis.facts
        var notes: [String] = []
        if facts.files.isEmpty {
            notes.append(target.hasManifest ? "no Python source: the static rules read Python only; the backend is judged by the running probes"
                                            : "no Python source was found")
        } else if facts.framework == nil {
            notes.append("no Flask or FastAPI import was found; the rules that need an app were not applied")
        }
        for e in facts.parseErrors.prefix(5) {
            notes.append("\(e.file):\(e.line) could not be parsed (\(e.message)); the rules did not read it")
        }
        progress("  read \(facts.files.count) Python file(s): \(facts.routes.count) route(s), \(analysis.findings.count) finding(s) in the code")

        // 2. Run it. When it cannot run, the report says why (`runProblem`) rather than passing quietly.
        var probe: ReviewProbeOutput?
        var runProblem: String?
        if options.run {
            if !target.hasManifest && (facts.apps.isEmpty || facts.framework == nil) {
                runProblem = "no Flask or FastAPI app object was found to start (review the code only with --no-run)"
            } else {
                do {
                    probe = try runProbes(target: target, copy: copy, python: python, facts: facts, factsFile: factsFile,
                                          exec: exec, work: work)
                    notes += probe?.notes ?? []
                    runProblem = probe?.startProblem
                } catch {
                    runProblem = "\(error)"
                }
            }
            if let runProblem {
                notes.append("not run: \(runProblem)")
                progress("  not run: \(runProblem)")
            }
        } else {
            notes.append("not run (--no-run): only the code was read")
        }

        let language = options.language ?? ReviewLanguage(rawValue: facts.language) ?? .en
        let app = facts.apps.first
        let fallback = app.map { (file: $0.file, line: $0.line) } ?? (target.hasManifest ? (file: "sculpt.json", line: 1) : nil)
        let findings = ReviewFindings.assemble(static: analysis.findings, probes: probe?.findings ?? [], catalog: catalog,
                                               language: language, fallback: fallback)
        let routes = probe.map { $0.routes.map { "\($0.method) \($0.path)" } }
            ?? facts.routes.map { "\($0.methods.joined(separator: ",")) \($0.path)" }
        let report = ReviewReport(tool: "sculpt \(ProjectGenerator.version)", rulesVersion: catalog.version,
                                  target: target.file.map { target.original.appendingPathComponent($0).path } ?? target.original.path,
                                  language: language, framework: facts.framework ?? (target.hasManifest ? "manifest" : nil),
                                  ran: probe != nil && runProblem == nil,
                                  sandbox: sandbox.kind.rawValue, seconds: (Date().timeIntervalSince(started) * 10).rounded() / 10,
                                  notes: notes, routes: routes, findings: findings, runProblem: runProblem)
        return (report, catalog, target)
    }

    func runProbes(target: ReviewTarget, copy: URL, python: PythonInstall, facts: ReviewAnalysis.Facts, factsFile: URL,
                   exec: Exec, work: URL) throws -> ReviewProbeOutput {
        var readable = [URL(fileURLWithPath: python.basePrefix)]
        var interpreter = python.executable
        var start: [String]?
        let t = Date()
        if target.hasManifest {
            // A project with a manifest is set up and started exactly as `sculpt check` does it
            // (`BackendSetup`): the cached Python environment run by path, or the Swift package built in
            // Sculpt's build cache and its server binary run from the work folder (no `swift run`, no
            // toolchain needed inside the sandbox beyond its runtime libraries), or the manifest's own commands.
            let manifest = try Manifest.load(from: copy)
            let backend = copy.appendingPathComponent(manifest.dir)
            let cacheRoot = options.cacheRoot ?? EnvironmentCache.defaultRoot(ProcessInfo.processInfo.environment)
            let prepared: BackendSetup.Prepared
            do {
                prepared = try BackendSetup(manifest: manifest, backend: backend, cacheRoot: cacheRoot, work: work,
                                            progress: { self.progress("  " + $0) }).prepare()
            } catch let e as BackendSetup.Failure {
                throw Failure(description: e.description + (e.log.map { ": " + GroupedProcess.tail($0, lines: 3) } ?? ""))
            }
            readable += prepared.readable
            start = prepared.start
            if manifest.kind == .python, let env = prepared.readable.first {
                // probe.py runs in the project's environment, as the app does.
                interpreter = env.appendingPathComponent("bin/python").path
            }
            progress("  setup   \(String(format: "%6.2f s", Date().timeIntervalSince(t)))  \(prepared.detail)")
        } else {
            try ReviewTarget.prepareRequirements(in: copy, imports: facts.imports, framework: facts.framework)
            if EnvironmentCache.requirements(in: copy) != nil {
                let prepared = try EnvironmentCache(root: options.cacheRoot).prepare(backend: copy, python: python, work: work, progress: progress)
                readable.append(prepared.path)
                // The cached environment is run by path, as `sculpt check` runs it; the project gets no link.
                interpreter = prepared.path.appendingPathComponent("bin/python").path
                progress("  setup   \(String(format: "%6.2f s", Date().timeIntervalSince(t)))  \(prepared.detail)")
            }
        }
        var extras: URL?
        let postgres = options.postgres && facts.sqlalchemy
        if postgres {
            let (dir, problem) = ReviewExtras(cacheRoot: options.cacheRoot).prepare(python: python, work: work)
            extras = dir
            if let dir { readable.append(dir) }
            if let problem { progress("  note: \(problem)") }
        }
        let probing = Date()
        let out = work.appendingPathComponent("probe.json")
        let probeWork = work.appendingPathComponent("probe")
        try FileManager.default.createDirectory(at: probeWork, withIntermediateDirectories: true)
        var command = [interpreter, work.appendingPathComponent("probe.py").path, "run", "--root", target.file.map { copy.appendingPathComponent($0).path } ?? copy.path,
                       "--facts", factsFile.path, "--work", probeWork.path, "--out", out.path]
        if target.hasManifest { command.append("--manifest") }
        if let start { command += ["--start", JSONText.compact(start)] }
        if postgres { command.append("--postgres") }
        if exec.sandbox.kind == .bubblewrap { command.append("--isolated") }
        var env: [String: String] = [:]
        if let extras { env["SCULPT_REVIEW_EXTRAS"] = extras.path }
        let r = try exec.run(command, in: copy, readable: readable, log: "probe.log", timeout: options.probeTimeout, extraEnvironment: env)
        guard let data = FileManager.default.contents(atPath: out.path) else {
            throw Failure(description: r.timedOut ? "the probes did not finish within \(Int(options.probeTimeout)) s"
                                                  : "the probes stopped without a result: \(GroupedProcess.tail(r.output, lines: 5))")
        }
        let output = try JSONDecoder().decode(ReviewProbeOutput.self, from: data)
        progress("  probes  \(String(format: "%6.2f s", Date().timeIntervalSince(probing)))  \(output.routes.count) route(s), \(output.findings.count) finding(s) from running the app")
        return output
    }

    /// Runs commands the way verification does: wrapped by the `Sandbox`, in a process group of their
    /// own, marked for the final sweep, with nothing of the caller's environment.
    struct Exec {
        let sandbox: Sandbox
        let marker: String
        let work: URL
        let writable: [URL]

        func run(_ command: [String], in directory: URL, readable: [URL], log: String, timeout: Double,
                 extraEnvironment: [String: String] = [:]) throws -> GroupedProcess.Result {
            let home = sandbox.kind == .bubblewrap ? "/tmp" : work.path
            var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TMPDIR": home, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                       "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1", ProcessSweep.variable: marker]
            env.merge(extraEnvironment) { $1 }
            let wrapped = sandbox.wrap(command, directory: directory, writable: writable, readable: readable, environment: env)
            var launch = wrapped.environment
            if sandbox.kind == .bubblewrap { launch = [ProcessSweep.variable: marker, "PATH": "/usr/bin:/bin"] }
            return try GroupedProcess.run(wrapped.arguments, directory: wrapped.directory, environment: launch,
                                          output: work.appendingPathComponent(log), timeout: timeout)
        }
    }
}

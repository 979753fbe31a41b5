import Foundation

/// Where generated code runs: under bubblewrap when it works here, otherwise with resource limits only.
///
/// Generated code is untrusted until it has been run and checked. Under bubblewrap it runs as an
/// unprivileged user (uid 65534, no capabilities) in fresh namespaces: no network but its own
/// loopback, a private `/tmp`, the host's system folders and Python install read-only, and the project
/// folder (plus the run's work folder) as the only writable places. Every command also gets CPU,
/// memory, file-size and open-file limits (`prlimit`); the caller enforces wall time. Some
/// containers refuse user namespaces, so bubblewrap is tried once and, when it is missing or
/// refused, verification falls back to limits only and says so in the report.
public struct Sandbox: Sendable {
    public enum Kind: String, Codable, Sendable {
        case bubblewrap
        case limitsOnly = "limits-only"
    }

    /// Resource limits for every sandboxed command.
    public struct Limits: Codable, Sendable, Equatable {
        public var cpuSeconds: Int
        public var memoryBytes: Int
        public var fileSizeBytes: Int
        public var openFiles: Int

        public init(cpuSeconds: Int = 300, memoryBytes: Int = 4 << 30, fileSizeBytes: Int = 256 << 20, openFiles: Int = 1024) {
            self.cpuSeconds = cpuSeconds
            self.memoryBytes = memoryBytes
            self.fileSizeBytes = fileSizeBytes
            self.openFiles = openFiles
        }
    }

    public let kind: Kind
    /// Why this kind was chosen, for the report ("bwrap not found", "bwrap refused: ...").
    public let note: String
    public let limits: Limits
    let bwrap: String?
    let prlimit: String?

    /// Detects what works on this machine. `SCULPT_SANDBOX=none` forces limits only; `=bwrap` makes a
    /// missing or refused bubblewrap an error note rather than a silent fallback.
    public static func detect(limits: Limits = Limits(), environment: [String: String] = ProcessInfo.processInfo.environment) -> Sandbox {
        let prlimit = which("prlimit")
        if environment["SCULPT_SANDBOX"] == "none" {
            return Sandbox(kind: .limitsOnly, note: "bubblewrap turned off (SCULPT_SANDBOX=none)", limits: limits, bwrap: nil, prlimit: prlimit)
        }
        guard let bwrap = which("bwrap") else {
            return Sandbox(kind: .limitsOnly, note: "bubblewrap (bwrap) is not installed; install it for an isolated run",
                           limits: limits, bwrap: nil, prlimit: prlimit)
        }
        if let refusal = probe(bwrap) {
            return Sandbox(kind: .limitsOnly, note: "bubblewrap is installed but refused to run here: \(refusal)",
                           limits: limits, bwrap: nil, prlimit: prlimit)
        }
        return Sandbox(kind: .bubblewrap, note: "bubblewrap: own network namespace (loopback only), uid 65534 without capabilities, system read-only, only the project writable",
                       limits: limits, bwrap: bwrap, prlimit: prlimit)
    }

    /// A sandbox of the given kind without probing (tests use it to force the fallback).
    public static func limitsOnly(limits: Limits = Limits(), note: String = "limits only (chosen by the caller)") -> Sandbox {
        Sandbox(kind: .limitsOnly, note: note, limits: limits, bwrap: nil, prlimit: which("prlimit"))
    }

    /// The full command line for `command`, run in `directory` with `writable` folders writable and
    /// `readable` folders visible read-only; `environment` is all the command sees.
    public func wrap(_ command: [String], directory: URL, writable: [URL], readable: [URL],
                     environment: [String: String]) -> (arguments: [String], directory: URL?, environment: [String: String]) {
        var args: [String] = []
        if let prlimit {
            args += [prlimit, "--cpu=\(limits.cpuSeconds)", "--as=\(limits.memoryBytes)", "--fsize=\(limits.fileSizeBytes)",
                     "--nofile=\(limits.openFiles)", "--"]
        }
        guard kind == .bubblewrap, let bwrap else {
            return (args + command, directory, environment)
        }
        args += [bwrap] + Self.isolation + Self.systemBinds()
        var seen = Set<String>()
        for url in readable {
            let p = url.resolvingSymlinksInPath().path
            if seen.insert(p).inserted, FileManager.default.fileExists(atPath: p) { args += ["--ro-bind", p, p] }
        }
        for url in writable {
            let p = url.resolvingSymlinksInPath().path
            if seen.insert(p).inserted { args += ["--bind", p, p] }
        }
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["--setenv", k, v] }
        args += ["--chdir", directory.resolvingSymlinksInPath().path, "--"] + command
        return (args, nil, [:])
    }

    /// No capabilities, every namespace new (so no network but loopback), nobody's uid, a private /tmp.
    static let isolation = ["--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL",
                            "--die-with-parent", "--new-session", "--clearenv", "--proc", "/proc", "--dev", "/dev",
                            "--tmpfs", "/tmp"]

    /// The host's system folders read-only: /usr, the top-level links into it, and the few /etc files
    /// programs read (the dynamic linker's cache, hosts, users, time zone).
    static func systemBinds() -> [String] {
        let fm = FileManager.default
        var args = ["--ro-bind", "/usr", "/usr"]
        for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            if let target = try? fm.destinationOfSymbolicLink(atPath: top) {
                args += ["--symlink", target, top]
            } else if fm.fileExists(atPath: top) {
                args += ["--ro-bind", top, top]
            }
        }
        for etc in ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/hosts",
                    "/etc/nsswitch.conf", "/etc/passwd", "/etc/group", "/etc/localtime", "/etc/mime.types"]
        where fm.fileExists(atPath: etc) {
            args += ["--ro-bind", etc, etc]
        }
        return args
    }

    /// nil when bubblewrap runs a trivial command with the flags verification uses; else why not.
    static func probe(_ bwrap: String) -> String? {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-bwrap-probe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: log) }
        let args = [bwrap] + isolation + systemBinds() + ["--", "/usr/bin/true"]
        guard let r = try? GroupedProcess.run(args, environment: ["PATH": "/usr/bin:/bin"], output: log, timeout: 10) else {
            return "it could not be started"
        }
        if r.status == 0 { return nil }
        let why = GroupedProcess.tail(r.output, lines: 2)
        return why.isEmpty ? "exit status \(r.status)" : why
    }

    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/bin", "/usr/sbin"] {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

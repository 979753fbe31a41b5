import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one command in a process group of its own, its output in a file, under a wall-time limit.
///
/// Generated code starts servers, threads and children of its own. Giving each command a fresh
/// process group lets one `kill(-pgid, SIGKILL)` end all of it, on a time-out and after a normal
/// exit alike, so nothing is left running. Output goes to a file rather than a pipe, so a chatty or
/// stuck process can never block on a full pipe, and the log survives for the report.
public struct GroupedProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var timedOut: Bool
        public var seconds: Double
        public var output: String
    }

    public struct LaunchError: Error, CustomStringConvertible {
        public let description: String
    }

    /// - Parameters:
    ///   - directory: where the command runs (through `env -C`); nil keeps the current folder.
    ///   - heartbeat: called about every 15 s while the command runs, with the seconds so far.
    public static func run(_ arguments: [String], directory: URL? = nil, environment: [String: String],
                           output: URL, timeout: Double, heartbeat: ((Double) -> Void)? = nil) throws -> Result {
        var argv = arguments
        if let directory { argv = ["/usr/bin/env", "-C", directory.path] + argv }
        guard let program = argv.first else { throw LaunchError(description: "no command given") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The child gets stdin, stdout and stderr only: a descriptor another thread has open for writing
        // (a binary being copied for a concurrent run) must not live on in a long-running server, where
        // it makes exec of that binary fail with "Text file busy".
        closeFrom(3, in: &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let start = Date()
        let rc = cArgs.withUnsafeBufferPointer { a in
            cEnv.withUnsafeBufferPointer { e in
                posix_spawnp(&pid, program, &actions, &attributes,
                             UnsafeMutablePointer(mutating: a.baseAddress!), UnsafeMutablePointer(mutating: e.baseAddress!))
            }
        }
        guard rc == 0 else {
            throw LaunchError(description: "cannot start \(program): \(String(cString: strerror(rc)))")
        }
        var status: Int32 = 0
        var timedOut = false
        var nextBeat = 15.0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r == -1 && errno != EINTR) { break }
            let elapsed = Date().timeIntervalSince(start)
            if elapsed > timeout {
                timedOut = true
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                break
            }
            if elapsed > nextBeat { heartbeat?(elapsed); nextBeat += 15 }
            usleep(elapsed < 1 ? 5_000 : 20_000)
        }
        // Whatever the command left behind in its group goes with it.
        kill(-pid, SIGKILL)
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = (try? Data(contentsOf: output)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Result(status: timedOut ? 124 : code, timedOut: timedOut, seconds: Date().timeIntervalSince(start), output: text)
    }

    /// The last `lines` lines of `text`.
    public static func tail(_ text: String, lines: Int = 40) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    /// glibc ≥ 2.34 has `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not
    /// declare; found at run time, and skipped (the old behaviour) where the C library lacks it.
    nonisolated(unsafe) private static let addCloseFrom: AddCloseFrom? = {
        guard let handle = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    private static func closeFrom(_ lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        _ = addCloseFrom?(&actions, lowest)
    }
}

/// Finds and kills every process that carries a run's marker in its environment.
///
/// A process can leave its process group (`setsid`, a daemonising server); it still inherits the
/// environment, so marking every command of a verification run with `SCULPT_VERIFY_RUN=<id>` lets
/// the last step find anything that escaped and end it. Inside bubblewrap the PID namespace does the
/// same job; this is what guarantees it when verification runs with limits only.
public enum ProcessSweep {
    public static let variable = "SCULPT_VERIFY_RUN"

    /// The PIDs of live processes whose environment holds `variable=marker`.
    public static func processes(marked marker: String) -> [pid_t] {
        let needle = Array("\(variable)=\(marker)".utf8)
        let me = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var found: [pid_t] = []
        for entry in entries {
            guard let pid = pid_t(entry), pid != me,
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/environ") else { continue }
            for item in data.split(separator: 0) where item.count == needle.count && Array(item) == needle {
                found.append(pid)
                break
            }
        }
        return found
    }

    /// Kills every marked process; returns how many there were.
    @discardableResult
    public static func killAll(marked marker: String) -> Int {
        var total = 0
        for _ in 0..<5 {
            let pids = processes(marked: marker)
            if pids.isEmpty { break }
            total += pids.count
            for pid in pids { kill(pid, SIGKILL) }
            usleep(50_000)
        }
        return total
    }
}

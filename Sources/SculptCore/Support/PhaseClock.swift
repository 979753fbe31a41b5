import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's time goes: with `SCULPT_PHASES=1` in the environment, the moments a command
/// passes its phases (arguments parsed, lexicon tables built, requirement understood, files
/// generated and written...) are printed on stderr as milliseconds since `main`, one line per run.
///
/// Why: `sculpt new` takes about 20 ms spread over three threads, and a profiler's own overhead
/// hides which phase waits for which; `scripts/bench` prints these for the classic example. Off,
/// a mark costs one load of a flag read once from the environment (`getenv`, not `ProcessInfo`,
/// whose dictionary of the whole environment took longer than most phases).
public enum PhaseClock {
    public static let enabled: Bool = getenv("SCULPT_PHASES").map { !["", "0"].contains(String(cString: $0)) } ?? false

    private static let marks = Locked<[(String, UInt64)]>([])

    /// Notes that the phase `name` (one word: `tables-built`) was reached now, on whichever thread.
    public static func mark(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        marks.mutate { $0.append((name, now)) }
    }

    /// `name=ms` for each mark, from the first, in the order they were reached.
    public static func line() -> String { line(of: marks.value) }

    /// `name=ms` for each `(name, nanoseconds)`, in time order, in milliseconds since the earliest.
    static func line(of marks: [(String, UInt64)]) -> String {
        let all = marks.sorted { $0.1 < $1.1 }
        guard let start = all.first?.1 else { return "" }
        return all.map { "\($0.0)=\(String(format: "%.2f", Double($0.1 - start) / 1e6))" }.joined(separator: " ")
    }

    /// Prints `line()` on stderr when enabled.
    public static func report() {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("phases: " + line() + "\n").utf8))
    }
}

import Foundation

/// TEMPORARY investigation aid: phase timestamps printed at exit when SCULPT_PHASES is set.
public enum PhaseClock {
    nonisolated(unsafe) static var marks: [(String, UInt64)] = []
    static let lock = NSLock()
    public static let enabled = ProcessInfo.processInfo.environment["SCULPT_PHASES"] != nil
    public static func mark(_ name: String) {
        guard enabled else { return }
        var ts = timespec(); clock_gettime(CLOCK_MONOTONIC, &ts)
        let ns = UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
        lock.lock(); marks.append((name, ns)); lock.unlock()
    }
    public static func dump() {
        guard enabled, let first = marks.first?.1 else { return }
        var ts = timespec(); clock_gettime(CLOCK_MONOTONIC, &ts)
        var rt = timespec(); clock_gettime(CLOCK_REALTIME, &rt)
        let nowMono = UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
        let nowReal = Double(rt.tv_sec) + Double(rt.tv_nsec) / 1e9
        let mainReal = nowReal - Double(nowMono - first) / 1e9
        let s = "mainAt=\(String(format: "%.6f", mainReal)) " + marks.map { "\($0.0)=\(String(format: "%.2f", Double($0.1 - first) / 1e6))" }.joined(separator: " ")
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a few pieces of work at the same time: the first on the calling thread, each other one on
/// a thread of its own started at once.
///
/// Why not `DispatchQueue.concurrentPerform`: on Linux its worker threads are created on first use
/// and the second piece started ~2 ms late, which in `sculpt new` (about 20 ms in all) was most of
/// what running side by side saved; Foundation's `Thread` still took ~0.5 ms to start one. For the
/// two or three long pieces of one command, a bare POSIX thread each is both simpler and sooner.
public enum SideBySide {
    public static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        var threads: [pthread_t] = []
        for i in 1..<max(count, 1) {
            // No thread to be had: that piece runs here, after the others are started.
            if let thread = start({ body(i) }) { threads.append(thread) } else { body(i) }
        }
        if count > 0 { body(0) }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// Starts `body` on a bare POSIX thread of its own and returns at once (the thread is not
    /// waited for); where no thread can be had, runs it here.
    public static func detach(_ body: @escaping @Sendable () -> Void) {
        if let thread = start(body) { pthread_detach(thread) } else { body() }
    }

    /// A new thread running `body`, or nil when the system will not make one.
    private static func start(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        let box = Unmanaged.passRetained(Work(body))
        var thread = pthread_t()
        let made = pthread_create(&thread, nil, { raw in
            Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, box.toOpaque())
        if made == 0 { return thread }
        box.release()
        return nil
    }

    private final class Work: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}

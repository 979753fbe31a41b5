import Foundation

/// Runs a few pieces of work at the same time: the first on the calling thread, each other one on
/// a thread of its own started at once.
///
/// Why not `DispatchQueue.concurrentPerform`: on Linux its worker threads are created on first use
/// and the second piece started ~2 ms late, which in `sculpt new` (about 20 ms in all) was most of
/// what running side by side saved. For the two or three long pieces of one command, a plain thread
/// each is both simpler and sooner.
public enum SideBySide {
    public static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        let done = DispatchSemaphore(value: 0)
        for i in 1..<count {
            Thread.detachNewThread {
                body(i)
                done.signal()
            }
        }
        body(0)
        for _ in 1..<count { done.wait() }
    }
}

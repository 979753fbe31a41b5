import Foundation
import SculptCore

/// A value computed on a thread of its own, so the verifier's independent steps (byte-compiling, the
/// project's tests, the secret scan, the server with its contract checks) overlap instead of adding
/// up; `wait()` blocks until it is there.
final class BackgroundJob<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Locked<Value?>(nil)

    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [result, done] in
            result.set(work())
            done.signal()
        }
    }

    /// The value, once the work has finished (it is kept, so later calls return at once).
    func wait() -> Value {
        done.wait()
        done.signal()
        return result.value!
    }
}

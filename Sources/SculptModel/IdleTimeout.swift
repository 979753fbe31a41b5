import NIOConcurrencyHelpers
import NIOCore

/// Proof of life from a running request: each streamed chunk calls `tick()`.
final class Liveness: Sendable {
    private let last = NIOLockedValueBox(NIODeadline.now())
    func tick() { last.withLockedValue { $0 = .now() } }
    var lastTick: NIODeadline { last.withLockedValue { $0 } }
}

struct IdleTimeoutExpired: Error {}

/// Runs `body`, abandoning it (by cancellation) when `seconds` pass without a `tick()`.
///
/// AsyncHTTPClient's deadline covers the wait for the response head only; a server that sends its
/// head and then stalls, or streams forever, would hang the command. A watchdog beside the request
/// catches both: for a plain request nothing ticks, so it is a total timeout; for a stream, every
/// chunk resets it, so a slow but living stream goes on.
func withIdleTimeout<T: Sendable>(
    _ seconds: Double, _ body: @escaping @Sendable (Liveness) async throws -> T
) async throws -> T {
    let liveness = Liveness()
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body(liveness) }
        group.addTask {
            let limit = TimeAmount.nanoseconds(Int64(seconds * 1e9))
            while true {
                let remaining = liveness.lastTick + limit - .now()
                if remaining <= .zero { throw IdleTimeoutExpired() }
                try await Task.sleep(nanoseconds: UInt64(min(remaining.nanoseconds, 250_000_000)))
            }
        }
        defer { group.cancelAll() }
        while let next = try await group.next() {
            if let value = next { return value }
        }
        throw CancellationError()
    }
}

import Foundation

/// When and how long to wait before trying a request again.
///
/// Exponential backoff with full jitter spreads retries from many clients; a server's
/// `Retry-After` wins over the computed delay, but never beyond `maxDelay`: waiting longer than
/// that is reported as "rate-limited" so the user can act rather than stare at a silent terminal.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// A source of numbers in 0..<1; replaceable so tests are deterministic.
    public var random: @Sendable () -> Double

    public init(maxRetries: Int = 3, baseDelay: Double = 0.5, maxDelay: Double = 30,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.random = random
    }

    /// Whether an HTTP status is worth another try (rate limits and server trouble).
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 409 || status == 429 || (500...599).contains(status)
    }

    /// The delay before retry number `retry` (1-based), or nil when the server asks for more than
    /// `maxDelay`.
    public func delay(retry: Int, retryAfter: Double?) -> Double? {
        if let retryAfter {
            if retryAfter > maxDelay { return nil }
            // A little jitter on top so clients told the same time do not return in lockstep.
            return max(0, retryAfter) + random() * min(1, baseDelay)
        }
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(retry - 1)))
        return ceiling / 2 + random() * ceiling / 2
    }

    /// `Retry-After` in seconds: either delta-seconds or an HTTP date.
    public static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Double? {
        guard let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        if let s = Double(v) { return max(0, s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        if let d = f.date(from: v) { return max(0, d.timeIntervalSince(now)) }
        return nil
    }
}

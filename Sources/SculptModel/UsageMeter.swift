import Foundation

/// Tokens and requests spent by one command, so the user sees what a run cost.
public actor UsageMeter {
    public private(set) var requests = 0
    public private(set) var usage = TokenUsage()
    /// Answers whose server reported no usage (some proxies drop it): the totals are then a floor.
    public private(set) var unreported = 0
    let started = Date()

    public init() {}

    func record(_ u: TokenUsage?) {
        requests += 1
        if let u { usage = usage + u } else { unreported += 1 }
    }

    /// "3 requests, 1,204 prompt + 388 completion = 1,592 tokens in 9.8 s".
    public func summary() -> String {
        var s = "\(requests) request\(requests == 1 ? "" : "s"), \(usage.prompt) prompt + \(usage.completion) completion = \(usage.total) tokens"
        s += String(format: " in %.1f s", Date().timeIntervalSince(started))
        if unreported > 0 { s += " (\(unreported) answer\(unreported == 1 ? "" : "s") without usage counts)" }
        return s
    }
}

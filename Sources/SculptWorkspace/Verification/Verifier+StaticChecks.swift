import Foundation

extension Verifier.Run {
    /// Adds checks made without running anything (the secret scan) to the contract's: a failed one
    /// fails the contract step and, when nothing failed before, is the report's headline.
    mutating func recordStatic(_ found: [VerificationReport.Check]) {
        checks += found
        let failed = found.filter { $0.status == .failed }
        guard let bad = failed.first else { return }
        if let i = steps.firstIndex(where: { $0.name == "contract" }) {
            steps[i].status = .failed
            steps[i].detail += "; \(failed.count) static check(s) failed"
        }
        if failure == nil {
            failure = .init(step: "contract", check: bad.id, message: "\(bad.title): \(bad.message ?? "failed")",
                            request: nil, response: nil, logTail: nil)
        }
    }
}

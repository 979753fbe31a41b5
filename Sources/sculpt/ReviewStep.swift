import Foundation
import SculptCore
import SculptWorkspace

/// `sculpt check --review`: the review as a step of verification. A generated project must come out
/// with nothing at warning or above; notes are printed but do not fail it.
enum ReviewStep {
    static func run(_ project: URL, quiet: Bool, sandbox: String) -> Bool {
        var options = ReviewRunner.Options()
        var env = ProcessInfo.processInfo.environment
        if sandbox == "none" { env["SCULPT_SANDBOX"] = "none" }
        options.sandbox = Sandbox.detect(limits: options.limits, environment: env)
        do {
            let (report, catalog, _) = try ReviewRunner(options: options, progress: quiet ? { _ in } : { say($0) }).review(project.path)
            let blocking = report.findings(atLeast: .warning)
            if !quiet || !blocking.isEmpty { say(ReviewTextRenderer.render(report, catalog: catalog)) }
            return blocking.isEmpty
        } catch {
            say("sculpt: error: the review could not run: \(error)")
            return false
        }
    }
}

import Foundation

/// The verification report as people read it: on the terminal after `sculpt new` / `sculpt check`,
/// and as the README's "Verification" section.
///
/// It leads with the verdict, then reads "clause → check → result" for the requirement, and on
/// failure shows the failing check's request and response and the server's log tail, so the next
/// step is obvious without opening `verification.json`.
public enum VerificationSummary {
    /// - Parameter detailed: list every check under its clause (else only counts, and failures).
    public static func text(_ r: VerificationReport, detailed: Bool) -> String {
        var lines: [String] = []
        let passed = r.checks.filter { $0.status == .passed }.count
        let failed = r.failedChecks.count
        if r.passed {
            let tests = r.steps.first { $0.name == "tests" }?.status == .skipped ? "the project's tests were not run" : "the project's tests pass"
            lines.append("Verified in \(String(format: "%.1f", r.seconds)) s: \(tests) and \(passed) contract checks pass (\(r.sandbox.kind.rawValue)).")
        } else {
            lines.append("Verification FAILED at \(r.failure?.step ?? "?") after \(String(format: "%.1f", r.seconds)) s"
                         + (r.checks.isEmpty ? "." : ": \(failed) of \(r.checks.count) contract checks failed."))
        }
        if r.sandbox.kind != .bubblewrap {
            lines.append("Note: not isolated: \(r.sandbox.note). The generated code ran with resource limits only.")
        }
        let byId = Dictionary(r.checks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if !r.clauses.isEmpty {
            lines.append("Requirement clauses → checks:")
            for c in r.clauses {
                let list = c.checks.compactMap { byId[$0] }
                let bad = list.filter { $0.status == .failed }
                let mark = c.status == "unchecked" ? "·" : bad.isEmpty ? "✓" : "✗"
                let count = c.status == "unchecked" ? "no check covers it" : "\(list.count - bad.count)/\(list.count) checks pass"
                lines.append("  \(mark) \(c.text)  (\(count))")
                for check in list where detailed || check.status == .failed {
                    lines.append("      \(check.status == .passed ? "✓" : check.status == .failed ? "✗" : "-") \(check.title)")
                }
            }
        }
        let covered = Set(r.clauses.flatMap(\.checks))
        let others = r.checks.filter { !covered.contains($0.id) }
        if !others.isEmpty {
            let bad = others.filter { $0.status == .failed }
            lines.append("  \(bad.isEmpty ? "✓" : "✗") the contract every project keeps  (\(others.count - bad.count)/\(others.count) checks pass)")
            for check in others where detailed || check.status == .failed {
                lines.append("      \(check.status == .passed ? "✓" : check.status == .failed ? "✗" : "-") \(check.title)")
            }
        }
        if let f = r.failure {
            lines.append("")
            lines.append("First failure (\(f.step)\(f.check.map { ", check \($0)" } ?? "")): \(f.message)")
            if f.check == nil, let q = f.request { lines.append("  request:  " + request(q)) }
            if f.check == nil, let a = f.response { lines.append("  response: " + response(a)) }
            let failedChecks = r.failedChecks
            if !failedChecks.isEmpty { lines.append("Failed contract checks (\(failedChecks.count)):") }
            for check in failedChecks.prefix(6) {
                lines.append("  ✗ \(check.id): \(check.message ?? "failed")")
                for clause in check.clauses ?? [] { lines.append("      clause:   \(clause)") }
                if let q = check.request { lines.append("      request:  " + request(q)) }
                if let a = check.response { lines.append("      response: " + response(a)) }
            }
            if failedChecks.count > 6 { lines.append("  … and \(failedChecks.count - 6) more in verification.json") }
            if let log = f.logTail, !log.isEmpty {
                lines.append("  log tail:")
                lines += log.split(separator: "\n", omittingEmptySubsequences: false).suffix(25).map { "    | " + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The README's verification section: the verdict, the steps, and the clauses with their checks.
    public static func readme(_ r: VerificationReport, language: String) -> String {
        let zh = language == "zh"
        let date = String(r.startedAt.prefix(10))
        var lines: [String] = []
        let passed = r.checks.filter { $0.status == .passed }.count
        if r.passed {
            lines.append(zh ? "✅ \(date) 由 `\(r.generator)` 验证通过（\(String(format: "%.1f", r.seconds)) 秒）：项目自带的测试全部通过，\(passed) 项接口契约检查全部通过。"
                            : "✅ Verified on \(date) by `\(r.generator)` in \(String(format: "%.1f", r.seconds)) s: the project's own tests pass, and all \(passed) API contract checks pass.")
        } else {
            lines.append(zh ? "❌ \(date) 的验证未通过（步骤：\(r.failure?.step ?? "?")）：\(r.failure?.message ?? "")"
                            : "❌ Verification on \(date) failed at \(r.failure?.step ?? "?"): \(r.failure?.message ?? "")")
        }
        lines.append("")
        lines.append(zh ? "运行环境：\(r.sandbox.kind == .bubblewrap ? "bubblewrap 沙箱（仅本机回环网络，只有项目目录可写）" : "仅资源限制（未隔离）")。详情见 `verification.json`，重新验证：`sculpt check .`。"
                        : "Ran in: \(r.sandbox.kind == .bubblewrap ? "a bubblewrap sandbox (loopback-only network, only the project folder writable)" : "resource limits only (not isolated)"). Details in `verification.json`; verify again with `sculpt check .`.")
        lines.append("")
        lines.append(zh ? "| 步骤 | 结果 | 耗时 | 说明 |" : "| Step | Result | Time | Detail |")
        lines.append("|---|---|---|---|")
        for s in r.steps {
            lines.append("| \(s.name) | \(s.status == .passed ? "✓" : s.status == .failed ? "✗" : "–") | \(String(format: "%.2f s", s.seconds)) | \(cell(s.detail)) |")
        }
        if !r.clauses.isEmpty {
            lines.append("")
            lines.append(zh ? "| 需求条款 | 检查 | 结果 |" : "| Requirement clause | Checks | Result |")
            lines.append("|---|---|---|")
            let byId = Dictionary(r.checks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for c in r.clauses {
                let list = c.checks.compactMap { byId[$0] }
                let ok = list.filter { $0.status == .passed }.count
                let result = c.status == "unchecked" ? (zh ? "未覆盖" : "not covered") : "\(ok)/\(list.count) ✓"
                lines.append("| \(cell(c.text)) | \(cell(list.prefix(4).map(\.title).joined(separator: "; ") + (list.count > 4 ? " …" : ""))) | \(result) |")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Replaces the README's verification block (between the `sculpt:verification` markers) with
    /// `text`; returns false when the README has no such block (e.g. the user removed it).
    @discardableResult
    public static func updateReadme(in project: URL, with text: String) -> Bool {
        let url = project.appendingPathComponent("README.md")
        guard let readme = try? String(contentsOf: url, encoding: .utf8),
              let start = readme.range(of: "<!-- sculpt:verification:start -->"),
              let end = readme.range(of: "<!-- sculpt:verification:end -->"), start.upperBound <= end.lowerBound else { return false }
        let updated = readme[..<start.upperBound] + "\n" + text + "\n" + readme[end.lowerBound...]
        return (try? String(updated).write(to: url, atomically: true, encoding: .utf8)) != nil
    }

    static func request(_ q: VerificationReport.Request) -> String {
        "\(q.method) \(q.path)" + (q.headers?["Authorization"].map { "  Authorization: \(clip($0, 40))" } ?? "")
            + (q.body.map { "  " + clip($0) } ?? "")
    }

    static func response(_ a: VerificationReport.Response) -> String {
        (a.status == 0 ? "none (\(a.error ?? "no answer"))" : "\(a.status)") + (a.body.map { "  " + clip($0) } ?? "")
    }

    static func clip(_ s: String, _ n: Int = 300) -> String {
        let one = s.replacingOccurrences(of: "\n", with: " ")
        return one.count > n ? String(one.prefix(n)) + "…" : one
    }

    static func cell(_ s: String) -> String {
        clip(s, 160).replacingOccurrences(of: "|", with: "\\|")
    }
}

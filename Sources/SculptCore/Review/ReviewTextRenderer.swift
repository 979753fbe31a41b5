import Foundation

/// The readable report: findings grouped by severity, each with where it is, the evidence a probe
/// gathered, and the fix, in the report's language.
public enum ReviewTextRenderer {
    public static func render(_ report: ReviewReport, catalog: ReviewRuleCatalog) -> String {
        let zh = report.language == .zh
        var lines: [String] = []
        let how = report.ran ? (zh ? "运行了应用（\(report.sandbox)）" : "ran the app (\(report.sandbox))")
                             : (zh ? "只读代码，未运行" : "read the code only, did not run it")
        lines.append(zh ? "Sculpt 审查 \(report.target)（\(report.framework ?? "?")），\(how)，用时 \(String(format: "%.1f", report.seconds)) 秒"
                        : "Sculpt review of \(report.target) (\(report.framework ?? "?")): \(how), \(String(format: "%.1f", report.seconds)) s")
        if let problem = report.runProblem {
            // Said before anything else: an app that was not probed is not an app without problems.
            lines.append(zh ? "✗ 应用无法启动：\(problem)；运行验证已跳过，下面只有读代码得出的结论。"
                            : "✗ The app could not be started: \(problem); runtime checks skipped, so only what the code shows is below.")
        }
        // A model's remarks are listed apart, after everything Sculpt proved or read in the code.
        let proven = report.findings.filter { $0.source != .model }
        let remarks = report.findings.filter { $0.source == .model }
        let counts = ReviewSeverity.allCases.map { s in (s, proven.filter { $0.severity == s }.count) }
        if proven.isEmpty {
            if report.ran {
                lines.append(zh ? "没有发现问题。" : "No findings.")
            } else {
                lines.append(zh ? "代码中没有发现问题；应用没有运行，运行时的问题未经检验。"
                                : "No findings in the code; the app was not run, so nothing was checked at runtime.")
            }
        } else {
            let parts = counts.filter { $0.1 > 0 }.map { "\($0.1) \(label($0.0, zh: zh, plural: $0.1 != 1))" }
            lines.append(zh ? "共 \(proven.count) 个问题：" + parts.joined(separator: "，")
                            : "\(proven.count) finding\(proven.count == 1 ? "" : "s"): " + parts.joined(separator: ", "))
        }
        for (severity, count) in counts where count > 0 {
            lines.append("")
            lines.append("\(label(severity, zh: zh, plural: true).uppercased()) (\(count))")
            for f in proven where f.severity == severity {
                let mark = severity == .error ? "✗" : severity == .warning ? "!" : "·"
                let source = sourceLabel(f.source, zh: zh)
                lines.append("  \(mark) [\(f.rule)] \(f.message)  (\(source))")
                if let file = f.file {
                    let at = f.line.map { "\(file):\($0)" } ?? file
                    lines.append("    \(at)" + (f.snippet.map { $0.isEmpty ? "" : "  \($0)" } ?? ""))
                }
                if let rule = catalog.rule(f.rule) {
                    var head = rule.full.of(report.language)
                    if let cwe = rule.cwe { head += " (\(cwe))" }
                    lines.append("    " + head)
                }
                for e in f.evidence {
                    lines.append("    " + (zh ? "证据：" : "evidence: ") + (e.note ?? ""))
                    if let r = e.request {
                        lines.append("      → \(r.method) \(r.path)" + (r.contentType.map { " [\($0)]" } ?? "") + (r.body.map { " " + oneLine($0, 160) } ?? ""))
                    }
                    if let r = e.response {
                        lines.append("      ← \(r.status == 0 ? (zh ? "无响应" : "no answer") : String(r.status))"
                                     + (r.contentType.map { " [\($0)]" } ?? "") + (r.body.map { " " + oneLine($0, 160) } ?? "")
                                     + (r.error.map { " (\($0))" } ?? ""))
                    }
                }
                if let rule = catalog.rule(f.rule) {
                    lines.append("    " + (zh ? "修复：" : "fix: "))
                    for l in rule.help.of(report.language).split(separator: "\n", omittingEmptySubsequences: false) where l != "```python" && l != "```" {
                        lines.append("      " + l)
                    }
                }
            }
        }
        if !remarks.isEmpty {
            lines.append("")
            lines.append(zh ? "模型意见（\(remarks.count)，未经验证，不影响结果）" : "MODEL REMARKS (\(remarks.count), unproven; they do not decide the result)")
            for f in remarks {
                lines.append("  ? \(f.message)")
                if let file = f.file {
                    lines.append("    \(f.line.map { "\(file):\($0)" } ?? file)" + (f.snippet.map { $0.isEmpty ? "" : "  \($0)" } ?? ""))
                }
            }
        }
        if !report.notes.isEmpty {
            lines.append("")
            lines.append(zh ? "说明：" : "Notes:")
            for n in report.notes { lines.append("  - " + oneLine(n, 300)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func label(_ s: ReviewSeverity, zh: Bool, plural: Bool) -> String {
        switch s {
        case .error: return zh ? "错误" : (plural ? "errors" : "error")
        case .warning: return zh ? "警告" : (plural ? "warnings" : "warning")
        case .note: return zh ? "提示" : (plural ? "notes" : "note")
        }
    }

    static func sourceLabel(_ s: ReviewFinding.Source, zh: Bool) -> String {
        switch s {
        case .static: return zh ? "代码分析" : "code"
        case .probe: return zh ? "运行验证" : "probe"
        case .both: return zh ? "代码分析 + 运行验证" : "code + probe"
        case .model: return zh ? "模型意见，未验证" : "model, unproven"
        }
    }

    static func oneLine(_ s: String, _ limit: Int) -> String {
        let flat = s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}

import Foundation

/// Writes a review as SARIF 2.1.0, the format GitHub code scanning imports.
///
/// GitHub wants repository-relative URIs, `partialFingerprints` to follow a finding across commits,
/// `security-severity` on rules, and help text; Ruff's SARIF lacks the last three, which is why this
/// is written here rather than borrowed. Probe evidence travels in each result's `properties`.
public enum SARIFRenderer {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// - Parameter uriPrefix: the reviewed folder's path inside its repository ("" at the root), so URIs
    ///   are repository-relative.
    public static func render(_ report: ReviewReport, catalog: ReviewRuleCatalog, uriPrefix: String = "") -> Data {
        let language = report.language
        let rules: [[String: Any]] = catalog.rules.map { rule in
            var tags = ["security", "sculpt-review"]
            if let cwe = rule.cwe { tags.append("external/cwe/\(cwe.lowercased())") }
            return [
                "id": rule.id,
                "name": rule.name,
                "shortDescription": ["text": rule.short.of(language)],
                "fullDescription": ["text": rule.full.of(language)],
                "help": ["text": rule.help.of(language), "markdown": rule.help.of(language)],
                "defaultConfiguration": ["level": rule.severity.rawValue],
                "properties": ["tags": tags, "security-severity": rule.securitySeverity, "precision": "high"] as [String: Any],
            ]
        }
        var seen: [String: Int] = [:]
        let results: [[String: Any]] = report.findings.map { f in
            var result: [String: Any] = [
                "ruleId": f.rule,
                "level": f.severity.rawValue,
                "message": ["text": f.message],
            ]
            if let index = catalog.rules.firstIndex(where: { $0.id == f.rule }) { result["ruleIndex"] = index }
            if let file = f.file {
                var region: [String: Any] = ["startLine": max(1, f.line ?? 1)]
                if let c = f.column { region["startColumn"] = max(1, c) }
                if let s = f.snippet, !s.isEmpty { region["snippet"] = ["text": s] }
                let uri = uriPrefix.isEmpty ? file : uriPrefix + "/" + file
                result["locations"] = [["physicalLocation": [
                    "artifactLocation": ["uri": percentEncoded(uri), "uriBaseId": "%SRCROOT%"],
                    "region": region,
                ] as [String: Any]]]
            }
            let key = "\(f.rule)|\(f.file ?? "")|\((f.snippet ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " "))|\(f.args["route"] ?? "")|\(f.args["field"] ?? "")"
            let hash = fnv1a(key)
            seen[hash, default: 0] += 1
            result["partialFingerprints"] = ["primaryLocationLineHash": "\(hash):\(seen[hash]!)"]
            var properties: [String: Any] = ["source": f.source.rawValue]
            if !f.evidence.isEmpty, let data = try? JSONEncoder().encode(f.evidence),
               let evidence = try? JSONSerialization.jsonObject(with: data) {
                properties["evidence"] = evidence
            }
            result["properties"] = properties
            return result
        }
        // SARIF's own way to say the tool did not do all it was asked: an unsuccessful invocation with
        // a notification, so a review that could not start the app never reads as a clean one.
        var invocation: [String: Any] = ["executionSuccessful": report.runProblem == nil]
        if let problem = report.runProblem {
            invocation["toolExecutionNotifications"] = [[
                "level": "error",
                "message": ["text": "The app could not be started: \(problem); runtime checks skipped."],
            ] as [String: Any]]
        }
        var run: [String: Any] = [
            "tool": ["driver": [
                "name": "sculpt-review",
                "version": report.tool,
                "semanticVersion": catalog.version,
                "informationUri": "https://github.com/sculpt/sculpt",
                "rules": rules,
            ] as [String: Any]],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": ["ran": report.ran, "sandbox": report.sandbox, "notes": report.notes] as [String: Any],
        ]
        run["invocations"] = [invocation]
        let doc: [String: Any] = ["$schema": schema, "version": "2.1.0", "runs": [run]]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return data + Data("\n".utf8)
    }

    /// A relative URI: each path segment percent-encoded, the slashes kept.
    static func percentEncoded(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":?#[]@")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }

    /// FNV-1a, 64 bits, as 16 hex digits: a stable fingerprint without a crypto dependency in the core.
    static func fnv1a(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

import Foundation

/// Finds the test functions of a generated Python suite and the requirement clauses each one names
/// in its docstring (`Requirement: <clause>`, written by the generator's test plan).
public enum TestLocator {
    public struct Found: Equatable, Sendable {
        public var test: TestCitation
        public var clauses: [String]
    }

    static let testDef = try! NSRegularExpression(pattern: #"^(?:async\s+)?def\s+(test_\w+)\s*\("#)
    static let requirement = try! NSRegularExpression(pattern: #"^\s*Requirement:\s*(.*?)\s*$"#)

    public static func pythonTests(file: String, text: String) -> [Found] {
        let lines = SourceLines.split(text)
        var out: [Found] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            guard let name = capture(testDef, line) else { i += 1; continue }
            var j = i + 1
            while j < lines.count {
                let l = lines[j]
                if !l.isEmpty, let c = l.first, c != " ", c != "\t", c != ")", c != "#" { break }
                j += 1
            }
            var end = j - 1
            while end > i, lines[end].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
            var clauses: [String] = []
            for k in i...end {
                if let c = capture(requirement, lines[k]) {
                    clauses.append(c.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\"))
                }
            }
            out.append(Found(test: TestCitation(file: file, startLine: i + 1, endLine: end + 1, name: name), clauses: clauses))
            i = j
        }
        return out
    }

    static func capture(_ re: NSRegularExpression, _ line: String) -> String? {
        guard let m = re.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), m.numberOfRanges > 1,
              let r = Range(m.range(at: 1), in: line) else { return nil }
        return String(line[r])
    }
}

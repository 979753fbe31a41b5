import Foundation

/// Finds the `sculpt:part` marks in a file: `# sculpt:part id subject…` (Python, TOML, pip lists,
/// `.gitignore`), `// sculpt:part …` (Swift, JavaScript), `/* sculpt:part … */` (CSS) and
/// `<!-- sculpt:part … -->` (HTML). A part runs from the line after its mark to the line before
/// the next mark, or to the end of the file.
public enum PartMarkers {
    public static let tag = "sculpt:part"

    public static func parts(file: String, text: String) -> [CodePart] {
        let lines = SourceLines.split(text)
        var marks: [(line: Int, words: [String])] = []
        for (i, raw) in lines.enumerated() {
            if let words = markWords(raw) { marks.append((i, words)) }
        }
        var out: [CodePart] = []
        for (n, mark) in marks.enumerated() {
            let limit = n + 1 < marks.count ? marks[n + 1].line : lines.count
            var first = mark.line + 1
            var last = limit - 1
            while first <= last, lines[first].trimmingCharacters(in: .whitespaces).isEmpty { first += 1 }
            while last >= first, lines[last].trimmingCharacters(in: .whitespaces).isEmpty { last -= 1 }
            guard first <= last, let id = mark.words.first else { continue }
            let body = Array(lines[first...last])
            out.append(CodePart(file: file, id: id, subjects: Array(mark.words.dropFirst()), markerLine: mark.line + 1,
                                startLine: first + 1, endLine: last + 1, symbol: SymbolFinder.symbol(in: body)))
        }
        return out
    }

    /// The words of a marker line, or nil when the line is not one.
    static func markWords(_ line: String) -> [String]? {
        var s = line.trimmingCharacters(in: .whitespaces)
        for (open, close) in [("<!--", "-->"), ("/*", "*/"), ("//", ""), ("#", "")] where s.hasPrefix(open) {
            s = String(s.dropFirst(open.count))
            if !close.isEmpty, s.hasSuffix(close) { s = String(s.dropLast(close.count)) }
            s = s.trimmingCharacters(in: .whitespaces)
            guard s.hasPrefix(tag + " ") else { return nil }
            let words = s.dropFirst(tag.count).split(separator: " ").map(String.init)
            return words.isEmpty ? nil : words
        }
        return nil
    }

    /// Whether a line is a marker (renderers may dim it).
    public static func isMarker(_ line: String) -> Bool { markWords(line) != nil }
}

/// Lines of a text file, without their line breaks; a final newline does not add an empty line.
public enum SourceLines {
    public static func split(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
    }
}

/// The name a block of code defines, so a citation can say what it points at.
enum SymbolFinder {
    static let definitions: [NSRegularExpression] = [
        #"^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)"#,
        #"^\s*class\s+([A-Za-z_]\w*)"#,
        #"\b(?:func|struct|enum|actor|protocol|extension)\s+([A-Za-z_]\w*)"#,
        #"^\s*(?:async\s+)?function\s+([A-Za-z_$][\w$]*)"#,
        #"^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)"#,
        #"^\s*([A-Za-z_]\w*)\s*(?::[^=]*)?=[^=]"#,
        #"\bid="([A-Za-z][\w-]*)""#,
        #"^\s*([^\s{/][^{]*?)\s*\{"#,
        #"^\s*\[([\w.\-]+)\]"#,
        #"^\s*([A-Za-z][\w.\-]*)(?:==|>=|<=|~=)"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    static func symbol(in lines: [String]) -> String {
        let code = lines.filter { !isComment($0) && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        for pattern in definitions {
            for line in code {
                let range = NSRange(line.startIndex..., in: line)
                if let m = pattern.firstMatch(in: line, range: range), m.numberOfRanges > 1,
                   let r = Range(m.range(at: 1), in: line) {
                    let name = String(line[r]).trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty { return name }
                }
            }
        }
        let first = code.first ?? lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        return String(first.trimmingCharacters(in: .whitespaces).prefix(40))
    }

    static func isComment(_ line: String) -> Bool {
        let s = line.trimmingCharacters(in: .whitespaces)
        return s.hasPrefix("#") || s.hasPrefix("//") || s.hasPrefix("/*") || s.hasPrefix("*") || s.hasPrefix("<!--")
    }
}

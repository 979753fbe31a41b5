import Foundation

/// A small line-by-line highlighter for the HTML walk-through: comments, strings, numbers and
/// keywords, enough to read code on a phone without loading a highlighting library from the web.
public enum CodeHighlighter {
    static let keywords: [CodeLanguage: Set<String>] = [
        .python: ["and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
                  "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "None", "nonlocal", "not", "or", "pass",
                  "raise", "return", "True", "False", "try", "while", "with", "yield"],
        .swift: ["actor", "any", "as", "async", "await", "break", "case", "catch", "class", "continue", "default", "defer", "do",
                 "else", "enum", "extension", "false", "for", "func", "guard", "if", "import", "in", "init", "inout", "let",
                 "mutating", "nil", "private", "protocol", "public", "return", "self", "Self", "some", "static", "struct",
                 "switch", "throw", "throws", "true", "try", "var", "where", "while"],
        .javascript: ["async", "await", "break", "case", "catch", "const", "continue", "default", "else", "false", "for",
                      "function", "if", "in", "let", "new", "null", "of", "return", "switch", "this", "throw", "true", "try",
                      "typeof", "undefined", "var", "while"],
    ]

    /// One line as HTML with `<span class="k|s|c|n">` around tokens.
    public static func line(_ text: String, _ language: CodeLanguage) -> String {
        let commentStart: String? = switch language {
        case .python, .toml, .text: "#"
        case .swift, .javascript: "//"
        case .css, .html: nil
        }
        if language == .html || language == .css {
            let t = text.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("<!--") || t.hasPrefix("/*") { return "<span class=\"c\">\(HTML.escape(text))</span>" }
            return HTML.escape(text)
        }
        let words = keywords[language] ?? []
        var out = ""
        var i = text.startIndex
        var word = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            if words.contains(word) { out += "<span class=\"k\">\(word)</span>" } else if word.first!.isNumber { out += "<span class=\"n\">\(word)</span>" } else { out += HTML.escape(word) }
            word = ""
        }
        while i < text.endIndex {
            let c = text[i]
            if let cs = commentStart, text[i...].hasPrefix(cs) {
                flushWord()
                out += "<span class=\"c\">\(HTML.escape(String(text[i...])))</span>"
                return out
            }
            if c == "\"" || c == "'" || (c == "`" && language == .javascript) {
                flushWord()
                var j = text.index(after: i)
                while j < text.endIndex, text[j] != c {
                    if text[j] == "\\" { j = text.index(after: j); if j == text.endIndex { break } }
                    j = text.index(after: j)
                }
                let end = j < text.endIndex ? text.index(after: j) : j
                out += "<span class=\"s\">\(HTML.escape(String(text[i..<end])))</span>"
                i = end
                continue
            }
            if c.isLetter || c.isNumber || c == "_" { word.append(c) } else { flushWord(); out += HTML.escape(String(c)) }
            i = text.index(after: i)
        }
        flushWord()
        return out
    }
}

/// HTML text escaping.
public enum HTML {
    /// Escaped prose with its `code` spans set in `<code>`.
    public static func inline(_ s: String) -> String {
        let parts = s.components(separatedBy: "`")
        guard parts.count >= 3 else { return escape(s) }
        var out = ""
        for (i, part) in parts.enumerated() {
            if i % 2 == 1 && i < parts.count - 1 { out += "<code>\(escape(part))</code>" } else { out += (i % 2 == 1 ? "`" : "") + escape(part) }
        }
        return out
    }

    public static func escape(_ s: String) -> String { HTMLText.escaped(s) }
}

import Foundation

/// Reads a template's UTF-8 bytes into `TemplateNode`s in one pass.
///
/// The line handling follows swift-mustache's parser step for step (which follows the Mustache spec):
/// a line's leading spaces and tabs are held back until it is known whether the line holds only a
/// section, inverted-section, closing, comment or partial tag; such a standalone line prints nothing,
/// and a standalone partial is indented by the spaces before it. Sculpt's golden trees, rendered by
/// swift-mustache before, pin that the output is the same.
struct TemplateParser {
    private let bytes: [UInt8]
    private var i = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    mutating func parseAll() throws(TemplateSyntaxError) -> [TemplateNode] {
        try parse(section: nil, newLine: true)
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    private static let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")

    /// The nodes up to the tag closing `section` (or the end of the text, at top level).
    private mutating func parse(section: String?, newLine startsLine: Bool) throws(TemplateSyntaxError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var newLine = startsLine
        var before = ""  // the leading whitespace of the line, held back until the line is judged
        while i < bytes.count {
            if newLine {
                let start = i
                while i < bytes.count && (bytes[i] == Self.space || bytes[i] == Self.tab) { i += 1 }
                before = text(start..<i)
            }
            let (run, ending) = readText()
            if let ending {
                nodes.append(.text(before + run + ending))
                newLine = true
                continue
            }
            if !run.isEmpty {
                nodes.append(.text(before + run))
                before = ""
                newLine = false
            }
            guard i < bytes.count else { break }
            var standalone = false
            let sigil = bytes[i]
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                i += 1
                let name = try readName()
                if isStandalone(newLine) {
                    standalone = true
                } else if !before.isEmpty {
                    nodes.append(.text(before))
                    before = ""
                }
                let body = try parse(section: name, newLine: standalone)
                nodes.append(.section(TagName(name), body, inverted: sigil == UInt8(ascii: "^")))
            case UInt8(ascii: "/"):
                i += 1
                let name = try readName()
                guard name == section else {
                    throw fail(section.map { "{{/\(name)}} closes a section that is not open (the open one is {{#\($0)}})" }
                        ?? "{{/\(name)}} closes a section that is not open")
                }
                if !isStandalone(newLine) && !before.isEmpty { nodes.append(.text(before)) }
                return nodes
            case UInt8(ascii: "!"):
                i += 1
                guard let end = find(Self.close, Self.close) else { throw fail("a comment is not closed with }}") }
                i = end + 2
                standalone = isStandalone(newLine)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                if !before.isEmpty {
                    nodes.append(.text(before))
                    before = ""
                }
                i += 1
                let name = try readName()
                if sigil == Self.open {
                    guard i < bytes.count, bytes[i] == Self.close else { throw fail("{{{\(name)}} is not closed with }}}") }
                    i += 1
                }
                nodes.append(.variable(TagName(name), escaped: false))
            case UInt8(ascii: ">"):
                i += 1
                skipWhitespace()
                let name = try readName(partial: true)
                if !before.isEmpty { nodes.append(.text(before)) }
                if isStandalone(newLine) {
                    standalone = true
                    nodes.append(.partial(name, indentation: before))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                before = ""
            case UInt8(ascii: "%"):
                i += 1
                nodes.append(try readPragma())
                standalone = isStandalone(newLine)
            case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "$"):
                throw fail("{{\(Character(Unicode.Scalar(sigil))) is not supported in Sculpt's templates (set delimiters and inheritance are not used)")
            default:
                if !before.isEmpty {
                    nodes.append(.text(before))
                    before = ""
                }
                nodes.append(.variable(TagName(try readName()), escaped: true))
            }
            newLine = standalone
        }
        if let section { throw fail("{{#\(section)}} is not closed") }
        return nodes
    }

    /// Text up to a line end (returned, and passed) or a tag's `{{` (passed, so `i` is at the sigil),
    /// or the end of the template.
    private mutating func readText() -> (String, ending: String?) {
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == Self.lf || (b == Self.cr && i + 1 < bytes.count && bytes[i + 1] == Self.lf) {
                let run = text(start..<i)
                let width = b == Self.lf ? 1 : 2
                let ending = text(i..<(i + width))
                i += width
                return (run, ending)
            }
            if b == Self.open && i + 1 < bytes.count && bytes[i + 1] == Self.open {
                let run = text(start..<i)
                i += 2
                return (run, nil)
            }
            i += 1
        }
        return (text(start..<i), nil)
    }

    /// A tag's name and the `}}` after it; `partial` also allows `/` (partials live in folders).
    private mutating func readName(partial: Bool = false) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let start = i
        while i < bytes.count && Self.isNameByte(bytes[i], partial: partial) { i += 1 }
        let name = text(start..<i)
        skipWhitespace()
        guard i + 1 < bytes.count, bytes[i] == Self.close, bytes[i + 1] == Self.close else {
            throw fail("the tag {{\(name)… is not closed with }} (names are letters, digits and . - _ ? *)")
        }
        i += 2
        if name.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) {
            throw fail("{{\(name)}}: transforms are not supported in Sculpt's templates")
        }
        return name
    }

    /// `{{% CONTENT_TYPE: TEXT}}` (nothing escaped from here on) or `HTML` (the default), the one
    /// pragma swift-mustache has.
    private mutating func readPragma() throws(TemplateSyntaxError) -> TemplateNode {
        skipWhitespace()
        let start = i
        while i < bytes.count && bytes[i] != UInt8(ascii: ":") && bytes[i] != Self.close { i += 1 }
        let variable = text(start..<i).trimmingCharacters(in: .whitespaces)
        guard variable == "CONTENT_TYPE", i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
            throw fail("the only pragma is {{% CONTENT_TYPE: TEXT}} or HTML")
        }
        i += 1
        guard let end = find(Self.close, Self.close) else { throw fail("a pragma is not closed with }}") }
        let value = text(i..<end).trimmingCharacters(in: .whitespaces)
        i = end + 2
        switch value {
        case "TEXT": return .contentType(escapes: false)
        case "HTML": return .contentType(escapes: true)
        default: throw fail("unknown content type \(value) (TEXT or HTML)")
        }
    }

    private static func isNameByte(_ b: UInt8, partial: Bool) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"),
             UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        case UInt8(ascii: "/"): return partial
        default: return false
        }
    }

    /// Whitespace as `Character.isWhitespace` has it, for the ASCII range templates use.
    private mutating func skipWhitespace() {
        while i < bytes.count && (bytes[i] == Self.space || (0x09...0x0D).contains(bytes[i])) { i += 1 }
    }

    /// A tag stands alone when its line began with it (after blanks) and only blanks follow it to the
    /// line's end, which is then passed; the end of the template counts only right after the tag.
    private mutating func isStandalone(_ newLine: Bool) -> Bool {
        guard newLine else { return false }
        if i == bytes.count { return true }
        var j = i
        while j < bytes.count && (bytes[j] == Self.space || bytes[j] == Self.tab) { j += 1 }
        guard let width = newlineWidth(at: j) else { return false }
        i = j + width
        return true
    }

    /// The byte length of the line break at `j` (any that `Character.isNewline` accepts), or nil.
    private func newlineWidth(at j: Int) -> Int? {
        guard j < bytes.count else { return nil }
        switch bytes[j] {
        case Self.cr: return j + 1 < bytes.count && bytes[j + 1] == Self.lf ? 2 : 1
        case 0x0A, 0x0B, 0x0C: return 1
        case 0xC2 where j + 1 < bytes.count && bytes[j + 1] == 0x85: return 2
        case 0xE2 where j + 2 < bytes.count && bytes[j + 1] == 0x80 && (bytes[j + 2] == 0xA8 || bytes[j + 2] == 0xA9): return 3
        default: return nil
        }
    }

    private func find(_ a: UInt8, _ b: UInt8) -> Int? {
        var j = i
        while j + 1 < bytes.count {
            if bytes[j] == a && bytes[j + 1] == b { return j }
            j += 1
        }
        return nil
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private func fail(_ problem: String) -> TemplateSyntaxError {
        TemplateSyntaxError(line: bytes[..<min(i, bytes.count)].reduce(1) { $1 == Self.lf ? $0 + 1 : $0 }, problem: problem)
    }
}

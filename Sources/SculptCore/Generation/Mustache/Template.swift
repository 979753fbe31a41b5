/// A Mustache template, parsed: the subset Sculpt's templates are written in.
///
/// Sculpt parsed its templates with swift-mustache, whose parser walks `Character`s and measures the
/// rest of the text at every tag; with the page's and a backend's templates that was the largest
/// share of `sculpt new` (and rendering, which casts every value to half a dozen protocols, the next).
/// This reads the same syntax over UTF-8 bytes and gives the same text for it: variables
/// (`{{name}}` HTML-escaped, `{{{name}}}` and `{{& name}}` as they are), dotted names and `{{.}}`,
/// sections and inverted sections, partials, comments, the content-type pragma and the spec's
/// standalone-line rule. What it does not read (set delimiters, inheritance, transforms) is a syntax error that
/// names the line, not silent output.
struct Template: Sendable {
    let nodes: [TemplateNode]

    init(_ text: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(text)
        nodes = try parser.parseAll()
    }

    /// The names after `{{>`: the partials this template pulls in, in order.
    var partials: [String] { TemplateNode.partials(in: nodes) }
}

/// One piece of a parsed template.
indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(TagName, escaped: Bool)
    case section(TagName, [TemplateNode], inverted: Bool)
    /// A partial; `indentation` is set when the tag stood alone on its line, as the spec has it.
    case partial(String, indentation: String?)
    /// `{{% CONTENT_TYPE: TEXT}}`: whether `{{name}}` is HTML-escaped from here to the end of the
    /// template (sections inside included); a partial starts escaping again.
    case contentType(escapes: Bool)

    static func partials(in nodes: [TemplateNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .partial(let name, _): return [name]
            case .section(_, let body, _): return partials(in: body)
            default: return []
            }
        }
    }
}

/// A tag's name as written (`entity.columns`) and split at its dots; `.` is the current object.
struct TagName: Sendable, Equatable {
    let text: String
    let parts: [String]

    init(_ text: String) {
        self.text = text
        // Split over the bytes: most names have no dot, and `Character` splitting was a tenth of parsing.
        if text == "." {
            parts = []
        } else if !text.isEmpty, !text.utf8.contains(UInt8(ascii: ".")) {
            parts = [text]
        } else {
            parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}

/// What is wrong with a template's syntax, and where.
struct TemplateSyntaxError: Error, CustomStringConvertible {
    let line: Int
    let problem: String
    var description: String { "line \(line): \(problem)" }
}

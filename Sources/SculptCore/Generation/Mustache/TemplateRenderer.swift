/// Renders parsed templates against a view model, as swift-mustache rendered them.
///
/// A name is looked up on the context stack from the top: the first object that has it with a value
/// wins (a nil property lets the search go on up); a dotted name's later parts are read from what the
/// first part found. Sections render once per element of an array, once for `true`, never for
/// `false`, nil or an empty array, and once with the value pushed for anything else; inverted sections
/// the other way round. `{{name}}` is HTML-escaped. Partials are indented line by line the way
/// swift-mustache does it (each template's own output decides where a line starts).
///
/// When `misses` is on (tests audit the templates), every tag whose name no object on the stack has
/// at all is recorded: Mustache would print nothing for it and a project would silently lose code.
struct TemplateRenderer {
    let partials: [String: Template]
    let templateName: String
    private(set) var misses: [String]?
    /// How many partials deep the renderer is: a partial that includes itself stops here.
    private var partialDepth = 0
    private static let partialDepthLimit = 32

    init(partials: [String: Template], templateName: String, auditing: Bool = false) {
        self.partials = partials
        self.templateName = templateName
        misses = auditing ? [] : nil
    }

    mutating func render(_ template: Template, model: Any) -> String {
        render(template.nodes, stack: [TemplateObject.box(model) ?? model], indentation: nil, escaping: true, in: templateName)
    }

    private mutating func render(_ nodes: [TemplateNode], stack: [Any], indentation: String?, escaping: Bool, in template: String) -> String {
        var out = ""
        var escaping = escaping
        for node in nodes {
            if case .contentType(let escapes) = node {
                escaping = escapes
                continue
            }
            let piece = render(node, stack: stack, indentation: indentation, escaping: escaping, in: template)
            if let indentation, !indentation.isEmpty, !piece.isEmpty, out.utf8.last == 0x0A, !out.hasSuffix("\r\n") {
                out += indentation
            }
            out += piece
        }
        return out
    }

    private mutating func render(_ node: TemplateNode, stack: [Any], indentation: String?, escaping: Bool, in template: String) -> String {
        switch node {
        case .text(let text):
            return text
        case .contentType:
            return ""
        case .variable(let name, let escaped):
            guard let value = resolve(name, on: stack, tag: "", in: template) else { return "" }
            let text = value as? String ?? String(describing: value)
            return escaped && escaping ? HTMLText.escaped(text) : text
        case .section(let name, let body, let inverted):
            let value = resolve(name, on: stack, tag: "#", in: template)
            var out = ""
            switch value {
            case let list as [Any]:
                if inverted { return list.isEmpty ? render(body, stack: stack + [list], indentation: indentation, escaping: escaping, in: template) : "" }
                for element in list { out += render(body, stack: stack + [element], indentation: indentation, escaping: escaping, in: template) }
                return out
            case let flag as Bool:
                return flag != inverted ? render(body, stack: stack, indentation: indentation, escaping: escaping, in: template) : ""
            case .some(let object):
                return inverted ? "" : render(body, stack: stack + [object], indentation: indentation, escaping: escaping, in: template)
            case .none:
                return inverted ? render(body, stack: stack, indentation: indentation, escaping: escaping, in: template) : ""
            }
        case .partial(let name, let indented):
            guard let partial = partials[name], partialDepth < Self.partialDepthLimit else {
                misses?.append(">\(name) (in \(template))")
                return ""
            }
            let deeper = indented.map { (indentation ?? "") + $0 } ?? indentation
            partialDepth += 1
            defer { partialDepth -= 1 }
            return render(partial.nodes, stack: stack, indentation: deeper, escaping: true, in: name)
        }
    }

    /// The value `name` finds on the stack, or nil; records a miss when no object has the name.
    private mutating func resolve(_ name: TagName, on stack: [Any], tag: String, in template: String) -> Any? {
        guard let first = name.parts.first else { return stack.last }
        var known = false
        let anchored = name.text.hasPrefix(".")
        for object in anchored ? [stack.last!] : stack.reversed() {
            guard let box = object as? TemplateObject else { continue }
            switch box.lookup(first) {
            case .missing: continue
            case .absent: known = true; continue
            case .found(let value):
                var current = value
                for part in name.parts.dropFirst() {
                    switch (current as? TemplateObject)?.lookup(part) ?? .missing {
                    case .found(let next): current = next
                    case .absent: return nil
                    case .missing:
                        misses?.append("\(tag)\(name.text) (in \(template))")
                        return nil
                    }
                }
                return current
            }
        }
        if !known { misses?.append("\(tag)\(name.text) (in \(template))") }
        return nil
    }
}

import Foundation
import Mustache

/// Finds the tags of a template that the model it is rendered with cannot resolve.
///
/// Mustache renders an unknown key as nothing, so a misspelt key in a template or a renamed property
/// in a view model silently drops code from the output. Tests turn this audit on (`TemplateKeyAudit.$sink`)
/// while generating, and every tag that resolves to no property anywhere on the context stack is
/// recorded with its template. It resolves names the way swift-mustache does: stored properties
/// through `Mirror`, dictionary keys through `MustacheParent`, dotted paths, the context stack.
public enum TemplateKeyAudit {
    /// Where unresolved tags go while a test generates; nil (the default) turns the audit off.
    @TaskLocal public static var sink: Locked<[String]>?

    /// The unresolved tags of `text` rendered with `model`, each as `name (in template)`.
    static func unresolved(in text: String, template: String, model: Any, partials: [String: String]) -> [String] {
        var misses: [String] = []
        var scanner = TagScanner(text: text)
        walk(&scanner, stack: [model], until: nil, template: template, partials: partials, depth: 0, misses: &misses)
        return misses
    }

    private enum Lookup { case missing, absent, value(Any) }

    /// Resolves a dotted name on the stack: `.missing` when no object has the key, `.absent` when the
    /// key exists but holds nil.
    private static func lookup(_ name: String, stack: [Any]) -> Lookup {
        if name == "." { return .value(stack.last!) }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return .missing }
        for object in stack.reversed() {
            switch child(first, of: object) {
            case .missing: continue
            case .absent: return .absent
            case .value(var v):
                for p in parts.dropFirst() {
                    switch child(p, of: v) {
                    case .missing: return .missing
                    case .absent: return .absent
                    case .value(let next): v = next
                    }
                }
                return .value(v)
            }
        }
        return .missing
    }

    private static func child(_ name: String, of object: Any) -> Lookup {
        if let parent = object as? MustacheParent {
            return parent.child(named: name).map(Lookup.value) ?? .missing
        }
        guard let matched = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return .missing }
        let m = Mirror(reflecting: matched.value)
        if m.displayStyle == .optional {
            return m.children.first.map { .value($0.value) } ?? .absent
        }
        return .value(matched.value)
    }

    /// The stacks a section's body renders with, as swift-mustache renders it: once per element of a
    /// sequence, once with the value pushed for an object, once on the same stack for `true`, never
    /// for `false`. An inverted section renders its body once on the same stack when the value is
    /// false, empty or nil.
    private static func bodyStacks(_ value: Any, inverted: Bool, stack: [Any]) -> [[Any]] {
        let contexts = sectionContexts(value)
        let empty = contexts.map(\.isEmpty) ?? !(value as! Bool)
        if inverted { return empty ? [stack] : [] }
        return contexts.map { $0.map { stack + [$0] } } ?? (empty ? [] : [stack])
    }

    private static func sectionContexts(_ value: Any) -> [Any]? {
        if value is Bool { return nil }
        if let seq = value as? any Sequence, !(value is String), !(value is MustacheParent) {
            return Array(seq.map { $0 as Any })
        }
        return [value]
    }

    private static func walk(_ scanner: inout TagScanner, stack: [Any], until closing: String?, template: String,
                             partials: [String: String], depth: Int, misses: inout [String]) {
        while let tag = scanner.next() {
            switch tag.kind {
            case .close:
                if tag.name == closing { return }
            case .comment, .pragma:
                continue
            case .partial:
                guard depth < 8, let text = partials[tag.name] else {
                    misses.append(">\(tag.name) (in \(template))")
                    continue
                }
                var inner = TagScanner(text: text)
                walk(&inner, stack: stack, until: nil, template: tag.name, partials: partials, depth: depth + 1, misses: &misses)
            case .variable:
                if case .missing = lookup(tag.name, stack: stack) { misses.append("\(tag.name) (in \(template))") }
            case .section, .inverted:
                let start = scanner
                var contexts: [[Any]] = []
                switch lookup(tag.name, stack: stack) {
                case .missing:
                    misses.append("#\(tag.name) (in \(template))")
                case .absent:
                    if tag.kind == .inverted { contexts = [stack] }
                case .value(let v):
                    contexts = bodyStacks(v, inverted: tag.kind == .inverted, stack: stack)
                }
                // Check the body with every stack it renders with; a body that does not render for this
                // spec is checked by the fixtures where it does.
                for ctx in contexts {
                    var body = start
                    walk(&body, stack: ctx, until: tag.name, template: template, partials: partials, depth: depth, misses: &misses)
                }
                var skip = start
                skip.skip(to: tag.name)
                scanner = skip
            }
        }
    }
}

/// The tags of a Mustache template with the default delimiters, in order.
struct TagScanner {
    enum Kind { case variable, section, inverted, close, partial, comment, pragma }
    struct Tag { let kind: Kind; let name: String }

    private let scalars: [Character]
    private var index = 0

    init(text: String) { scalars = Array(text) }

    mutating func next() -> Tag? {
        while index + 1 < scalars.count {
            if scalars[index] == "{" && scalars[index + 1] == "{" {
                var start = index + 2
                var triple = false
                if start < scalars.count && scalars[start] == "{" { triple = true; start += 1 }
                var end = start
                while end + 1 < scalars.count && !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
                let body = String(scalars[start..<min(end, scalars.count)]).trimmingCharacters(in: .whitespaces)
                index = end + 2 + (triple && end + 2 < scalars.count && scalars[end + 2] == "}" ? 1 : 0)
                guard let sigil = body.first else { continue }
                let rest = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
                switch sigil {
                case "#": return Tag(kind: .section, name: rest)
                case "^": return Tag(kind: .inverted, name: rest)
                case "/": return Tag(kind: .close, name: rest)
                case ">": return Tag(kind: .partial, name: rest)
                case "!": return Tag(kind: .comment, name: rest)
                case "%": return Tag(kind: .pragma, name: rest)
                case "&": return Tag(kind: .variable, name: rest)
                default: return Tag(kind: .variable, name: body)
                }
            }
            index += 1
        }
        index = scalars.count
        return nil
    }

    /// Moves past the tag that closes the section `name`, counting nested sections of the same name.
    mutating func skip(to name: String) {
        var depth = 0
        while let tag = next() {
            if (tag.kind == .section || tag.kind == .inverted) && tag.name == name { depth += 1 }
            if tag.kind == .close && tag.name == name {
                if depth == 0 { return }
                depth -= 1
            }
        }
    }
}

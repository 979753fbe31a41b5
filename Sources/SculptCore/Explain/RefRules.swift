import Foundation

/// Which parts of the code and which tests serve a spec ref (`entities.post.fields.title.unique`).
///
/// The table is data (`Resources/Explain/refs.json`), the same for every backend: a backend that has
/// no part of a listed name simply cites the others. A ref no rule matches climbs to its parent
/// (`entities.post.fields.title`), as the generated test suites do.
public struct RefRules: Sendable {
    public struct Rule: Codable, Sendable {
        /// Dotted pattern; `{e}` and `{f}` match one component each (an entity, a field).
        public var ref: String
        /// Part keys, with `{e}`/`{f}` filled: `route-create {e}`. `model-entity {e}|{f}` narrows the
        /// part to the lines naming the field.
        public var code: [String]
        /// Test part keys (backends whose tests carry marks).
        public var tests: [String]
        /// The `understood` sentence key of the text catalog.
        public var say: String?
    }

    public let rules: [Rule]

    public init() throws {
        do {
            rules = try JSONDecoder().decode([Rule].self, from: try Resources.data("Explain/refs.json"))
        } catch let e as Resources.Missing { throw e } catch { throw ExplainError.catalog("refs.json: \(error)") }
    }

    /// The rules matching `ref` exactly, with the values bound to their placeholders.
    public func matches(_ ref: String) -> [(rule: Rule, bound: [String: String])] {
        let parts = ref.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var out: [(Rule, [String: String])] = []
        for rule in rules {
            let pattern = rule.ref.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard pattern.count == parts.count else { continue }
            var bound: [String: String] = [:]
            var ok = true
            for (p, v) in zip(pattern, parts) {
                if p.hasPrefix("{"), p.hasSuffix("}") { bound[String(p.dropFirst().dropLast())] = v } else if p != v { ok = false; break }
            }
            if ok { out.append((rule, bound)) }
        }
        return out
    }

    /// `ref` and its ancestors, most specific first, ending with the empty root.
    public static func lineage(_ ref: String) -> [String] {
        var path = ref.split(separator: ".").map(String.init)
        var out: [String] = []
        while !path.isEmpty { out.append(path.joined(separator: ".")); path.removeLast() }
        return out + [""]
    }

    public static func fill(_ key: String, _ bound: [String: String]) -> String {
        var s = key
        for (k, v) in bound { s = s.replacingOccurrences(of: "{\(k)}", with: v) }
        return s
    }
}

import Foundation
import SculptCore

/// The shipped field schema split into one variant per kind of field, as `SpecValidator` judges them.
///
/// The shipped schema describes every field with one object that allows every constraint on every
/// type, so a grammar compiled from it lets a model write `maxLength` on a number, an `enum` with
/// no values or a boolean default on a date: answers the validator then refuses. Here the field
/// schema becomes an `anyOf` of variants, each naming the types it covers and only the properties
/// that can stand together on them, so once the model has written the type the grammar offers only
/// what the validator can accept.
///
/// The variants are not a second copy of the rules: they are found by asking the validator. For
/// each type, every property of the shipped field schema is tried on a one-field spec with a sample
/// value built from that property's own schema; a property the validator refuses on its own is left
/// out, one without which the field is refused (an enum's `allowedValues`) becomes required, the
/// JSON types a `default` may take are those it accepts, and two properties it refuses together (a
/// relation and a default, `minimum` and `exclusiveMinimum`, `unique` and a default) go to
/// different variants. Types with the same variants share them. What depends on values or on other
/// fields (a field defined twice, a default outside its limits) stays with the validator and
/// `AnswerRepair`.
enum FieldVariants {
    /// The `anyOf` replacing `field`, the shipped field schema; `field` itself when it is not shaped
    /// as expected (no `type` enum), so an unexpected schema degrades to the old, looser grammar.
    static func split(_ field: JSON) -> JSON {
        guard case .object(let props)? = field["properties"],
              let types = field["properties"]?["type"]?["enum"]?.array?.compactMap(\.string), !types.isEmpty else { return field }
        let base = Set((field["required"]?.array ?? []).compactMap(\.string))
        var variants: [(types: [String], schema: JSON)] = []
        for type in types {
            for schema in Self.variants(of: type, props: props, base: base, field: field) {
                if let i = variants.firstIndex(where: { $0.schema == schema }) {
                    variants[i].types.append(type)
                } else {
                    variants.append(([type], schema))
                }
            }
        }
        if variants.isEmpty { return field }
        return .object([("anyOf", .array(variants.map { v in withTypes(v.types, v.schema) }))])
    }

    /// The variants for one type: one object schema per largest set of properties the validator
    /// accepts together on a field of that type (empty when no field of this type is accepted).
    static func variants(of type: String, props: [(String, JSON)], base: Set<String>, field: JSON) -> [JSON] {
        let optional = props.map(\.0).filter { !base.contains($0) }
        var samples: [String: [JSON]] = [:]
        for (key, schema) in props where !base.contains(key) { samples[key] = self.samples(schema) }

        // Properties without which the field is refused (none for most types).
        var required: [String] = []
        if !accepts(type, [:]) {
            guard let key = optional.first(where: { k in samples[k]!.contains { accepts(type, [k: $0]) } }) else { return [] }
            required = [key]
        }
        func fixed(_ extra: [String: JSON]) -> [String: JSON] {
            var all = extra
            for k in required where all[k] == nil { all[k] = samples[k]!.first { accepts(type, [k: $0]) } }
            return all
        }
        // Each property alone: the values of it the validator accepts on this type.
        var accepted: [String: [JSON]] = [:]
        for k in optional {
            let ok = samples[k]!.filter { accepts(type, fixed([k: $0])) }
            if !ok.isEmpty { accepted[k] = ok }
        }
        let keys = optional.filter { accepted[$0] != nil }
        // Pairs refused together whatever values each takes (a default of 100 fits under a
        // maxLength of 100 but not of 1: only a pair no sample values reconcile conflicts).
        var conflicts: [String: Set<String>] = [:]
        for (i, a) in keys.enumerated() {
            for b in keys[(i + 1)...] where !required.contains(a) && !required.contains(b) {
                let va = accepted[a]!.filter { $0 != .null }, vb = accepted[b]!.filter { $0 != .null }
                let reconciled = va.isEmpty || vb.isEmpty || va.contains { x in vb.contains { y in accepts(type, fixed([a: x, b: y])) } }
                if !reconciled {
                    conflicts[a, default: []].insert(b)
                    conflicts[b, default: []].insert(a)
                }
            }
        }
        return largestCompatibleSets(keys, conflicts: conflicts).map { set in
            let order = props.map(\.0).filter { base.contains($0) || set.contains($0) }
            var out: [(String, JSON)] = []
            for (k, v) in field.objectPairs where k != "properties" && k != "required" { out.append((k, v)) }
            out.append(("required", .array((props.map(\.0).filter { base.contains($0) } + required).map(JSON.string))))
            out.append(("properties", .object(order.map { k in
                (k, narrowed(props.first { $0.0 == k }!.1, to: accepted[k]))
            })))
            return .object(out)
        }
    }

    /// Every largest set of `keys` with no two in conflict, in `keys` order (Bron–Kerbosch on the
    /// complement; the graphs here have a dozen nodes).
    static func largestCompatibleSets(_ keys: [String], conflicts: [String: Set<String>]) -> [[String]] {
        var found: [Set<String>] = []
        func grow(_ chosen: Set<String>, _ candidates: [String], _ excluded: [String]) {
            if candidates.isEmpty && excluded.isEmpty { found.append(chosen); return }
            var candidates = candidates, excluded = excluded
            while let k = candidates.first {
                let fits = { (x: String) in x != k && !(conflicts[k]?.contains(x) ?? false) }
                grow(chosen.union([k]), candidates.filter(fits), excluded.filter(fits))
                candidates.removeFirst()
                excluded.append(k)
            }
        }
        grow([], keys, [])
        return found.map { set in keys.filter(set.contains) }
    }

    /// The property schema kept to what the validator accepted: a `type` list (the `default`)
    /// narrowed to the JSON types of the accepted samples, `number` to `integer` when only whole
    /// numbers were.
    static func narrowed(_ schema: JSON, to values: [JSON]?) -> JSON {
        guard case .array(let listed)? = schema["type"], let values else { return schema }
        var kept: [JSON] = []
        for t in listed.compactMap(\.string) {
            let ok = values.filter { jsonType($0) == t || (t == "number" && jsonType($0) == "integer") }
            if ok.isEmpty { continue }
            kept.append(.string(t == "number" && ok.allSatisfy { jsonType($0) == "integer" } ? "integer" : t))
        }
        let type: JSON = kept.count == 1 ? kept[0] : .array(kept)
        return .object(schema.objectPairs.map { $0.0 == "type" ? ("type", type) : $0 })
    }

    /// The variant with its `type` property narrowed to the field types it covers.
    static func withTypes(_ types: [String], _ schema: JSON) -> JSON {
        .object(schema.objectPairs.map { k, v in
            guard k == "properties" else { return (k, v) }
            return (k, .object(v.objectPairs.map { pk, pv in
                pk == "type" ? (pk, .object([("enum", .array(types.map(JSON.string)))])) : (pk, pv)
            }))
        })
    }

    // MARK: Asking the validator

    /// The entity a probed field may point at; sample strings name it, so a relation resolves.
    static let parent = "parent"

    /// Values a property's schema allows, to try on a field: a few per JSON type it lists (numbers
    /// whole and not, so an integer-only default shows; small and large, so limits can be met),
    /// within its `minimum`.
    static func samples(_ schema: JSON) -> [JSON] {
        let types: [String]
        switch schema["type"] {
        case .string(let t)?: types = [t]
        case .array(let ts)?: types = ts.compactMap(\.string)
        default: types = []
        }
        return types.flatMap { t -> [JSON] in
            switch t {
            case "string": return [.string(parent)]
            case "boolean": return [.bool(true)]
            case "integer": return [.number(max(schema["minimum"]?.number ?? 1, 1)), .number(100)]
            case "number": return [.number(0), .number(1.5), .number(100)]
            case "null": return [.null]
            case "array": return schema["items"].map { samples($0).prefix(1).map { .array([$0]) } } ?? []
            case "object":
                let required = (schema["required"]?.array ?? []).compactMap(\.string)
                let filled: [(String, JSON)] = required.compactMap { k in schema["properties"]?[k].flatMap { samples($0).first }.map { (k, $0) } }
                return filled.count == required.count ? [.object(filled)] : []
            default: return []
            }
        }
    }

    /// Whether the validator accepts a spec whose one probed field has this type and these
    /// properties (named for the relation it may hold, beside a parent entity to point at).
    static func accepts(_ type: String, _ extra: [String: JSON]) -> Bool {
        var field: [(String, JSON)] = [("name", .string(Relation.fieldName(for: parent))), ("type", .string(type))]
        field += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let spec: JSON = .object([
            ("version", .number(Double(AppSpec.currentVersion))), ("name", .string("probe")), ("title", .string("Probe")),
            ("language", .string("en")),
            ("entities", .array([
                .object([("name", .string(parent)), ("fields", .array([.object([("name", .string("title")), ("type", .string("string"))])]))]),
                .object([("name", .string("child")), ("fields", .array([.object(field)]))]),
            ])),
        ])
        guard let decoded = try? JSONDecoder().decode(AppSpec.self, from: Data(spec.text.utf8)) else { return false }
        return SpecValidator.problems(in: decoded).isEmpty
    }

    static func jsonType(_ v: JSON) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let n): return n == n.rounded() ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSON {
    /// The key-value pairs of an object (empty for anything else).
    var objectPairs: [(String, JSON)] { if case .object(let p) = self { return p } else { return [] } }
}

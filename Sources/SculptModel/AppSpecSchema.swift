import Foundation
import SculptCore

/// The AppSpec JSON Schema, shaped for use as a response schema.
///
/// The shipped `appspec.schema.json` is the contract for people and tools; endpoints that enforce
/// schemas support different subsets of JSON Schema (llama-server compiles it to a grammar and
/// some versions do not follow `$ref`; several providers ignore or reject `$defs`). So the model
/// gets a self-contained variant derived here at run time: references inlined, annotations that
/// only describe dropped, and the parts Sculpt fills in itself (`requirement`, `clauses`) left out.
/// The field schema is split by type (`FieldVariants`), so length limits go only on text, numeric
/// limits only on numbers, and an enum cannot be written without its values.
/// Identifier patterns get an explicit bound so a grammar cannot run away repeating letters. The
/// answer is still validated locally by `SpecValidator`, which checks far more than any schema.
public enum AppSpecSchema {
    /// The shipped schema, as written.
    public static func original() throws -> JSON {
        let text = try Resources.text("appspec.schema.json")
        guard let json = JSON.parse(text) else { throw SpecError.unreadable("appspec.schema.json is not valid JSON") }
        return json
    }

    /// The response schema sent to the model.
    public static func response() throws -> JSON {
        let schema = try original()
        var defs: [String: JSON] = [:]
        if case .object(let pairs)? = schema["$defs"] { for (k, v) in pairs { defs[k] = v } }
        // One variant per kind of field, so the grammar offers only the constraints the validator
        // accepts on the type the model has just written (see FieldVariants).
        if let field = defs["field"] { defs["field"] = FieldVariants.split(field) }
        let inlined = inline(schema, defs: defs, depth: 0)
        return removeProperties(["requirement", "clauses"], from: inlined)
    }

    /// The longest title, label or value the model may write.
    static let freeTextLimit = 120
    /// The most entities, fields, operations or values in one list.
    static let listLimit = 16

    static let dropped: Set<String> = ["$schema", "$id", "$defs", "title", "default", "uniqueItems"]

    /// `properties` says the object is a map from property names to schemas, whose keys (a field
    /// may be called `title` or `default`) are names, not keywords to drop.
    static func inline(_ node: JSON, defs: [String: JSON], depth: Int, properties: Bool = false) -> JSON {
        switch node {
        case .object(let pairs):
            if properties {
                return .object(pairs.map { key, value in
                    // Searchable entries name fields: identifiers, so a grammar keeps them to
                    // lower_snake_case instead of letting free text (and a loop) in.
                    if key == "searchable", value["type"] == .string("array"), value["items"] == .object([("type", .string("string"))]) {
                        var named = value
                        if case .object(var p) = named, let i = p.firstIndex(where: { $0.0 == "items" }) {
                            p[i].1 = .object([("type", .string("string")), ("pattern", .string("^[a-z][a-z0-9_]*$")), ("maxLength", .number(48))])
                            named = .object(p)
                        }
                        return (key, inline(named, defs: defs, depth: depth))
                    }
                    return (key, inline(value, defs: defs, depth: depth))
                })
            }
            if let ref = node["$ref"]?.string, ref.hasPrefix("#/$defs/"), depth < 16,
               let target = defs[String(ref.dropFirst("#/$defs/".count))] {
                // Keep the referring node's description beside the inlined definition.
                var resolved = inline(target, defs: defs, depth: depth + 1)
                if let d = node["description"], case .object(var p) = resolved, resolved["description"] == nil {
                    p.append(("description", d))
                    resolved = .object(p)
                }
                return resolved
            }
            if let subsets = uniqueSubsets(node) { return subsets }
            var out: [(String, JSON)] = []
            if node["type"] == .string("string"), node["maxLength"] == nil, node["pattern"] == nil {
                // Bounded text: a grammar-driven small model otherwise may repeat a word for ever.
                out.append(("maxLength", .number(Double(freeTextLimit))))
            }
            if node["type"] == .string("array"), node["maxItems"] == nil {
                // Bounded lists, for the same reason: a list that never closes is an answer cut off.
                out.append(("maxItems", .number(Double(listLimit))))
            }
            for (k, v) in pairs where !dropped.contains(k) {
                if k == "pattern", let p = v.string {
                    out.append((k, .string(boundPattern(p, maxLength: node["maxLength"]?.number))))
                } else {
                    out.append((k, inline(v, defs: defs, depth: depth, properties: k == "properties")))
                }
            }
            return .object(out)
        case .array(let items):
            return .array(items.map { inline($0, defs: defs, depth: depth) })
        default:
            return node
        }
    }

    /// The most values a set-valued enum array may have to be spelled out as its subsets (31 of 5).
    static let subsetLimit = 5

    /// A list of distinct values from a small enum (an entity's `operations`) as the enum of its
    /// non-empty subsets in schema order. A grammar cannot express `uniqueItems`, and a small model
    /// decoding `["create","list","get","update","delete","update","delete",...]` loops until the list
    /// bound and then fails validation ("an operation is listed twice"); spelled out, every answer
    /// the grammar allows lists each operation at most once, in the order the training data uses.
    static func uniqueSubsets(_ node: JSON) -> JSON? {
        guard node["type"] == .string("array"), node["uniqueItems"] == .bool(true),
              case .array(let values)? = node["items"]?["enum"], values.count <= subsetLimit,
              values.allSatisfy({ $0.string != nil }) else { return nil }
        let minItems = max(1, Int(node["minItems"]?.number ?? 0))
        var subsets: [JSON] = []
        for mask in 1..<(1 << values.count) {
            let chosen = values.indices.filter { mask & (1 << $0) != 0 }.map { values[$0] }
            if chosen.count >= minItems { subsets.append(.array(chosen)) }
        }
        var out: [(String, JSON)] = [("enum", .array(subsets))]
        if let d = node["description"] { out.append(("description", d)) }
        return .object(out)
    }

    /// `^[a-z][a-z0-9_]*$` with maxLength 48 → `^[a-z][a-z0-9_]{0,47}$`.
    static func boundPattern(_ p: String, maxLength: Double?) -> String {
        guard let max = maxLength, p.hasSuffix("]*$"), p.hasPrefix("^[a-z]") else { return p }
        return String(p.dropLast(2)) + "{0,\(Int(max) - 1)}$"
    }

    static func removeProperties(_ names: Set<String>, from schema: JSON) -> JSON {
        guard case .object(var pairs) = schema else { return schema }
        for i in pairs.indices {
            if pairs[i].0 == "properties", case .object(let props) = pairs[i].1 {
                pairs[i].1 = .object(props.filter { !names.contains($0.0) })
            }
            if pairs[i].0 == "required", case .array(let req) = pairs[i].1 {
                pairs[i].1 = .array(req.filter { !names.contains($0.string ?? "") })
            }
        }
        return .object(pairs)
    }
}

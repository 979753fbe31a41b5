import Foundation
import SculptCore
import Testing
@testable import SculptModel

/// A fine-tuned model is trained on `CompactSpec` answers and later decoded with the response
/// schema as its grammar. The two must agree token for token: a key order, list or string the
/// grammar cannot produce is one the model learnt and may not write, so its answer goes astray.
@Suite("Training format fits the decoding grammar")
struct TrainingFormatGrammarTests {
    /// Where `answer` leaves what the grammar compiled from `schema` allows: keys out of the order
    /// llama-server's grammar writes them (required properties first, then the rest, each in schema
    /// order), keys the schema lacks, required keys missing, values outside an enum or of another
    /// JSON type, identifiers off their pattern. Under `anyOf`, the answer fits when one
    /// alternative fits; otherwise the misfits of the closest are given.
    static func misfits(_ answer: JSON, _ schema: JSON, at path: String = "") -> [String] {
        if case .array(let alternatives)? = schema["anyOf"] {
            let tries = alternatives.map { misfits(answer, $0, at: path) }
            return tries.first(where: \.isEmpty) ?? tries.min { $0.count < $1.count } ?? ["\(path): empty anyOf"]
        }
        if case .array(let allowed)? = schema["enum"] {
            return allowed.contains(answer) ? [] : ["\(path): \(answer) is not one of the schema's values"]
        }
        let types: [String]
        switch schema["type"] {
        case .string(let t)?: types = [t]
        case .array(let ts)?: types = ts.compactMap(\.string)
        default: types = []
        }
        if !types.isEmpty && !types.contains(where: { Self.fits(answer, type: $0) }) {
            return ["\(path): \(answer) is not of type \(types)"]
        }
        switch answer {
        case .object(let pairs):
            guard case .object(let props)? = schema["properties"] else { return ["\(path): the schema has no properties here"] }
            let required = Set(schema["required"]?.array?.compactMap(\.string) ?? [])
            let rank = Dictionary(uniqueKeysWithValues: props.enumerated().map { ($1.0, (required.contains($1.0) ? 0 : 1, $0)) })
            var out: [String] = []
            let keys = pairs.map(\.0)
            if let unknown = keys.first(where: { rank[$0] == nil }) { return ["\(path): key '\(unknown)' is not in the schema"] }
            if keys != keys.sorted(by: { rank[$0]! < rank[$1]! }) { out.append("\(path): keys \(keys) are not in grammar order") }
            for r in props.map(\.0) where required.contains(r) && !keys.contains(r) { out.append("\(path): required key '\(r)' is missing") }
            for (k, v) in pairs { out += misfits(v, schema["properties"]![k]!, at: path + "." + k) }
            return out
        case .array(let items):
            guard let itemSchema = schema["items"] else { return [] }
            return items.enumerated().flatMap { misfits($1, itemSchema, at: "\(path)[\($0)]") }
        case .string(let s):
            if let pattern = schema["pattern"]?.string, s.range(of: pattern, options: .regularExpression) == nil {
                return ["\(path): '\(s)' does not match \(pattern)"]
            }
            return []
        default:
            return []
        }
    }

    static func fits(_ value: JSON, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .number(let n)): return n == n.rounded()
        default: return false
        }
    }

    @Test func synthesisedAnswersAreWhatTheGrammarWrites() throws {
        let schema = try AppSpecSchema.response()
        let pairs = RequirementParaphraser(lexicon: try Lexicon.shipped(), variantsPerEntity: 1).pairs()
        #expect(pairs.count > 50)
        for pair in pairs {
            let answer = try #require(JSON.parse(CompactSpec.encode(pair.spec)))
            let problems = Self.misfits(answer, schema)
            #expect(problems.isEmpty, "\(pair.id): \(problems.prefix(3))")
        }
    }

    @Test func misfitsAreFound() throws {
        let schema = try AppSpecSchema.response()
        let outOfOrder = try #require(JSON.parse(#"{"name":"shop","version":1,"entities":[{"name":"item","fields":[{"name":"title","type":"string"}]}]}"#))
        #expect(Self.misfits(outOfOrder, schema).contains { $0.contains("grammar order") })
        let repeated = try #require(JSON.parse(#"{"version":1,"name":"shop","entities":[{"name":"item","fields":[{"name":"title","type":"string"}],"operations":["create","list","create"]}]}"#))
        #expect(Self.misfits(repeated, schema).contains { $0.contains("operations") })
        let freeText = try #require(JSON.parse(#"{"version":1,"name":"shop","entities":[{"name":"item","fields":[{"name":"title","type":"string"}],"searchable":["the title"]}]}"#))
        #expect(Self.misfits(freeText, schema).contains { $0.contains("searchable") })
    }
}

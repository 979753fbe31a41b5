import Foundation

/// Reading and writing `spec.json`: stable key order and indentation, so equal specs give equal bytes.
public enum SpecCoding {
    public static func encode(_ spec: AppSpec) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(spec)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Decodes and validates; errors say where the file is wrong.
    public static func decode(_ data: Data) throws -> AppSpec {
        let spec: AppSpec
        do {
            spec = try JSONDecoder().decode(AppSpec.self, from: data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw SpecError.unreadable("missing '\(key.stringValue)' at \(path(ctx.codingPath))")
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw SpecError.unreadable("wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)")
        } catch let DecodingError.dataCorrupted(ctx) {
            throw SpecError.unreadable(ctx.codingPath.isEmpty ? "not valid JSON" : "\(path(ctx.codingPath)): \(ctx.debugDescription)")
        } catch {
            throw SpecError.unreadable("\(error)")
        }
        try SpecValidator.validate(spec)
        return spec
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}

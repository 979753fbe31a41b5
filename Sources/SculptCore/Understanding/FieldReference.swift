import Foundation

/// Finds which field of an entity a phrase refers to when a later clause names it again:
/// "Patient name" → `patient_name`, "points" → `points_earned`, "学号" → 学生学号's field.
///
/// Clauses that constrain or search fields ("Make, model and year are required", "按学号和姓名查询")
/// name them in short; the field is the one the list already described.
enum FieldReference {
    static let dropEN: Set<String> = ["a", "an", "the", "its", "their", "his", "her", "our", "your", "each", "every", "all", "both",
                                      "field", "fields", "and", "or", "also", "too", "only"]

    /// Words of an English phrase as identifier parts: "the patient's name" → ["patient", "name"].
    static func words(_ phrase: String) -> [String] {
        phrase.lowercased().replacingOccurrences(of: "'s ", with: " ").replacingOccurrences(of: "’s ", with: " ")
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init).filter { !dropEN.contains($0) }
    }

    /// The index of the field `phrase` refers to, or nil.
    static func find(_ phrase: String, in fields: [FieldDraft], index: TermIndex, language: Language) -> Int? {
        let p = phrase.trimmingCharacters(in: CharacterSet(charactersIn: " 　,，、:：.。\"“”'"))
        guard !p.isEmpty else { return nil }
        if language == .zh {
            if let i = fields.firstIndex(where: { $0.label == p }) { return i }
            let lexicon = index.tokens(p).compactMap { $0.field() }
            if lexicon.count == 1, let i = fields.firstIndex(where: { $0.name == lexicon[0] }) { return i }
            let containing = fields.indices.filter { fields[$0].label.contains(p) || p.contains(fields[$0].label) && fields[$0].label.count >= 2 }
            if containing.count == 1 { return containing[0] }
            return containing.first { fields[$0].label.hasSuffix(p) }
        }
        let w = words(p)
        guard !w.isEmpty else { return nil }
        let snake = Identifiers.snake(w)
        if let i = fields.firstIndex(where: { $0.name == snake || $0.label.lowercased() == p.lowercased() }) { return i }
        let singular = Identifiers.snake(w.dropLast() + [Inflection.singulars(of: w.last!).first ?? w.last!])
        if let i = fields.firstIndex(where: { $0.name == singular }) { return i }
        let lexicon = index.tokens(p).compactMap { $0.field() }
        if lexicon.count == 1, let i = fields.firstIndex(where: { $0.name == lexicon[0] }) { return i }
        // Every word of the phrase among the field's words ("points" of points_earned, "date/time" of date_time).
        let candidates = fields.indices.filter { i in
            let fw = Set(fields[i].name.split(separator: "_").map(String.init) + words(fields[i].label))
            return w.allSatisfy { fw.contains($0) || fw.contains(Inflection.singulars(of: $0).first ?? $0) }
        }
        return candidates.count == 1 ? candidates[0] : candidates.first
    }
}

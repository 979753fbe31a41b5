/// English word forms: enough morphology to match "categories" to "category" and "deleting" to "delete".
enum Inflection {
    static let irregularPlurals: [String: String] = [
        "person": "people", "child": "children", "man": "men", "woman": "women", "staff": "staff",
        "news": "news", "series": "series", "data": "data", "info": "info", "equipment": "equipment",
        "inventory": "inventories", "analysis": "analyses", "status": "statuses", "address": "addresses",
    ]

    /// Candidate singular forms of a (possibly) plural noun.
    static func singulars(of w: String) -> [String] {
        if let s = irregularPlurals.first(where: { $0.value == w })?.key { return [s] }
        var out: [String] = []
        if w.hasSuffix("ies"), w.count > 4 { out.append(String(w.dropLast(3)) + "y") }
        if w.hasSuffix("es"), w.count > 3 {
            // "addresses", "boxes", "batches" drop -es; "courses", "prizes", "cases" drop only -s.
            let stem = String(w.dropLast(2))
            if ["ss", "us", "is", "x", "ch", "sh", "zz"].contains(where: stem.hasSuffix) { out.append(stem) }
        }
        if w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is"), w.count > 2 { out.append(String(w.dropLast())) }
        return out
    }

    static func plural(of w: String) -> String {
        if let p = irregularPlurals[w] { return p }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if w.hasSuffix("y"), w.count > 1, !vowels.contains(w[w.index(before: w.index(before: w.endIndex))]) {
            return String(w.dropLast()) + "ies"
        }
        if w.hasSuffix("s") || w.hasSuffix("x") || w.hasSuffix("ch") || w.hasSuffix("sh") || w.hasSuffix("z") { return w + "es" }
        return w + "s"
    }

    /// Candidate base forms of a verb form: creating → create, listing → list, added → add, deletes → delete.
    static func stems(of w: String) -> [String] {
        var out: [String] = []
        for suffix in ["ing", "ed"] where w.hasSuffix(suffix) && w.count > suffix.count + 2 {
            let base = String(w.dropLast(suffix.count))
            out.append(base)
            out.append(base + "e")
            if let last = base.last, base.dropLast().last == last { out.append(String(base.dropLast())) }
        }
        if w.hasSuffix("es"), w.count > 3 { out.append(String(w.dropLast(2))) }
        if w.hasSuffix("s"), w.count > 2 { out.append(String(w.dropLast())) }
        return out
    }
}

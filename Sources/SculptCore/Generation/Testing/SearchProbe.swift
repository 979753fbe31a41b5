/// A search test on one field: two records, and a needle that finds only the first.
///
/// Target-neutral text; each target prints it as its own string literals.
struct SearchProbe: Equatable, Sendable {
    let alpha: String
    let bravo: String
    let needle: String
    /// Whether `alpha` holds `%` and `_` and nothing else searched does, so `q=%` proves escaping.
    let probeWildcards: Bool

    /// The probe for `p` among the other searchable properties, or nil when its values cannot tell
    /// two records apart (a single allowed value, a format other than email, text under 3 characters).
    static func of(_ p: InputProperty, others: [InputProperty]) -> SearchProbe? {
        let s = p.schema
        if !s.choices.isEmpty {
            for a in s.choices {
                if let b = s.choices.first(where: { $0 != a && !$0.lowercased().contains(a.lowercased()) }) {
                    return SearchProbe(alpha: a, bravo: b, needle: a, probeWildcards: false)
                }
            }
            return nil
        }
        guard s.type == .string, s.format == nil || s.format == "email" else { return nil }
        if s.format == "email" {
            return SearchProbe(alpha: "alpha.one@example.com", bravo: "bravo.two@example.org", needle: "PHA.O", probeWildcards: false)
        }
        let lo = s.minLength ?? 0, hi = s.maxLength ?? 200
        func fit(_ t: String) -> String {
            var v = String(t.prefix(hi))
            while v.count < lo { v += "x" }
            return v
        }
        guard hi >= 3 else { return nil }
        let alpha = fit("Alpha%_1"), bravo = fit("Bravo-22")
        let needle = String(alpha.dropFirst().prefix(3)).uppercased()
        let othersClean = others.allSatisfy { o in o.schema.choices.allSatisfy { !$0.contains("%") && !$0.contains("_") } }
        return SearchProbe(alpha: alpha, bravo: bravo, needle: needle,
                           probeWildcards: alpha.contains("%") && alpha.contains("_") && othersClean)
    }
}

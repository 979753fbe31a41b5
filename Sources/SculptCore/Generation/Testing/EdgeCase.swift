/// One constraint test of one request property: the values just across its edge (each must answer
/// 400 naming the field) and just inside it (each must be accepted).
///
/// Computed from the property's typed schema, the same one the servers validate with, so each
/// target's suite breaks each constraint exactly once, at its edge. Its refs include the names the
/// requirement parser gives the same constraint (`positive`, `lengthRange`, `nonNegative`...), so a
/// clause stating it is cited by this test.
struct EdgeCase: Equatable, Sendable {
    /// A stable short name: `required`, `type`, `min_length`, `maximum`, `format`...
    let constraint: String
    /// The spec refs this case proves, relative to the field (`required`, `maxLength`, ...).
    let refs: [String]
    let summary: String
    let rejected: [TestValue]
    let accepted: [TestValue]

    /// The test-plan key of this case for a field (`post.field.title.max_length`).
    static func key(base: String, field: String, constraint: String) -> String { "\(base).\(field).\(constraint)" }

    /// Registers every edge case of `p` in `plan` under `keyBase` with refs under `refBase`; returns
    /// each case with its key, in a stable order.
    static func register(_ p: InputProperty, refBase: String, keyBase: String, plan: TestPlan) -> [(key: String, edge: EdgeCase)] {
        cases(p).map { c in
            let key = key(base: keyBase, field: p.name, constraint: c.constraint)
            plan.add(key, c.summary, refs: c.refs.map { "\(refBase).\($0)" })
            return (key, c)
        }
    }

    /// Where the refs of a sign-up property live in the spec: the identity, the password or a field.
    static func accountRefBase(_ name: String, identity: String) -> String {
        name == identity ? "accounts.identity" : name == "password" ? "accounts.password" : "accounts.fields.\(name)"
    }

    /// The smallest and largest integer a field accepts (up to a 1000-wide range when unbounded).
    static func integerRange(_ s: FieldSchema) -> (Int, Int) {
        let lo: Int
        if let m = s.minimum { lo = Int(m.rounded(.up)) } else if let e = s.exclusiveMinimum { lo = Int(e.rounded(.down)) + 1 } else { lo = 1 }
        let hi = s.maximum.map { Int($0.rounded(.down)) } ?? lo + 1000
        return (lo, max(lo, hi))
    }

    /// Every constraint test of one property, in a stable order.
    static func cases(_ p: InputProperty) -> [EdgeCase] {
        let s = p.schema
        var out: [EdgeCase] = []
        let label = p.label
        let isString = s.type == .string
        if p.required {
            out.append(EdgeCase(constraint: "required", refs: ["required"],
                                summary: "Refuses a body whose \(label) is missing, null\(isString ? " or empty" : "").",
                                rejected: [.missing, .null] + (isString ? [.string("")] : []), accepted: []))
        }
        var wrongTypes: [TestValue]
        var acceptedTypes: [TestValue] = []
        switch s.type {
        case .integer:
            wrongTypes = [.string("7"), .bool(true), .number(2.5), .bigInt]
            if !p.unique { acceptedTypes = [.wholeFloat(integerRange(s).0)] }
        case .number: wrongTypes = [.string("12.5"), .bool(true), .list([.int(1)])]
        case .boolean: wrongTypes = [.string("yes"), .int(1), .int(0)]
        case .string:
            wrongTypes = [.int(123), .bool(true), .list([.string("x")]), .object([TestValue.Pair(key: "x", value: .int(1))])]
        }
        if !p.required { wrongTypes.append(.null) }
        out.append(EdgeCase(constraint: "type", refs: ["type", "integer", "number"], summary: "Refuses a \(label) of the wrong JSON type.",
                            rejected: wrongTypes, accepted: acceptedTypes))
        if isString && s.choices.isEmpty && (s.format == nil || s.format == "email" || s.format == "password") {
            let email = s.format == "email"
            func sized(_ n: Int) -> TestValue? {
                if email { return n >= 14 ? .repeated("a", count: n - 12, suffix: "@example.com") : nil }
                return n == 0 ? .string("") : .repeated("x", count: n)
            }
            if let lo = s.minLength, lo > 1 || !p.required, let below = sized(lo - 1), let at = sized(lo) {
                out.append(EdgeCase(constraint: "min_length", refs: ["minLength", "lengthRange"],
                                    summary: "Refuses a \(label) shorter than \(lo) characters and accepts exactly \(lo).",
                                    rejected: [below], accepted: [at]))
            }
            if let hi = s.maxLength, let above = sized(hi + 1), let at = sized(hi) {
                out.append(EdgeCase(constraint: "max_length", refs: ["maxLength", "lengthRange"],
                                    summary: "Refuses a \(label) longer than \(hi) characters and accepts exactly \(hi).",
                                    rejected: [above], accepted: [at]))
            }
        }
        let isInteger = s.type == .integer
        func num(_ d: Double) -> TestValue { isInteger ? .int(Int(d)) : .number(d) }
        func text(_ v: TestValue) -> String {
            if case .int(let i) = v { return String(i) }
            if case .number(let d) = v { return NumberText.format(d) }
            return ""
        }
        if let m = s.minimum {
            let at = isInteger ? m.rounded(.up) : m
            out.append(EdgeCase(constraint: "minimum", refs: ["minimum", "nonNegative", "range"],
                                summary: "Refuses a \(label) below \(NumberText.format(m)) and accepts \(text(num(at))).",
                                rejected: [num(isInteger ? at - 1 : m - 0.5)], accepted: p.unique ? [] : [num(at)]))
        }
        if let e = s.exclusiveMinimum {
            let above = isInteger ? e.rounded(.down) + 1 : e + 0.01
            var rejected = [num(e.rounded(.down)), num(e.rounded(.down) - 1)]
            if !isInteger && e != e.rounded(.down) { rejected = [num(e)] + rejected }
            out.append(EdgeCase(constraint: "exclusive_minimum", refs: ["exclusiveMinimum", "positive"],
                                summary: "Refuses a \(label) of \(NumberText.format(e)) or less and accepts \(text(num(above))).",
                                rejected: rejected, accepted: p.unique ? [] : [num(above)]))
        }
        if let m = s.maximum {
            let at = isInteger ? m.rounded(.down) : m
            out.append(EdgeCase(constraint: "maximum", refs: ["maximum", "range"],
                                summary: "Refuses a \(label) above \(NumberText.format(m)) and accepts \(text(num(at))).",
                                rejected: [num(isInteger ? at + 1 : m + 0.5)], accepted: p.unique ? [] : [num(at)]))
        }
        if !s.choices.isEmpty {
            var rejected: [TestValue] = [.string("not-a-choice")]
            let upper = s.choices[0].uppercased()
            if !s.choices.contains(upper) { rejected.append(.string(upper)) }
            out.append(EdgeCase(constraint: "allowed_values", refs: ["allowedValues", "enum", "allowed"],
                                summary: "Refuses a \(label) outside its allowed values and accepts each of them.",
                                rejected: rejected, accepted: s.choices.map { .string($0) }))
        }
        switch s.format {
        case "email":
            out.append(EdgeCase(constraint: "format", refs: ["format", "email"],
                                summary: "Refuses a \(label) that is not an email address.",
                                rejected: ["not-an-email", "name@", "@example.com", "a b@example.com", "name@example"].map { .string($0) },
                                accepted: [.string("someone.else@example.com")]))
        case "date":
            out.append(EdgeCase(constraint: "format", refs: ["format", "date"],
                                summary: "Refuses a \(label) that is not a YYYY-MM-DD date, and returns a valid one as sent.",
                                rejected: ["2023-02-29", "2024-13-01", "17/05/2024", "20240517", "2024-05-17T10:00:00Z"].map { .string($0) },
                                accepted: (p.unique ? ["2024-02-29"] : ["2024-02-29", "1999-12-31"]).map { .string($0) }))
        case "date-time":
            out.append(EdgeCase(constraint: "format", refs: ["format", "datetime"],
                                summary: "Refuses a \(label) that is not an ISO 8601 date and time, and returns a valid one as sent.",
                                rejected: ["2024-05-17", "yesterday", "2024-05-17T25:00:00Z", "2024-02-30T10:00:00Z"].map { .string($0) },
                                accepted: ["2024-05-17T09:30:00Z", "2024-05-18T09:30:00.250000Z"].map { .string($0) }))
        default: break
        }
        return out
    }
}

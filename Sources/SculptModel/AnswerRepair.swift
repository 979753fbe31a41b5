import SculptCore

/// Mends the mechanical slips a model makes in an AppSpec answer, before it is validated.
///
/// A JSON-schema grammar guarantees the shape of an answer, not its consistency: a small model
/// defines a field twice, searches on a name that is no field, gives a date field the default
/// `false`. Each of these has exactly one sensible reading (keep the first definition, drop the
/// search entry, drop the default), so sending the answer back for a correction (which a
/// 135M-parameter model rarely acts on) wastes a minute to learn nothing. Only such slips are
/// mended: nothing is invented, only contradictory parts are removed (or the version raised to
/// what the spec uses, an enum with no values read as the text field it is), and every repair is
/// described so the user sees it in the report. A spec the validator accepts is never touched.
public enum AnswerRepair {
    /// The spec with its slips mended, and one line per repair (empty when nothing was changed).
    public static func mend(_ spec: AppSpec) -> (spec: AppSpec, repairs: [String]) {
        if SpecValidator.problems(in: spec).isEmpty { return (spec, []) }
        var spec = spec
        var repairs: [String] = []

        var seenEntities = Set<String>()
        spec.entities = spec.entities.filter { e in
            if seenEntities.insert(e.name).inserted { return true }
            repairs.append("entity '\(e.name)' was defined twice; kept the first definition")
            return false
        }
        for i in spec.entities.indices {
            let name = spec.entities[i].name
            mendFields(&spec.entities[i].fields, owner: "entity '\(name)'", repairs: &repairs)
            mendEntity(&spec.entities[i], repairs: &repairs)
        }
        let entityNames = Set(spec.entities.map(\.name))
        for i in spec.entities.indices {
            let e = spec.entities[i]
            for j in e.fields.indices {
                guard let r = e.fields[j].relation else { continue }
                if !entityNames.contains(r.entity) {
                    spec.entities[i].fields[j].relation = nil
                    repairs.append("entity '\(e.name)': field '\(e.fields[j].name)' pointed at '\(r.entity)', which is no entity; dropped the relation")
                } else if r.entity == e.name {
                    spec.entities[i].fields[j].relation = nil
                    repairs.append("entity '\(e.name)': field '\(e.fields[j].name)' pointed at its own entity; dropped the relation")
                }
            }
        }
        if var accounts = spec.accounts {
            mendFields(&accounts.fields, owner: "accounts", repairs: &repairs, taken: [accounts.identity.name])
            spec.accounts = accounts
        }
        if spec.version < spec.neededVersion && spec.version >= 1 {
            repairs.append("version \(spec.version) cannot state relations, roles, permissions or actions; raised it to \(spec.neededVersion)")
            spec.version = spec.neededVersion
        }
        return (spec, repairs)
    }

    /// Fields: reserved names dropped, each name once (the first kept), constraints that do not
    /// apply to the field's type dropped, defaults that do not fit dropped.
    static func mendFields(_ fields: inout [Field], owner: String, repairs: inout [String], taken: Set<String> = []) {
        var seen = taken
        fields = fields.filter { f in
            if reservedFieldNames.contains(f.name) {
                repairs.append("\(owner): dropped field '\(f.name)', which the generated code provides itself")
                return false
            }
            if !seen.insert(f.name).inserted {
                repairs.append("\(owner): field '\(f.name)' was defined twice; kept the first definition")
                return false
            }
            return true
        }
        for i in fields.indices {
            let at = "\(owner): field '\(fields[i].name)'"
            if fields[i].type == .enumeration && (fields[i].allowedValues ?? []).isEmpty {
                // Nothing to choose from: what the answer does say is a field of free text (so
                // its length limits, if any, now apply).
                fields[i].type = .string
                fields[i].allowedValues = nil
                repairs.append("\(at) is an enum with no allowed values; made it a string field")
            }
            let f = fields[i]
            if (f.minLength != nil || f.maxLength != nil) && !f.isText {
                fields[i].minLength = nil
                fields[i].maxLength = nil
                repairs.append("\(at) is \(f.type.rawValue); dropped its length limits, which apply to text")
            }
            if (f.minimum != nil || f.maximum != nil || f.exclusiveMinimum != nil) && !f.type.isNumeric {
                fields[i].minimum = nil
                fields[i].maximum = nil
                fields[i].exclusiveMinimum = nil
                repairs.append("\(at) is \(f.type.rawValue); dropped its numeric limits, which apply to numbers")
            }
            if f.unique && f.type == .boolean {
                fields[i].unique = false
                repairs.append("\(at) is a boolean, which cannot be unique; dropped 'unique'")
            }
            if let values = f.allowedValues, f.type == .enumeration, Set(values).count != values.count {
                var once = Set<String>()
                fields[i].allowedValues = values.filter { once.insert($0).inserted }
                repairs.append("\(at) listed an allowed value twice; kept each once")
            }
            if let d = fields[i].defaultValue, let why = misfit(d, of: fields[i]) {
                fields[i].defaultValue = nil
                repairs.append("\(at): dropped the default \(describe(d)), \(why)")
            }
        }
    }

    /// Operations listed once, search only on text fields of the entity (and only with the list
    /// operation), permissions only for operations the entity has.
    static func mendEntity(_ e: inout Entity, repairs: inout [String]) {
        let at = "entity '\(e.name)'"
        if Set(e.operations).count != e.operations.count {
            var once = Set<EntityOperation>()
            e.operations = e.operations.filter { once.insert($0).inserted }
            repairs.append("\(at) listed an operation twice; kept each once")
        }
        let entity = e
        var dropped: [String] = []
        e.searchable = e.searchable.filter { s in
            guard let f = entity.field(named: s), f.isText || f.type == .enumeration else {
                if !dropped.contains(s) { dropped.append(s) }
                return false
            }
            return true
        }
        if !dropped.isEmpty {
            repairs.append("\(at): dropped search on " + dropped.map { "'\($0)'" }.joined(separator: ", ") + ", which \(dropped.count == 1 ? "is" : "are") not a text field of it")
        }
        if !e.searchable.isEmpty && !e.supports(.list) {
            repairs.append("\(at) has no list operation to search in; dropped search on " + e.searchable.map { "'\($0)'" }.joined(separator: ", "))
            e.searchable = []
        }
        for op in EntityOperation.allCases where e.permissions[op] != nil && !e.supports(op) {
            e.permissions[op] = nil
            repairs.append("\(at) has no '\(op.rawValue)' operation; dropped the permission for it")
        }
    }

    /// Names the generated code gives its own columns.
    static var reservedFieldNames: Set<String> { SpecValidator.reservedFieldNames }

    /// Why a default cannot stand on this field (the validator's default rules), nil when it fits.
    static func misfit(_ d: JSONValue, of f: Field) -> String? {
        if f.unique && d != .null { return "as a unique field cannot have one" }
        switch (f.type, d) {
        case (_, .null):
            return f.required ? "as a required field cannot default to null" : nil
        case (.boolean, .bool): return nil
        case (.integer, .number(let n)):
            return n != n.rounded() ? "which is not a whole number" : outOfRange(n, f)
        case (.number, .number(let n)): return outOfRange(n, f)
        case (.enumeration, .string(let s)):
            return (f.allowedValues ?? []).contains(s) ? nil : "which is not among the allowed values"
        case (.string, .string(let s)), (.text, .string(let s)), (.email, .string(let s)), (.date, .string(let s)), (.datetime, .string(let s)):
            if let lo = f.minLength, s.count < lo { return "which is shorter than minLength \(lo)" }
            if let hi = f.maxLength, s.count > hi { return "which is longer than maxLength \(hi)" }
            return nil
        default:
            return "which does not match type \(f.type.rawValue)"
        }
    }

    static func outOfRange(_ n: Double, _ f: Field) -> String? {
        if let lo = f.minimum, n < lo { return "which is below the minimum" }
        if let lo = f.exclusiveMinimum, n <= lo { return "which is not above the minimum" }
        if let hi = f.maximum, n > hi { return "which is above the maximum" }
        return nil
    }

    static func describe(_ d: JSONValue) -> String {
        switch d {
        case .string(let s): return CodeLiteral.json(s)
        case .number(let n): return NumberText.format(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

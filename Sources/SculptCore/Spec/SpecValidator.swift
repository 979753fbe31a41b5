import Foundation

/// Rejects specs that contradict themselves, before any code is generated from them.
///
/// Every understander's output passes through here, so a generator may rely on what it checks:
/// identifiers are valid and distinct, constraints are consistent, references resolve.
public enum SpecValidator {
    /// Identifiers that generated code reserves for itself.
    public static let reservedFieldNames: Set<String> = ["id", "owner_id", "created_at", "updated_at", "password", "password_hash"]
    static let reservedEntityNames: Set<String> = ["auth", "health", "api", "static", "account", "accounts"]

    /// All problems found, empty when the spec is sound.
    public static func problems(in spec: AppSpec) -> [SpecProblem] {
        var out: [SpecProblem] = []
        func add(_ path: String, _ message: String) { out.append(SpecProblem(path: path, message: message)) }

        if !(1...AppSpec.currentVersion).contains(spec.version) {
            add("version", "version \(spec.version) is not supported; this sculpt reads versions 1 to \(AppSpec.currentVersion)")
        } else if spec.version < spec.neededVersion {
            add("version", "relations, roles, permissions and actions need version 2; this spec says version \(spec.version)")
        }
        if !isIdentifier(spec.name) { add("name", "'\(spec.name)' is not a lower_snake_case identifier") }
        if spec.entities.isEmpty && spec.accounts == nil {
            add("entities", "nothing to build: no entities and no accounts")
        }
        if let accounts = spec.accounts {
            let id = accounts.identity
            if !["username", "email"].contains(id.name) && id.type != .email && id.type != .string {
                add("accounts.identity", "the identity must be a username or an email address field")
            }
            if !id.unique { add("accounts.identity.unique", "the account identity '\(id.name)' must be unique") }
            if !id.required { add("accounts.identity.required", "the account identity '\(id.name)' must be required") }
            if accounts.password.minLength < 1 { add("accounts.password.minLength", "must be at least 1") }
            if accounts.password.maxLength > 1024 { add("accounts.password.maxLength", "must be at most 1024 (hashing cost)") }
            if accounts.password.minLength > accounts.password.maxLength {
                add("accounts.password", "minLength \(accounts.password.minLength) is greater than maxLength \(accounts.password.maxLength)")
            }
            if accounts.profile && !accounts.login { add("accounts.profile", "a profile needs login to know who is asking") }
            if accounts.tokenHours < 1 { add("accounts.tokenHours", "must be at least 1") }
            checkFields(accounts.signUpFields, at: "accounts.fields", add: add)
            let uniques = accounts.fields.filter { $0.unique && ($0.type == .email || $0.name == "username") }
            for f in uniques { add("accounts.fields.\(f.name)", "a second unique identity ('\(f.name)' beside '\(id.name)'): choose one") }
        }
        var entityNames = Set<String>(), plurals = Set<String>()
        for (i, e) in spec.entities.enumerated() {
            let at = "entities[\(i)] (\(e.name))"
            if !isIdentifier(e.name) { add(at, "'\(e.name)' is not a lower_snake_case identifier") }
            if !isIdentifier(e.plural) { add(at + ".plural", "'\(e.plural)' is not a lower_snake_case identifier") }
            if reservedEntityNames.contains(e.name) || reservedEntityNames.contains(e.plural) {
                add(at, "'\(e.name)' is reserved by the generated application; choose another name")
            }
            if spec.accounts != nil && (e.name == "user" || e.plural == "users") {
                add(at, "'user' is the account itself; put profile fields under accounts.fields")
            }
            if !entityNames.insert(e.name).inserted { add(at, "entity '\(e.name)' is defined twice") }
            if !plurals.insert(e.plural).inserted { add(at + ".plural", "plural '\(e.plural)' is used twice") }
            if e.fields.isEmpty { add(at + ".fields", "an entity needs at least one field") }
            if e.operations.isEmpty { add(at + ".operations", "an entity needs at least one operation") }
            if Set(e.operations).count != e.operations.count { add(at + ".operations", "an operation is listed twice") }
            let madeByAction = spec.entities.contains { $0.actions.contains { $0.createdEntity == e.name } }
            if e.operations.contains(where: { $0 != .create }) && !e.operations.contains(.create) && !e.operations.isEmpty && !madeByAction {
                // Reading or changing entities that nobody can create is allowed only with seeding, which v1 lacks.
                add(at + ".operations", "'\(e.name)' can be read or changed but never created; add 'create' or an action that creates it")
            }
            checkFields(e.fields, at: at + ".fields", add: add)
            for s in e.searchable {
                guard let f = e.field(named: s) else {
                    add(at + ".searchable", "search on '\(s)', which is not a field of \(e.name)")
                    continue
                }
                if !(f.isText || f.type == .enumeration) { add(at + ".searchable", "search on '\(s)', which is not text") }
            }
            if !e.searchable.isEmpty && !e.supports(.list) { add(at + ".searchable", "search needs the list operation") }
            if e.access.read != .anyone || e.access.write != .anyone {
                if spec.accounts == nil {
                    add(at + ".access", "'\(e.name)' is restricted to signed-in users or owners, but the app has no accounts")
                } else if spec.accounts?.login == false {
                    add(at + ".access", "'\(e.name)' is restricted, but accounts have no login")
                }
            }
            if e.access.read == .owner && e.access.write != .owner {
                add(at + ".access", "private reading with shared writing is contradictory: owners only may read, so only owners may write")
            }
        }
        out += ContractV2Rules.problems(in: spec)
        return out
    }

    /// Throws `SpecError.invalid` listing every problem, or returns when the spec is sound.
    public static func validate(_ spec: AppSpec) throws {
        let found = problems(in: spec)
        if !found.isEmpty { throw SpecError.invalid(found) }
    }

    static func checkFields(_ fields: [Field], at: String, add: (String, String) -> Void) {
        var names = Set<String>()
        for f in fields {
            let p = "\(at).\(f.name)"
            if !isIdentifier(f.name) { add(p, "'\(f.name)' is not a lower_snake_case identifier") }
            if reservedFieldNames.contains(f.name) { add(p, "'\(f.name)' is reserved by the generated code") }
            if !names.insert(f.name).inserted { add(p, "field '\(f.name)' is defined twice") }
            if (f.minLength != nil || f.maxLength != nil) && !f.isText {
                add(p, "length limits apply to text, but '\(f.name)' is \(f.type.rawValue)")
            }
            if (f.minimum != nil || f.maximum != nil || f.exclusiveMinimum != nil) && !f.type.isNumeric {
                add(p, "numeric limits apply to numbers, but '\(f.name)' is \(f.type.rawValue)")
            }
            if let lo = f.minLength, lo < 0 { add(p, "minLength must not be negative") }
            if let lo = f.minLength, let hi = f.maxLength, lo > hi { add(p, "minLength \(lo) is greater than maxLength \(hi)") }
            if let hi = f.maxLength, hi < 1 { add(p, "maxLength must be at least 1") }
            let lower = f.exclusiveMinimum ?? f.minimum
            if let lo = lower, let hi = f.maximum, lo > hi || (f.exclusiveMinimum != nil && lo == hi) {
                add(p, "no value fits between the minimum \(fmt(lo)) and the maximum \(fmt(hi))")
            }
            if f.minimum != nil && f.exclusiveMinimum != nil { add(p, "give minimum or exclusiveMinimum, not both") }
            if f.type == .enumeration {
                if (f.allowedValues ?? []).isEmpty { add(p, "an enum field needs allowedValues") }
                if Set(f.allowedValues ?? []).count != (f.allowedValues ?? []).count { add(p, "allowedValues repeat a value") }
            } else if f.allowedValues != nil {
                add(p, "allowedValues need type 'enum'")
            }
            if f.unique && f.type == .boolean { add(p, "a boolean cannot be unique") }
            if let d = f.defaultValue { checkDefault(d, of: f, at: p, add: add) }
        }
    }

    static func checkDefault(_ d: JSONValue, of f: Field, at p: String, add: (String, String) -> Void) {
        switch (f.type, d) {
        case (_, .null):
            if f.required { add(p + ".default", "a required field cannot default to null") }
        case (.boolean, .bool): break
        case (.integer, .number(let n)):
            if n != n.rounded() { add(p + ".default", "default \(n) is not a whole number") }
            checkRange(n, f, p, add)
        case (.number, .number(let n)): checkRange(n, f, p, add)
        case (.enumeration, .string(let s)):
            if !(f.allowedValues ?? []).contains(s) { add(p + ".default", "default '\(s)' is not among the allowed values") }
        case (.string, .string(let s)), (.text, .string(let s)), (.email, .string(let s)), (.date, .string(let s)), (.datetime, .string(let s)):
            if let lo = f.minLength, s.count < lo { add(p + ".default", "default is shorter than minLength \(lo)") }
            if let hi = f.maxLength, s.count > hi { add(p + ".default", "default is longer than maxLength \(hi)") }
        default:
            add(p + ".default", "the default does not match type \(f.type.rawValue)")
        }
        if f.unique && d != .null { add(p + ".default", "a unique field cannot have a default") }
    }

    static func checkRange(_ n: Double, _ f: Field, _ p: String, _ add: (String, String) -> Void) {
        if let lo = f.minimum, n < lo { add(p + ".default", "default \(fmt(n)) is below the minimum \(fmt(lo))") }
        if let lo = f.exclusiveMinimum, n <= lo { add(p + ".default", "default \(fmt(n)) is not above \(fmt(lo))") }
        if let hi = f.maximum, n > hi { add(p + ".default", "default \(fmt(n)) is above the maximum \(fmt(hi))") }
    }

    /// lower_snake_case ASCII, starting with a letter, at most 48 characters.
    public static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first), s.count <= 48 else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && !s.hasSuffix("_") && !s.contains("__")
    }

    static func fmt(_ d: Double) -> String { NumberText.format(d) }
}

/// One thing wrong with a spec, located by a path a person can follow.
public struct SpecProblem: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

public enum SpecError: Error, Equatable, CustomStringConvertible {
    case invalid([SpecProblem])
    case unreadable(String)

    public var description: String {
        switch self {
        case .invalid(let problems):
            return "the app spec is not valid:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .unreadable(let why):
            return "the app spec cannot be read: \(why)"
        }
    }
}

import Foundation

/// The answer format a model is trained on and writes: the AppSpec as minified JSON with every
/// value left out that the decoder would fill in anyway (labels equal to the name, `plural` as
/// name + "s", all five operations, open access, false flags, the default password policy).
///
/// A 135M-parameter model writes about 30 tokens a second here, so every token it need not write
/// is time saved and a chance of error removed. Keys are in the order llama-server's JSON-schema
/// grammar allows (required properties first, then the others, each in schema order), so the
/// trained format and the grammar-constrained decoding agree. The result decodes with
/// `SpecCoding.decode` to the same spec (a test checks the round trip).
public enum CompactSpec {
    public static func encode(_ spec: AppSpec) -> String {
        var top: [(String, String)] = [("version", "\(spec.version)"), ("name", quote(spec.name))]
        top.append(("entities", "[" + spec.entities.map(entity).joined(separator: ",") + "]"))
        if spec.title != spec.name { top.append(("title", quote(spec.title))) }
        top.append(("language", quote(spec.language.rawValue)))
        if let a = spec.accounts { top.append(("accounts", accounts(a))) }
        return object(top)
    }

    static func entity(_ e: Entity) -> String {
        var out: [(String, String)] = [("name", quote(e.name)), ("fields", "[" + e.fields.map(field).joined(separator: ",") + "]")]
        if e.plural != e.name + "s" { out.append(("plural", quote(e.plural))) }
        if e.label != e.name { out.append(("label", quote(e.label))) }
        if e.operations != EntityOperation.allCases { out.append(("operations", "[" + e.operations.map { quote($0.rawValue) }.joined(separator: ",") + "]")) }
        if !e.searchable.isEmpty { out.append(("searchable", "[" + e.searchable.map(quote).joined(separator: ",") + "]")) }
        if e.access != .open { out.append(("access", object([("read", quote(e.access.read.rawValue)), ("write", quote(e.access.write.rawValue))]))) }
        if !e.permissions.isEmpty {
            out.append(("permissions", object(EntityOperation.allCases.compactMap { op in e.permissions[op].map { (op.rawValue, grants($0)) } })))
        }
        if !e.actions.isEmpty { out.append(("actions", "[" + e.actions.map(action).joined(separator: ",") + "]")) }
        return object(out)
    }

    static func grants(_ g: [Grant]) -> String { "[" + g.map { quote($0.description) }.joined(separator: ",") + "]" }

    static func action(_ a: DomainAction) -> String {
        var out: [(String, String)] = [("name", quote(a.name))]
        if a.label != a.name { out.append(("label", quote(a.label))) }
        if a.access != [.signedIn] { out.append(("access", grants(a.access))) }
        if !a.preconditions.isEmpty {
            out.append(("preconditions", "[" + a.preconditions.map { p in
                var rule: [(String, String)] = [("field", quote(p.field)), ("op", quote(p.op.rawValue))]
                switch p.value {
                case .constant(let v): rule.append(("value", json(v)))
                case .field(let f): rule.append(("value", object([("field", quote(f))])))
                }
                if let m = p.message { rule.append(("message", quote(m))) }
                return object(rule)
            }.joined(separator: ",") + "]"))
        }
        if !a.effects.isEmpty {
            out.append(("effects", "[" + a.effects.map { e in
                switch e {
                case .set(let f, let v): return object([("kind", quote("set")), ("field", quote(f)), ("value", json(v))])
                case .increment(let f, let by):
                    return object([("kind", quote("increment")), ("field", quote(f))] + (by == 1 ? [] : [("by", number(by))]))
                case .create(let entity): return object([("kind", quote("create")), ("entity", quote(entity))])
                }
            }.joined(separator: ",") + "]"))
        }
        if a.oncePerUser { out.append(("oncePerUser", "true")) }
        return object(out)
    }

    static func field(_ f: Field) -> String {
        var out: [(String, String)] = [("name", quote(f.name)), ("type", quote(f.type.rawValue))]
        // An enum's values right after its type: the decoding grammar requires them there (they
        // are required, and required properties come first), so the model learns that order.
        let values = f.allowedValues.map { "[" + $0.map(quote).joined(separator: ",") + "]" }
        if f.type == .enumeration, let v = values { out.append(("allowedValues", v)) }
        if f.label != f.name { out.append(("label", quote(f.label))) }
        if f.required { out.append(("required", "true")) }
        if f.unique { out.append(("unique", "true")) }
        if let v = f.minLength { out.append(("minLength", "\(v)")) }
        if let v = f.maxLength { out.append(("maxLength", "\(v)")) }
        if let v = f.minimum { out.append(("minimum", number(v))) }
        if let v = f.exclusiveMinimum { out.append(("exclusiveMinimum", number(v))) }
        if let v = f.maximum { out.append(("maximum", number(v))) }
        if f.type != .enumeration, let v = values { out.append(("allowedValues", v)) }
        if let v = f.defaultValue { out.append(("default", json(v))) }
        if let r = f.relation {
            out.append(("relation", object([("entity", quote(r.entity))] + (r.onDelete == .restrict ? [] : [("onDelete", quote(r.onDelete.rawValue))]))))
        }
        return object(out)
    }

    static func accounts(_ a: Accounts) -> String {
        var out: [(String, String)] = [("identity", field(a.identity))]
        let p = a.password
        if p != PasswordPolicy() {
            out.append(("password", object([("minLength", "\(p.minLength)"), ("maxLength", "\(p.maxLength)"), ("label", quote(p.label))])))
        }
        if !a.fields.isEmpty { out.append(("fields", "[" + a.fields.map(field).joined(separator: ",") + "]")) }
        if !a.login { out.append(("login", "false")) }
        if a.profile != a.login { out.append(("profile", a.profile ? "true" : "false")) }
        if a.tokenHours != 24 { out.append(("tokenHours", "\(a.tokenHours)")) }
        if !a.roles.isEmpty {
            out.append(("roles", "[" + a.roles.map { r in
                object([("name", quote(r.name))] + (r.label == r.name ? [] : [("label", quote(r.label))]))
            }.joined(separator: ",") + "]"))
        }
        return object(out)
    }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func number(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }

    static func json(_ v: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(v)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// A JSON string literal; non-ASCII text is written as is (fewer tokens than \u escapes).
    public static func quote(_ s: String) -> String { CodeLiteral.json(s) }
}

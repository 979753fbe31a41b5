/// The sentence a failed precondition answers with, in the spec's language, computed once here so
/// every backend, the page, the README and the tests say the same words.
///
/// The requirement's own words win ("库存为0时不能借"); otherwise the rule is read out from the catalog
/// (`rule.>`: "{field} must be greater than {value}", "库存数量必须大于0").
public enum RuleWording {
    public static func message(_ rule: Precondition, of entity: Entity, catalog: MessageCatalog) -> String {
        if let own = rule.message?.trimmingCharacters(in: .whitespacesAndNewlines), !own.isEmpty { return own }
        let label = entity.field(named: rule.field)?.label ?? rule.field
        let value: String
        switch rule.value {
        case .field(let other): value = entity.field(named: other)?.label ?? other
        case .constant(let v): value = text(v)
        }
        return catalog.text("rule.\(rule.op.rawValue)", ["field": label, "value": value])
    }

    static func text(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return s
        case .number(let n): return NumberText.format(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

import Foundation

/// "each issue belongs to a project": a link read from the requirement, settled once every entity is known.
struct RelationDraft {
    var child: String
    var parent: String
    /// Stated by the requirement ("deleting a project deletes its issues"); nil when it was silent.
    var onDelete: OnDelete?
    var text: String
}

/// What an action's rule names, before its field is settled against the entity's fields.
enum RuleDraft {
    /// "借书时库存减一", "a like adds one to the like count": add `by` to the field a phrase names.
    case increment(phrase: String, by: Double)
    /// "库存为0时不能借" (stock > 0), "only while it is pending", "人数达到容量就不能再报名".
    case precondition(phrase: String?, op: Comparison, value: RuleValue)
    /// "租车后状态变为已租出", "approving sets the status to approved".
    case set(phrase: String?, value: String)
    /// "每次借书生成一条借阅记录": a record of another entity.
    case create(entity: String)
    /// "每人每个投票只能投一次", "can like a photo once".
    case once
}

/// The right side of a rule as written: a number, a word (a value or a flag), or another field.
enum RuleValue {
    case number(Double)
    case text(String)
    case field(String)
}

/// A verb acting on one record ("借书", "like", "approve"), with the rules the requirement gave it.
struct ActionDraft {
    var name: String
    var label: String
    /// The entity named as the verb's object, if any.
    var object: String?
    /// The entity being described when the verb appeared (used when no object was named).
    var context: String?
    var access: [Grant]
    var rules: [RuleDraft] = []
    /// A standard operation's word (cancel): kept as an action only when it has a rule.
    var crud: Bool
    /// The words that named it ("借书", "apply to adopt"), so later clauses can refer to it.
    var surfaces: [String]
    var text: String
    /// A role named in `access` that the requirement must define.
    var roles: [DomainLexicon.RoleWord] = []
}

/// Who may call an operation, as the requirement worded it ("只有管理员可以删除").
struct RoleGrant {
    var role: DomainLexicon.RoleWord
    var entity: String
    var operations: Set<EntityOperation>
    /// "the owner or an admin": the owner passes too.
    var orOwner: Bool
    var text: String
    /// "only admins can…": the rights are the role's alone.
    var only: Bool
}

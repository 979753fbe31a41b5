/// What the generated tests print for contract v2: relations (unknown parent, list filter, cascade or
/// restrict), roles (401, 403, a role asked for at sign-up, the admin account) and domain actions
/// (success and effect, broken rule, once per user, unknown id, eight racing callers).
///
/// Tokens are Swift expressions: who may call an operation decides which account a test signs in.
enum HummingbirdTestTokens {
    /// The token expression of a caller `grants` let through on a record that caller created:
    /// `nil` for anyone, a fresh user where every signed-in user or an owner passes, else the admin.
    static func caller(_ grants: [Grant]) -> String {
        if grants.allowsAnyone { return "nil" }
        if grants.allowsEverySignedIn || grants.contains(.owner) { return "try await signIn(client)" }
        return "try await signInAdmin(client)"
    }

    /// Whether only holders of a role (or the record's owner) pass: plain users get 403.
    static func reservedToRoles(_ grants: [Grant]) -> Bool {
        !grants.allowsEverySignedIn && !grants.roleNames.isEmpty
    }
}

/// Swift literals of rule values, for the generated XCTest bodies.
extension RuleScalar {
    /// The Swift literal in a `[String: Any]` body.
    func literal(integer: Bool) -> String {
        switch self {
        case .number(let d): return integer || d == d.rounded() ? String(Int(d)) : SwiftCode.number(d)
        case .text(let s): return SwiftCode.string(s)
        case .flag(let b): return b ? "true" : "false"
        }
    }
}

extension ActionRuleMath {
    /// A body override literal: `["stock": 1, "status": "open"]`, or `[:]`.
    func literal(_ values: [String: RuleScalar]) -> String {
        guard !values.isEmpty else { return ":" }
        return values.keys.sorted().map { k in
            "\(SwiftCode.string(k)): \(values[k]!.literal(integer: entity.field(named: k)?.type == .integer))"
        }.joined(separator: ", ")
    }
}



/// The relation tests of one child field.
struct HummingbirdRelationTestModel {
    /// Whether the child is created by POST, so the unknown-parent and filter test runs.
    let hasRelationTest: Bool
    let doc: String
    let onDeleteDoc: String
    let field: String
    let function: String
    let parentType: String
    let parentUrl: String
    let childToken: String
    let hasList: Bool
    /// The cascade or restrict test, when the parent can be deleted and a child made.
    let hasOnDelete: Bool
    let cascade: Bool
    let restrict: Bool
    let parentValues: String
    let deleteToken: String
    /// The child comes from a POST of its own, or from an action on the parent (a loan from `borrow`).
    let viaCreate: Bool
    let viaAction: Bool
    let actionVerb: String
    let childHasGet: Bool
    let childHasList: Bool
    let parentHasGet: Bool
    let parentGetToken: String
    let childGetToken: String
}

/// The role test of one entity: every operation reserved to a role.
struct HummingbirdRoleTestModel {
    let doc: String
    let createReserved: Bool
    let updateReserved: Bool
    let deleteReserved: Bool
    let getReserved: Bool
    let listReserved: Bool
    /// Actions reserved to a role: 401, 403 for plain users and for one who asked for a role.
    let actions: [String]
}

/// The tests of one domain action.
struct HummingbirdActionTestModel {
    let verb: String
    let function: String
    let doc: String
    let preconditionDoc: String
    let onceDoc: String
    let raceDoc: String
    let satisfying: String
    let actorLine: String
    let needsToken: Bool
    let status: String
    let increments: [HummingbirdEffectCheck]
    let sets: [HummingbirdEffectCheck]
    let creates: [HummingbirdCreatedCheck]
    let hasPrecondition: Bool
    let violating: String
    let message: String
    let oncePerUser: Bool
    let hasRace: Bool
    /// One caller racing itself (only one account may act), or eight users.
    let raceActor: String
}

struct HummingbirdEffectCheck {
    let field: String
    let value: String
}

struct HummingbirdCreatedCheck {
    let createdUrl: String
    let relationField: String
    let answersCreated: Bool
    let listToken: String
}

/// A role an account may hold (`admin`, `teacher`), granting operations plain users may not call.
///
/// Roles are never granted at sign-up; the generated server gives every role to the one account
/// named by `ADMIN_USERNAME` / `ADMIN_PASSWORD` at start (CONTRACT.md, contract v2).
public struct Role: Codable, Equatable, Sendable {
    /// English lower snake case identifier (`admin`), used in `x-sculpt-roles` and `role:<name>` grants.
    public var name: String
    /// What end users call it, in the requirement's language (`管理员`, `Admin`).
    public var label: String

    public init(name: String, label: String) {
        self.name = name
        self.label = label
    }

    enum CodingKeys: String, CodingKey { case name, label }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? name
    }
}

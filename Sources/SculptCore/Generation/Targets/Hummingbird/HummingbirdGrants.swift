/// One operation's grant list as the generated routes hold it: `static let createAccess = Grants(roles: ["admin"])`.
///
/// The server checks these in the contract's order (`AppServices.authorize`), so the Swift literal is
/// the whole of what the generator decides about access.
struct HummingbirdGrantsModel {
    /// The constant's name (`createAccess`, `borrowActionAccess`).
    let name: String
    /// What it guards, for its doc comment (`create a book`).
    let what: String
    /// The grants as `x-sculpt-access` spells them.
    let spelt: String
    /// `Grants(signedIn: true)`.
    let literal: String

    init(name: String, what: String, grants: [Grant]) {
        self.name = name
        self.what = what
        spelt = grants.map(\.description).joined(separator: ", ")
        literal = Self.literal(grants)
    }

    /// The `Grants(...)` expression; its arguments follow the struct's declaration order.
    static func literal(_ grants: [Grant]) -> String {
        var args: [String] = []
        if grants.contains(.anyone) { args.append("anyone: true") }
        if grants.contains(.signedIn) { args.append("signedIn: true") }
        let roles = grants.roleNames
        if !roles.isEmpty { args.append("roles: [" + roles.map(SwiftCode.string).joined(separator: ", ") + "]") }
        if grants.contains(.owner) { args.append("owner: true") }
        return "Grants(" + args.joined(separator: ", ") + ")"
    }

    /// The grants the server enforces where the operation needs a signed-in caller (it records who
    /// acted, or who owns what it creates): `anyone` then means every signed-in user.
    static func needingUser(_ grants: [Grant]) -> [Grant] {
        grants.map { $0 == .anyone ? .signedIn : $0 }
    }
}

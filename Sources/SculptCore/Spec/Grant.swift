/// Who may call one operation: a caller matches a grant list when it matches any grant in it.
///
/// Spelt in `spec.json` exactly as the API's `x-sculpt-access` values (`"anyone"`, `"signed_in"`,
/// `"owner"`, `"role:admin"`), so the spec, the document and the server say the same thing.
public enum Grant: Codable, Hashable, Sendable, CustomStringConvertible {
    case anyone
    case signedIn
    /// Signed in and the record's owner; on create and list it means signed in (the creator owns the
    /// record; a list shows the caller's own records).
    case owner
    /// Signed in and holding the role (`admin`).
    case role(String)

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let grant = Grant(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a grant: use anyone, signed_in, owner or role:<name>"))
        }
        self = grant
    }

    public init?(_ text: String) {
        switch text {
        case "anyone": self = .anyone
        case "signed_in": self = .signedIn
        case "owner": self = .owner
        default:
            guard text.hasPrefix("role:"), text.count > 5 else { return nil }
            self = .role(String(text.dropFirst(5)))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public var description: String {
        switch self {
        case .anyone: return "anyone"
        case .signedIn: return "signed_in"
        case .owner: return "owner"
        case .role(let name): return "role:\(name)"
        }
    }

    /// The role's name when this grant is a role.
    public var roleName: String? {
        if case .role(let name) = self { return name }
        return nil
    }

    /// The grants a v1 audience stands for.
    public init(_ audience: Audience) {
        switch audience {
        case .anyone: self = .anyone
        case .signedIn: self = .signedIn
        case .owner: self = .owner
        }
    }
}

extension Array where Element == Grant {
    /// Whether a caller without a token passes.
    public var allowsAnyone: Bool { contains(.anyone) }
    /// Whether every signed-in caller passes.
    public var allowsEverySignedIn: Bool { contains(.anyone) || contains(.signedIn) }
    /// The roles that pass.
    public var roleNames: [String] { compactMap(\.roleName) }
    /// Whether the record's owner passes (and no wider grant makes ownership moot).
    public var restrictsToOwner: Bool { contains(.owner) && !allowsEverySignedIn }
}

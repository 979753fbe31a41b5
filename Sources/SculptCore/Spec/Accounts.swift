/// User accounts: how people sign up, log in and see their profile.
public struct Accounts: Codable, Equatable, Sendable {
    /// The field that names an account and must be unique: a username or an email address.
    public var identity: Field
    public var password: PasswordPolicy
    /// Further profile fields asked for at sign-up (a nickname, a phone number).
    public var fields: [Field]
    /// Whether people log in and receive a bearer token.
    public var login: Bool
    /// Whether a signed-in user can read their own profile (`GET /api/auth/me`).
    public var profile: Bool
    /// How long a login token stays valid.
    public var tokenHours: Int
    /// Roles some accounts hold (contract v2); empty when every account has the same rights.
    public var roles: [Role]

    public init(identity: Field, password: PasswordPolicy = PasswordPolicy(), fields: [Field] = [], login: Bool = true,
                profile: Bool = true, tokenHours: Int = 24, roles: [Role] = []) {
        self.identity = identity
        self.password = password
        self.fields = fields
        self.login = login
        self.profile = profile
        self.tokenHours = tokenHours
        self.roles = roles
    }

    enum CodingKeys: String, CodingKey { case identity, password, fields, login, profile, tokenHours, roles }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identity = try c.decode(Field.self, forKey: .identity)
        password = try c.decodeIfPresent(PasswordPolicy.self, forKey: .password) ?? PasswordPolicy()
        fields = try c.decodeIfPresent([Field].self, forKey: .fields) ?? []
        login = try c.decodeIfPresent(Bool.self, forKey: .login) ?? true
        profile = try c.decodeIfPresent(Bool.self, forKey: .profile) ?? login
        tokenHours = try c.decodeIfPresent(Int.self, forKey: .tokenHours) ?? 24
        roles = try c.decodeIfPresent([Role].self, forKey: .roles) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(identity, forKey: .identity)
        try c.encode(password, forKey: .password)
        try c.encode(fields, forKey: .fields)
        try c.encode(login, forKey: .login)
        try c.encode(profile, forKey: .profile)
        try c.encode(tokenHours, forKey: .tokenHours)
        if !roles.isEmpty { try c.encode(roles, forKey: .roles) }
    }

    /// Every field given at sign-up except the password.
    public var signUpFields: [Field] { [identity] + fields }
}

/// What a password must satisfy. The maximum keeps hashing cost bounded.
public struct PasswordPolicy: Codable, Equatable, Sendable {
    public var minLength: Int
    public var maxLength: Int
    /// The label shown to end users (`密码`, `Password`).
    public var label: String

    public init(minLength: Int = 8, maxLength: Int = 128, label: String = "Password") {
        self.minLength = minLength
        self.maxLength = maxLength
        self.label = label
    }

    enum CodingKeys: String, CodingKey { case minLength, maxLength, label }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minLength = try c.decodeIfPresent(Int.self, forKey: .minLength) ?? 8
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength) ?? 128
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? "Password"
    }
}

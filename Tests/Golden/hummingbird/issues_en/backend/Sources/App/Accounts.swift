import Foundation
import GRDB

// sculpt:part model-account
/// An account, as stored in the `users` table. The password is kept only as a bcrypt hash, and the
/// API shows `view`, which has everything but the hash.
struct User: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "users"

    var id: Int64?
    var username: String
    var passwordHash: String

    enum CodingKeys: String, CodingKey {
        case id
        case username
        case passwordHash = "password_hash"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Whether the account holds `role`.
    func holds(_ role: String) -> Bool {
        false
    }

    var view: UserView {
        UserView(id: id ?? 0, username: username)
    }
}

// sculpt:part to-json
/// An account as the API shows it (the User schema of openapi.json): never the password or its hash.
struct UserView: Encodable, Sendable {
    var id: Int64
    var username: String
    /// The success sentence of a registration.
    var message: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, message
        case username
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(username, forKey: .username)
        try container.encodeIfPresent(message, forKey: .message)
    }
}

// sculpt:part field-rules
/// A sign-up body (the SignUp schema): the account's fields and the password.
struct SignUpInput: Sendable {
    static let password = Rule(name: "password", label: "Password", kind: .text, required: true, minLength: 8, maxLength: 128)
    static let username = Rule(name: "username", label: "Username", kind: .text, required: true, minLength: 3, maxLength: 32)
    /// The fields a UNIQUE constraint guards.
    static let unique: [Rule] = [SignUpInput.username]

    var username: String?
    var password: String

    init(_ object: [String: JSONValue]) throws {
        var reader = try FieldReader(object)
        username = try reader.text(Self.username)
        password = try reader.text(Self.password) ?? ""
    }
}

/// A login body (the Login schema): the username and the password.
struct LoginInput: Sendable {
    static let username = Rule(name: "username", label: "Username", kind: .text, required: true, minLength: 1, maxLength: 32)
    static let password = Rule(name: "password", label: "Password", kind: .text, required: true, minLength: 1, maxLength: 128)

    var identity: String
    var password: String

    init(_ object: [String: JSONValue]) throws {
        var reader = try FieldReader(object)
        identity = try reader.text(Self.username) ?? ""
        password = try reader.text(Self.password) ?? ""
    }
}

/// What a successful login answers.
struct LoginAnswer: Encodable, Sendable {
    var token: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var user: UserView

    enum CodingKeys: String, CodingKey {
        case token, user
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}

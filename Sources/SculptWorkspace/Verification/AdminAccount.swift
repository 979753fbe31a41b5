import Foundation

/// The account holding every role, which a contract v2 server creates at start from `ADMIN_USERNAME`
/// and `ADMIN_PASSWORD`. The verifier makes one up for each run (so no fixed password ever opens a
/// verified server) when `openapi.json` lists `x-sculpt-roles`, and hands it to the server, the
/// project's tests and the contract checks, which sign in with it to prove role-gated operations.
struct AdminAccount: Sendable, Equatable {
    var username: String
    var password: String

    var environment: [String: String] { ["ADMIN_USERNAME": username, "ADMIN_PASSWORD": password] }

    /// nil when the project's document lists no roles (or cannot be read: the checks then say why).
    static func forProject(_ project: URL) -> AdminAccount? {
        guard let data = FileManager.default.contents(atPath: project.appendingPathComponent("openapi.json").path),
              let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let roles = doc["x-sculpt-roles"] as? [Any], !roles.isEmpty else { return nil }
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let username = identityIsEmail(doc) ? "admin-\(tag.prefix(8))@example.com" : "sculpt_admin_\(tag.prefix(8))"
        return AdminAccount(username: username, password: "Adm-\(tag.dropFirst(8).prefix(20))-9x")
    }

    /// Whether the sign-up's identity (its first property that is not the password) is an email address.
    static func identityIsEmail(_ doc: [String: Any]) -> Bool {
        let paths = doc["paths"] as? [String: Any] ?? [:]
        for case let item as [String: Any] in paths.values {
            for case let op as [String: Any] in item.values where op["x-sculpt-action"] as? String == "register" {
                let body = op["requestBody"] as? [String: Any]
                let json = (body?["content"] as? [String: Any])?["application/json"] as? [String: Any]
                guard var schema = json?["schema"] as? [String: Any] else { return false }
                if let ref = schema["$ref"] as? String, ref.hasPrefix("#/") {
                    var node: Any = doc
                    for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] ?? [:] }
                    schema = node as? [String: Any] ?? [:]
                }
                let props = schema["properties"] as? [String: Any] ?? [:]
                let identity = props.filter { ($0.value as? [String: Any])?["format"] as? String != "password" && $0.key != "password" }
                return identity.contains { ($0.value as? [String: Any])?["format"] as? String == "email" }
            }
        }
        return false
    }
}

/// The HTTP API an AppSpec implies: every operation with its method, path, action and body.
///
/// Built once from the spec and read by the OpenAPI document, every backend target, the frontend
/// and the generated tests, so all of them agree on paths, actions and security.
public struct APIPlan: Sendable {
    public var operations: [APIOperation]

    public init(_ spec: AppSpec) {
        var ops: [APIOperation] = []
        if let accounts = spec.accounts {
            ops.append(APIOperation(id: "register", method: .post, path: "/api/auth/register", action: .register,
                                    entity: "user", secured: false, body: .signUp, success: 201))
            if accounts.login {
                ops.append(APIOperation(id: "login", method: .post, path: "/api/auth/login", action: .login,
                                        entity: "user", secured: false, body: .login, success: 200))
            }
            if accounts.profile {
                ops.append(APIOperation(id: "me", method: .get, path: "/api/auth/me", action: .me,
                                        entity: "user", secured: true, body: nil, success: 200))
            }
        }
        for e in spec.entities {
            let collection = "/api/\(e.plural)"
            let item = "\(collection)/{id}"
            let readSecured = e.access.read != .anyone
            let writeSecured = e.access.write != .anyone
            for op in e.operations {
                switch op {
                case .create:
                    ops.append(APIOperation(id: "create_\(e.name)", method: .post, path: collection, action: .create,
                                            entity: e.name, secured: writeSecured || e.isOwned, body: .entity(partial: false), success: 201))
                case .list:
                    ops.append(APIOperation(id: "list_\(e.plural)", method: .get, path: collection, action: .list,
                                            entity: e.name, secured: readSecured, body: nil, success: 200))
                case .get:
                    ops.append(APIOperation(id: "get_\(e.name)", method: .get, path: item, action: .get,
                                            entity: e.name, secured: readSecured, body: nil, success: 200))
                case .update:
                    ops.append(APIOperation(id: "replace_\(e.name)", method: .put, path: item, action: .update,
                                            entity: e.name, secured: writeSecured, body: .entity(partial: false), success: 200))
                    ops.append(APIOperation(id: "patch_\(e.name)", method: .patch, path: item, action: .update,
                                            entity: e.name, secured: writeSecured, body: .entity(partial: true), success: 200))
                case .delete:
                    ops.append(APIOperation(id: "delete_\(e.name)", method: .delete, path: item, action: .delete,
                                            entity: e.name, secured: writeSecured, body: nil, success: 204))
                }
            }
        }
        operations = ops
    }
}

/// One HTTP operation of the generated API.
public struct APIOperation: Sendable, Equatable {
    /// The OpenAPI operationId, also the handler's name in generated code.
    public var id: String
    public var method: HTTPMethod
    public var path: String
    /// The `x-sculpt-action` value.
    public var action: APIAction
    /// The `x-sculpt-entity` value.
    public var entity: String
    /// Whether a bearer token is required.
    public var secured: Bool
    public var body: Body?
    public var success: Int

    public enum Body: Sendable, Equatable {
        /// The account's sign-up fields and the password.
        case signUp
        /// The identity and the password.
        case login
        /// The entity's fields; `partial` makes every field optional (PATCH).
        case entity(partial: Bool)
    }

    public var hasIdParameter: Bool { path.contains("{id}") }
}

/// The `x-sculpt-action` of an operation (CONTRACT.md): account operations and entity operations.
public enum APIAction: String, Sendable, CaseIterable, CustomStringConvertible {
    case register, login, me, create, list, get, update, delete

    public var description: String { rawValue }

    /// Whether the action belongs to accounts (tagged `auth` in the document).
    public var isAccount: Bool { self == .register || self == .login || self == .me }
}

/// The HTTP method of an operation, as the document and the code spell it.
public enum HTTPMethod: String, Sendable, CustomStringConvertible {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"

    public var description: String { rawValue }
}

extension APIPlan {
    /// The path of the first operation with this action (accounts have one of each).
    public func path(of action: APIAction) -> String? {
        operations.first { $0.action == action }?.path
    }
}

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
                                    entity: "user", access: [.anyone], body: .signUp, success: 201))
            if accounts.login {
                ops.append(APIOperation(id: "login", method: .post, path: "/api/auth/login", action: .login,
                                        entity: "user", access: [.anyone], body: .login, success: 200))
            }
            if accounts.profile {
                ops.append(APIOperation(id: "me", method: .get, path: "/api/auth/me", action: .me,
                                        entity: "user", access: [.signedIn], body: nil, success: 200))
            }
        }
        for e in spec.entities {
            let collection = "/api/\(e.plural)"
            let item = "\(collection)/{id}"
            for op in e.operations {
                switch op {
                case .create:
                    ops.append(APIOperation(id: "create_\(e.name)", method: .post, path: collection, action: .create,
                                            entity: e.name, access: e.grants(for: .create), body: .entity(partial: false), success: 201))
                case .list:
                    ops.append(APIOperation(id: "list_\(e.plural)", method: .get, path: collection, action: .list,
                                            entity: e.name, access: e.grants(for: .list), body: nil, success: 200))
                case .get:
                    ops.append(APIOperation(id: "get_\(e.name)", method: .get, path: item, action: .get,
                                            entity: e.name, access: e.grants(for: .get), body: nil, success: 200))
                case .update:
                    ops.append(APIOperation(id: "replace_\(e.name)", method: .put, path: item, action: .update,
                                            entity: e.name, access: e.grants(for: .update), body: .entity(partial: false), success: 200))
                    ops.append(APIOperation(id: "patch_\(e.name)", method: .patch, path: item, action: .update,
                                            entity: e.name, access: e.grants(for: .update), body: .entity(partial: true), success: 200))
                case .delete:
                    ops.append(APIOperation(id: "delete_\(e.name)", method: .delete, path: item, action: .delete,
                                            entity: e.name, access: e.grants(for: .delete), body: nil, success: 204))
                }
            }
            for a in e.actions {
                ops.append(APIOperation(id: "\(a.name)_\(e.name)", method: .post, path: "\(item)/\(a.name)", action: .domain,
                                        entity: e.name, access: a.access, body: nil, success: a.onlyCreates ? 201 : 200,
                                        verb: a.name))
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
    /// Who may call it (`x-sculpt-access`).
    public var access: [Grant]
    public var body: Body?
    public var success: Int
    /// The domain action's verb (`borrow`) when `action` is `.domain`.
    public var verb: String?

    public init(id: String, method: HTTPMethod, path: String, action: APIAction, entity: String, access: [Grant],
                body: Body?, success: Int, verb: String? = nil) {
        self.id = id
        self.method = method
        self.path = path
        self.action = action
        self.entity = entity
        self.access = access
        self.body = body
        self.success = success
        self.verb = verb
    }

    /// Whether a bearer token is required.
    public var secured: Bool { !access.allowsAnyone }
    /// The `x-sculpt-action` value: the standard action, or the domain action's verb.
    public var actionName: String { verb ?? action.rawValue }

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
    /// A domain action on one record (`borrow`); the operation's `verb` names it.
    case domain

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

/// `openapi.json` (OpenAPI 3.1) built from the AppSpec through the `APIPlan`.
///
/// The document is the contract: backends enforce exactly the constraints written here, and
/// clients (the acceptance suite, the web page) find operations by `x-sculpt-action`/`x-sculpt-entity`.
public enum OpenAPIDocument {
    public static func build(_ spec: AppSpec, plan: APIPlan, schemas: APISchemas, catalog: MessageCatalog) -> [String: Any] {
        var components: [String: Any] = [
            "Error": [
                "type": "object", "required": ["error"],
                "properties": ["error": [
                    "type": "object", "required": ["code", "message"],
                    "properties": [
                        "code": ["type": "string", "examples": ["conflict", "invalid", "unauthorized", "not_found"]],
                        "message": ["type": "string"],
                        "field": ["type": "string"],
                    ],
                ]],
            ] as [String: Any],
        ]
        if let accounts = spec.accounts, let account = schemas.account, let signUp = schemas.signUp, let login = schemas.login {
            var userProps: [String: Any] = ["id": ["type": "integer", "readOnly": true]]
            for p in account.properties { userProps[p.name] = p.schema.json }
            if !accounts.roles.isEmpty {
                userProps["roles"] = ["type": "array", "readOnly": true, "items": ["type": "string", "enum": accounts.roles.map(\.name)]]
            }
            components["User"] = ["type": "object", "properties": userProps, "required": ["id"] + accounts.signUpFields.filter(\.required).map(\.name)]
            components["SignUp"] = signUp.json()
            components["Login"] = login.json()
            components["Session"] = ["type": "object", "required": ["token", "user"],
                                   "properties": ["token": ["type": "string"], "token_type": ["type": "string", "const": "Bearer"],
                                                  "expires_in": ["type": "integer"], "user": ["$ref": "#/components/schemas/User"]]]
        }
        for e in spec.entities {
            let type = typeName(e)
            let input = schemas.input(e)
            var props: [String: Any] = ["id": ["type": "integer", "readOnly": true]]
            for p in input.properties { props[p.name] = p.schema.json }
            if e.isOwned { props["owner_id"] = ["type": "integer", "readOnly": true] }
            components[type] = ["type": "object", "properties": props, "required": ["id"] + e.fields.filter(\.required).map(\.name)]
            components[type + "Input"] = input.json()
            components[type + "Patch"] = input.json(partial: true)
            components[type + "Page"] = [
                "type": "object", "required": ["items", "total", "page", "page_size"],
                "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/\(type)"]],
                               "total": ["type": "integer"], "page": ["type": "integer"], "page_size": ["type": "integer"]],
            ]
        }
        var paths: [String: [String: Any]] = [:]
        for op in plan.operations {
            var o: [String: Any] = [
                "operationId": op.id, "x-sculpt-action": op.actionName, "x-sculpt-entity": op.entity,
                "summary": summary(op, spec, catalog), "tags": [op.action.isAccount ? "auth" : op.entity],
                "x-sculpt-access": op.access.map(\.description),
            ]
            let entity = spec.entity(named: op.entity)
            if op.action == .delete, let entity {
                let children = spec.children(of: entity.name)
                if !children.isEmpty {
                    o["x-sculpt-on-delete"] = children.contains { $0.relation.onDelete == .restrict } ? "restrict" : "cascade"
                }
            }
            if op.action == .domain, let verb = op.verb, let a = entity?.action(named: verb) {
                if !a.preconditions.isEmpty { o["x-sculpt-preconditions"] = a.preconditions.map(preconditionJSON) }
                if !a.effects.isEmpty { o["x-sculpt-effects"] = a.effects.map(effectJSON) }
                if a.oncePerUser { o["x-sculpt-once-per-user"] = true }
                o["summary"] = a.label
            }
            if op.secured { o["security"] = [["bearerAuth": [String]()]] }
            if op.hasIdParameter {
                o["parameters"] = [["name": "id", "in": "path", "required": true, "schema": ["type": "integer", "minimum": 1]]]
            }
            if op.action == .list {
                var params: [[String: Any]] = [
                    ["name": "page", "in": "query", "schema": ["type": "integer", "minimum": 1, "default": 1]],
                    ["name": "page_size", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": 100, "default": 20]],
                ]
                if let e = spec.entity(named: op.entity), !e.searchable.isEmpty {
                    params.append(["name": "q", "in": "query", "description": "case-insensitive substring of " + e.searchable.joined(separator: ", "),
                                   "schema": ["type": "string", "maxLength": 200]])
                }
                for (f, relation) in entity?.relations ?? [] {
                    params.append(["name": f.name, "in": "query", "description": "only the children of this \(relation.entity)",
                                   "schema": ["type": "integer", "minimum": 1]])
                }
                o["parameters"] = params
            }
            if let body = op.body {
                let ref: String
                switch body {
                case .signUp: ref = "SignUp"
                case .login: ref = "Login"
                case .entity(let partial): ref = typeName(spec.entity(named: op.entity)!) + (partial ? "Patch" : "Input")
                }
                o["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(ref)"]]]]
            }
            var responses: [String: Any] = [:]
            let okSchema: [String: Any]?
            switch op.action {
            case .register, .me: okSchema = ["$ref": "#/components/schemas/User"]
            case .login: okSchema = ["$ref": "#/components/schemas/Session"]
            case .list: okSchema = ["$ref": "#/components/schemas/\(typeName(spec.entity(named: op.entity)!))Page"]
            case .delete: okSchema = nil
            case .domain:
                let made = op.verb.flatMap { entity?.action(named: $0) }.flatMap { $0.onlyCreates ? $0.createdEntity : nil }
                okSchema = ["$ref": "#/components/schemas/\(typeName(made.flatMap(spec.entity(named:)) ?? entity!))"]
            default: okSchema = ["$ref": "#/components/schemas/\(typeName(spec.entity(named: op.entity)!))"]
            }
            if let okSchema {
                responses[String(op.success)] = ["description": "OK", "content": ["application/json": ["schema": okSchema]]]
            } else {
                responses[String(op.success)] = ["description": "Deleted"]
            }
            func err(_ code: Int, _ why: String) { responses[String(code)] = ["description": why, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]] }
            if op.body != nil || op.action == .list { err(400, "Invalid input") }
            if op.secured || op.action == .login { err(401, "Not signed in, bad token or wrong credentials") }
            if entity != nil, !op.action.isAccount, op.secured, !op.access.allowsEverySignedIn {
                // A role gates every call; ownership gates only calls on one record (a list shows one's own).
                if !op.access.roleNames.isEmpty && (op.hasIdParameter || !op.access.contains(.owner)) {
                    err(403, "Not allowed for your role")
                } else if op.hasIdParameter && op.access.contains(.owner) {
                    err(403, "Not yours")
                }
            }
            if op.hasIdParameter { err(404, "No such \(op.entity)") }
            if op.body != nil && op.action != .login && hasUnique(op, spec) { err(409, "A unique field is already taken") }
            if op.action == .delete, let e = entity, spec.children(of: e.name).contains(where: { $0.relation.onDelete == .restrict }) {
                err(409, "Records still belong to it")
            }
            if op.action == .domain { err(409, "A rule of the action does not hold, or it was already done") }
            if op.body != nil { err(413, "Request body too large") }
            o["responses"] = responses
            paths[op.path, default: [:]][op.method.rawValue.lowercased()] = o
        }
        paths["/health"] = ["get": ["operationId": "health", "x-sculpt-action": "custom", "summary": "Health check",
                                    "responses": ["200": ["description": "Serving", "content": ["application/json": ["schema": [
                                        "type": "object", "properties": ["status": ["type": "string", "const": "ok"]]]]]]]]]
        var doc: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": spec.title, "version": "1.0.0", "description": spec.requirement ?? spec.title],
            "paths": paths,
            "components": ["schemas": components] as [String: Any],
        ]
        if !spec.roles.isEmpty { doc["x-sculpt-roles"] = spec.roles.map(\.name) }
        if plan.operations.contains(where: \.secured) {
            var comps = doc["components"] as! [String: Any]
            comps["securitySchemes"] = ["bearerAuth": ["type": "http", "scheme": "bearer"]]
            doc["components"] = comps
        }
        return doc
    }

    static func preconditionJSON(_ p: Precondition) -> [String: Any] {
        let value: Any
        switch p.value {
        case .constant(let v): value = v.plain
        case .field(let f): value = ["field": f]
        }
        return ["field": p.field, "op": p.op.rawValue, "value": value]
    }

    static func effectJSON(_ e: Effect) -> [String: Any] {
        switch e {
        case .set(let field, let value): return ["kind": "set", "field": field, "value": value.plain]
        case .increment(let field, let by): return ["kind": "increment", "field": field, "by": JSONValue.number(by).plain]
        case .create(let entity): return ["kind": "create", "entity": entity]
        }
    }

    /// `Post`, `OrderItem`: the schema name of an entity.
    public static func typeName(_ e: Entity) -> String {
        e.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func hasUnique(_ op: APIOperation, _ spec: AppSpec) -> Bool {
        if op.action == .register { return true }
        return spec.entity(named: op.entity)?.fields.contains(where: \.unique) ?? false
    }

    static func summary(_ op: APIOperation, _ spec: AppSpec, _ catalog: MessageCatalog) -> String {
        let label = spec.entity(named: op.entity)?.label ?? ""
        return catalog.text("op.\(op.action.rawValue)", ["entity": label])
    }
}

/// One property of a request body: its name, its typed schema, whether the body must carry it, and
/// the spec field behind it (for storage facts such as uniqueness).
public struct InputProperty: Sendable, Equatable {
    public let name: String
    /// What end users read (the schema's title, or the field's label).
    public let label: String
    public let schema: FieldSchema
    public let required: Bool
    public let unique: Bool
    /// The spec field, when the property is one (the password is not).
    public let field: Field?
}

/// A request body of the API (`SignUp`, `Login`, `PostInput`): its properties in the spec's order.
public struct InputSchema: Sendable, Equatable {
    public let name: String
    public let properties: [InputProperty]

    public func property(_ name: String) -> InputProperty? { properties.first { $0.name == name } }

    /// The object schema of `openapi.json`; `partial` gives the PATCH body (no required, at least one property).
    public func json(partial: Bool = false) -> [String: Any] {
        var props: [String: Any] = [:]
        for p in properties { props[p.name] = p.schema.json }
        if partial { return ["type": "object", "properties": props, "minProperties": 1] }
        return ["type": "object", "properties": props, "required": properties.filter(\.required).map(\.name)]
    }
}

/// Every request body the spec implies, computed once: the OpenAPI document serialises them and
/// every target, the page, the README and the tests read them.
public struct APISchemas: Sendable {
    public let signUp: InputSchema?
    public let login: InputSchema?
    /// The account's own fields (the sign-up body without the password).
    public let account: InputSchema?
    private let inputs: [String: InputSchema]

    public init(_ spec: AppSpec) {
        if let a = spec.accounts {
            let fields = a.signUpFields.map(Self.property)
            account = InputSchema(name: "SignUp", properties: fields)
            let password = InputProperty(name: "password", label: a.password.label, schema: .password(a.password),
                                         required: true, unique: false, field: nil)
            signUp = InputSchema(name: "SignUp", properties: fields + [password])
            var identity = FieldSchema(a.identity)
            identity.minLength = 1
            login = InputSchema(name: "Login", properties: [
                InputProperty(name: a.identity.name, label: a.identity.label, schema: identity, required: true, unique: false,
                              field: a.identity),
                InputProperty(name: "password", label: a.password.label, schema: .loginPassword(a.password), required: true,
                              unique: false, field: nil),
            ])
        } else {
            signUp = nil
            login = nil
            account = nil
        }
        var inputs: [String: InputSchema] = [:]
        for e in spec.entities {
            inputs[e.name] = InputSchema(name: OpenAPIDocument.typeName(e) + "Input", properties: e.fields.map(Self.property))
        }
        self.inputs = inputs
    }

    /// The create/replace body of an entity.
    public func input(_ e: Entity) -> InputSchema {
        inputs[e.name] ?? InputSchema(name: OpenAPIDocument.typeName(e) + "Input", properties: e.fields.map(Self.property))
    }

    static func property(_ f: Field) -> InputProperty {
        let schema = FieldSchema(f)
        return InputProperty(name: f.name, label: schema.title ?? f.label, schema: schema, required: f.required, unique: f.unique, field: f)
    }
}

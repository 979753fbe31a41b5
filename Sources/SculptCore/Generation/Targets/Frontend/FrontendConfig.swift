/// The JSON object `app.js` reads from `<script id="sculpt-config">`: operations, fields, messages.
///
/// The script never hard-codes a path or a word: it finds each operation here by action and entity
/// (as every client finds them in `openapi.json`), so one `app.js` serves every generated project.
enum FrontendConfig {
    static func json(spec: AppSpec, plan: APIPlan, catalog: MessageCatalog) -> String {
        var config: [String: Any] = [
            "app": spec.name,
            "language": spec.language.rawValue,
            "operations": plan.operations.map { op -> [String: Any] in
                ["action": op.actionName, "entity": op.entity, "method": op.method.rawValue, "path": op.path, "secured": op.secured]
            },
            "messages": catalog.section("page.js."),
        ]
        if let a = spec.accounts {
            config["accounts"] = ["identity": a.identity.name, "fields": a.signUpFields.map(describe)]
        }
        var entities: [String: Any] = [:]
        for e in spec.entities {
            var entry: [String: Any] = ["label": e.label, "fields": e.fields.map(describe), "owned": e.isOwned]
            if let title = titleField(of: e) { entry["titleField"] = title }
            entities[e.name] = entry
        }
        config["entities"] = entities
        return scriptSafe(JSONText.compact(config))
    }

    static func describe(_ f: Field) -> [String: Any] {
        ["name": f.name, "label": f.label, "type": f.type.rawValue]
    }

    /// The field that names an item in lists and messages: the first short text, else any text or choice.
    static func titleField(of e: Entity) -> String? {
        e.fields.first { $0.type == .string || $0.type == .email }?.name
            ?? e.fields.first { $0.isText || $0.type == .enumeration }?.name
    }

    /// JSON whose strings cannot close the `<script>` element or open a comment inside it.
    static func scriptSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}

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
                ["action": op.actionName, "entity": op.entity, "method": op.method.rawValue, "path": op.path, "secured": op.secured,
                 "access": op.access.map(\.description)]
            },
            "messages": catalog.section("page.js."),
        ]
        if let a = spec.accounts {
            config["accounts"] = ["identity": a.identity.name, "fields": a.signUpFields.map(describe),
                                  "roles": a.roles.map { ["name": $0.name, "label": $0.label] }]
        }
        var entities: [String: Any] = [:]
        for e in spec.entities {
            var entry: [String: Any] = ["label": e.label, "fields": e.fields.map(describe), "owned": e.isOwned]
            if let title = titleField(of: e) { entry["titleField"] = title }
            if let option = optionField(of: e) { entry["optionField"] = option }
            // The children the page can list by this record (`?<parent>_id=`), for a button on each record.
            let children = spec.children(of: e.name).filter { c in
                plan.operations.contains { $0.action == .list && $0.entity == c.entity.name }
            }
            if !children.isEmpty {
                entry["children"] = children.map { ["entity": $0.entity.name, "field": $0.field.name] }
            }
            if !e.actions.isEmpty { entry["actions"] = e.actions.map { ["name": $0.name, "label": $0.label] } }
            entities[e.name] = entry
        }
        config["entities"] = entities
        return scriptSafe(JSONText.compact(config))
    }

    static func describe(_ f: Field) -> [String: Any] {
        var d: [String: Any] = ["name": f.name, "label": f.label, "type": f.type.rawValue]
        if let r = f.relation { d["relation"] = r.entity }
        return d
    }

    /// The field that names a record where another record points at it (a parent in a child's form,
    /// list and filter): the first required text field, else the first text field; none means `#id`.
    static func optionField(of e: Entity) -> String? {
        e.fields.first { $0.isText && $0.required }?.name ?? e.fields.first { $0.isText }?.name
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

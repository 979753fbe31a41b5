/// One labelled control of a generated form, with every HTML constraint the field implies.
///
/// The browser's constraint attributes, the visible hint and the server's JSON Schema are all
/// derived from the same `Field`, so the page refuses what the API would refuse, and says why
/// before the user submits.
struct FormInput {
    /// The element id (`post-create-title`); the hint and error slots derive theirs from it.
    let id: String
    /// The API field name, used as the control's `name`.
    let name: String
    let label: String
    let hint: String
    let hintId: String
    let errorId: String
    let required: Bool
    /// Which element the template writes; exactly one is true.
    let isInput: Bool
    let isTextarea: Bool
    let isSelect: Bool
    let isCheckbox: Bool
    /// Attributes in a fixed order (so output is deterministic), values escaped by the template.
    let attributes: [HTMLAttribute]
    let options: [SelectOption]
    /// Initial text of a textarea.
    let text: String

    /// Where the control is used: defaults prefill only the create and sign-up forms.
    enum Purpose { case create, update, signUp }

    /// The parent a relation field points at, as the page can offer it.
    struct Parent {
        /// The parent entity's name (`project`), the select's `data-sculpt-relation`.
        let entity: String
        /// What users call it (`项目`).
        let label: String
        /// Whether the API lists the parent: the control is then a `<select>` the script fills from
        /// that list; otherwise an id box is all the page can offer.
        let listed: Bool
    }

    /// A control for an entity or profile field; `parent` when the field belongs to another entity
    /// (a relation: the user picks the parent by a readable name, never types its id).
    init(field f: Field, formId: String, purpose: Purpose, catalog: MessageCatalog, autocomplete: String? = nil,
         parent: Parent? = nil) {
        id = "\(formId)-\(f.name)"
        name = f.name
        label = f.label
        hintId = id + "-hint"
        errorId = id + "-error"
        required = f.required && f.type != .boolean
        let picksParent = parent?.listed == true
        isTextarea = f.type == .text
        isSelect = f.type == .enumeration || picksParent
        isCheckbox = f.type == .boolean
        isInput = !(isTextarea || isSelect || isCheckbox)

        let fillDefault = purpose != .update
        var attrs: [HTMLAttribute] = []
        if isInput || isCheckbox { attrs.append(.init("type", Self.inputType(f.type))) }
        attrs.append(.init("id", id))
        attrs.append(.init("name", f.name))
        attrs.append(.init("data-sculpt-type", f.type.rawValue))
        if let parent { attrs.append(.init("data-sculpt-relation", parent.entity)) }
        if required { attrs.append(.flag("required")) }
        if f.isText {
            if let lo = f.minLength, lo > 0 { attrs.append(.init("minlength", String(lo))) }
            attrs.append(.init("maxlength", String(FieldSchema.maxLength(of: f))))
        }
        switch f.type {
        case .integer where picksParent: break
        case .integer:
            // A whole-number field with an exclusive lower bound has an exact inclusive one.
            if let lo = f.minimum { attrs.append(.init("min", NumberText.format(lo.rounded(.up)))) }
            else if parent != nil { attrs.append(.init("min", "1")) }  // record ids start at 1
            if let lo = f.exclusiveMinimum { attrs.append(.init("min", NumberText.format((lo + 1).rounded(.down)))) }
            if let hi = f.maximum { attrs.append(.init("max", NumberText.format(hi.rounded(.down)))) }
            attrs.append(.init("step", "1"))
            attrs.append(.init("inputmode", "numeric"))
        case .number:
            if let lo = f.minimum { attrs.append(.init("min", NumberText.format(lo))) }
            if let lo = f.exclusiveMinimum {
                // HTML has no exclusive minimum: `min` stops values below it, the script refuses the bound itself.
                attrs.append(.init("min", NumberText.format(lo)))
                attrs.append(.init("data-sculpt-exclusive-min", NumberText.format(lo)))
            }
            if let hi = f.maximum { attrs.append(.init("max", NumberText.format(hi))) }
            attrs.append(.init("step", "any"))
            attrs.append(.init("inputmode", "decimal"))
        default: break
        }
        if let autocomplete { attrs.append(.init("autocomplete", autocomplete)) }
        if isInput, fillDefault, let d = f.defaultValue, let v = Self.text(of: d) {
            attrs.append(.init("value", v))
        }
        if isCheckbox, fillDefault, f.defaultValue == .bool(true) { attrs.append(.flag("checked")) }
        attrs.append(.init("aria-describedby", "\(hintId) \(errorId)"))
        attributes = attrs

        if picksParent {
            // The script adds one option per parent record from the parent's list operation.
            options = [SelectOption(value: "", label: catalog.text(f.required ? "page.choose" : "page.none"), selected: true)]
        } else if isSelect {
            let chosen: String? = fillDefault ? f.defaultValue.flatMap(Self.text(of:)) : nil
            let blank = SelectOption(value: "", label: catalog.text(f.required ? "page.choose" : "page.none"), selected: chosen == nil)
            options = [blank] + (f.allowedValues ?? []).map { SelectOption(value: $0, label: $0, selected: $0 == chosen) }
        } else {
            options = []
        }
        text = isTextarea && fillDefault ? (f.defaultValue.flatMap(Self.text(of:)) ?? "") : ""
        if let parent {
            let which = catalog.text(parent.listed ? "page.hint_relation" : "page.hint_relation_id", ["entity": parent.label])
            hint = [catalog.text(f.required ? "page.hint_required" : "page.hint_optional"), which]
                .joined(separator: catalog.text("page.hint_separator"))
        } else {
            hint = Self.hint(for: f, catalog: catalog, showDefault: fillDefault)
        }
    }

    /// The password control of the sign-up form (the policy's limits) or the login form (any non-empty).
    init(password p: PasswordPolicy, formId: String, signUp: Bool, catalog: MessageCatalog) {
        id = "\(formId)-password"
        name = "password"
        label = p.label
        hintId = id + "-hint"
        errorId = id + "-error"
        required = true
        isInput = true
        isTextarea = false
        isSelect = false
        isCheckbox = false
        var attrs: [HTMLAttribute] = [.init("type", "password"), .init("id", id), .init("name", "password"),
                                      .init("data-sculpt-type", "password"), .flag("required")]
        var parts = [catalog.text("page.hint_required")]
        if signUp {
            attrs.append(.init("minlength", String(p.minLength)))
            parts.append(catalog.text("page.hint_min_length", ["n": String(p.minLength)]))
        }
        attrs.append(.init("maxlength", String(p.maxLength)))
        if signUp { parts.append(catalog.text("page.hint_max_length", ["n": String(p.maxLength)])) }
        attrs.append(.init("autocomplete", signUp ? "new-password" : "current-password"))
        attrs.append(.init("aria-describedby", "\(hintId) \(errorId)"))
        attributes = attrs
        options = []
        text = ""
        hint = parts.joined(separator: catalog.text("page.hint_separator"))
    }

    /// The identity control of the login form: the field's kind, but only "required" (the API checks the rest).
    init(loginIdentity f: Field, formId: String, catalog: MessageCatalog) {
        var plain = f
        plain.minLength = nil
        plain.unique = false
        plain.defaultValue = nil
        self.init(field: plain, formId: formId, purpose: .update, catalog: catalog, autocomplete: "username")
    }

    static func inputType(_ t: FieldType) -> String {
        switch t {
        case .email: return "email"
        case .date: return "date"
        case .datetime: return "datetime-local"
        case .integer, .number: return "number"
        case .boolean: return "checkbox"
        default: return "text"
        }
    }

    static func text(of v: JSONValue) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let n): return NumberText.format(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return nil
        }
    }

    /// "必填；最多100个字符" / "Required; at most 100 characters": what the field accepts, in words.
    /// `kind` adds what sort of value it is (the page says it, a README table has a type column);
    /// booleans show a default only where no checkbox shows it.
    static func hint(for f: Field, catalog: MessageCatalog, showDefault: Bool, kind: Bool = true, booleanDefault: Bool = false) -> String {
        var parts: [String] = []
        if f.type != .boolean { parts.append(catalog.text(f.required ? "page.hint_required" : "page.hint_optional")) }
        switch f.type {
        case .email where kind: parts.append(catalog.text("page.hint_email"))
        case .date where kind: parts.append(catalog.text("page.hint_date"))
        case .datetime where kind: parts.append(catalog.text("page.hint_datetime"))
        case .integer where kind: parts.append(catalog.text("page.hint_integer"))
        case .number where kind: parts.append(catalog.text("page.hint_number"))
        case .enumeration:
            let values = (f.allowedValues ?? []).joined(separator: catalog.text("page.list_separator"))
            parts.append(catalog.text("page.hint_choices", ["values": values]))
        default: break
        }
        if f.isText {
            if let lo = f.minLength, lo > 0 { parts.append(catalog.text("page.hint_min_length", ["n": String(lo)])) }
            parts.append(catalog.text("page.hint_max_length", ["n": String(FieldSchema.maxLength(of: f))]))
        }
        if let lo = f.minimum { parts.append(catalog.text("page.hint_minimum", ["n": NumberText.format(lo)])) }
        if let lo = f.exclusiveMinimum { parts.append(catalog.text("page.hint_exclusive_minimum", ["n": NumberText.format(lo)])) }
        if let hi = f.maximum { parts.append(catalog.text("page.hint_maximum", ["n": NumberText.format(hi)])) }
        if f.unique { parts.append(catalog.text("page.hint_unique")) }
        if showDefault, let d = f.defaultValue, d != .null, f.type != .boolean || booleanDefault, let v = text(of: d) {
            parts.append(catalog.text("page.hint_default", ["value": v]))
        }
        return parts.joined(separator: catalog.text("page.hint_separator"))
    }
}

/// One attribute of a generated element; `hasValue == false` writes a boolean attribute (`required`).
struct HTMLAttribute {
    let name: String
    let value: String
    let hasValue: Bool

    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
        hasValue = true
    }

    private init(flag name: String) {
        self.name = name
        value = ""
        hasValue = false
    }

    static func flag(_ name: String) -> HTMLAttribute { HTMLAttribute(flag: name) }
}

/// One choice of a `<select>`.
struct SelectOption {
    let value: String
    let label: String
    let selected: Bool
}

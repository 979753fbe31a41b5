/// Everything `index.html.mustache` prints, prepared from the spec, the API plan and the catalog.
///
/// The template stays logic-less: which forms exist, their ids, labels, constraint attributes and
/// every word of the page are decided here, and only for operations the API plan really has.
struct FrontendViewModel {
    let lang: String
    let title: String
    let requirement: String?
    /// Page words (`page.*` catalog entries without the prefix) for the template's fixed text.
    let t: [String: String]
    let footer: String
    let accounts: PageAccounts?
    /// Whether the page shows who is signed in and a sign-out control.
    let hasSession: Bool
    let entities: [PageEntity]
    /// The operations and messages `app.js` reads, as JSON safe inside a `<script>` element.
    let config: String

    init(spec: AppSpec, context: GenerationContext) {
        let catalog = context.catalog
        let plan = context.plan
        func has(_ action: APIAction, _ entity: String) -> APIOperation? {
            plan.operations.first { $0.action == action && $0.entity == entity }
        }
        lang = spec.language.rawValue
        title = spec.title
        requirement = spec.requirement
        t = catalog.section("page.")
        footer = catalog.text("page.footer", ["generator": context.generator])

        if let a = spec.accounts, let register = has(.register, "user") {
            let signUp = PageForm(
                action: "register", entity: "user", id: "register", heading: catalog.text("page.register_heading"),
                submitLabel: catalog.text("page.register_submit"), secured: register.secured, loginNote: nil,
                inputs: a.signUpFields.map { f in
                    FormInput(field: f, formId: "register", purpose: .signUp, catalog: catalog,
                              autocomplete: f.name == a.identity.name ? "username" : Self.autocomplete(f))
                } + [FormInput(password: a.password, formId: "register", signUp: true, catalog: catalog)],
                cancelLabel: nil, hidden: false, autocompleteOff: false)
            let login = has(.login, "user").map { _ in
                PageForm(action: "login", entity: "user", id: "login", heading: catalog.text("page.login_heading"),
                         submitLabel: catalog.text("page.login_submit"), secured: false, loginNote: nil,
                         inputs: [FormInput(loginIdentity: a.identity, formId: "login", catalog: catalog),
                                  FormInput(password: a.password, formId: "login", signUp: false, catalog: catalog)],
                         cancelLabel: nil, hidden: false, autocompleteOff: false)
            }
            let profile = has(.me, "user").map { _ in
                PageProfile(heading: catalog.text("page.profile_heading"),
                            form: PageForm(action: "me", entity: "user", id: "me", heading: "",
                                           submitLabel: catalog.text("page.profile_refresh"), secured: true, loginNote: nil,
                                           inputs: [], cancelLabel: nil, hidden: false, autocompleteOff: false))
            }
            accounts = PageAccounts(heading: catalog.text("page.account"), register: signUp, login: login, profile: profile)
        } else {
            accounts = nil
        }
        hasSession = plan.operations.contains { $0.action == .login }

        entities = spec.entities.map { e in
            PageEntity(e, spec: spec, plan: plan, catalog: catalog)
        }
        config = FrontendConfig.json(spec: spec, plan: plan, catalog: catalog)
    }

    /// Browser autofill hints for profile fields people often keep in their browser.
    static func autocomplete(_ f: Field) -> String? {
        if f.type == .email { return "email" }
        switch f.name {
        case "nickname": return "nickname"
        case "name", "full_name": return "name"
        case "phone", "phone_number", "mobile": return "tel"
        default: return nil
        }
    }
}

/// A form the template writes: `<form data-sculpt-action=… data-sculpt-entity=…>` with its controls.
struct PageForm {
    let action: String
    let entity: String
    let id: String
    let heading: String
    let submitLabel: String
    /// Whether the operation needs a token (the script then asks to log in first).
    let secured: Bool
    /// Shown while signed out on a secured form.
    let loginNote: String?
    let inputs: [FormInput]
    /// The edit form's control that closes it without saving.
    let cancelLabel: String?
    /// The edit form stays hidden until an item is chosen.
    let hidden: Bool
    /// Entity forms hold data, not the user's own details: no browser autofill.
    let autocompleteOff: Bool
    /// The roles that may use a form no plain user may (space-separated, `data-sculpt-roles`): the
    /// form starts hidden and the script shows it only to a signed-in holder of one of them.
    let roles: String?

    // Stored, not computed: templates see stored properties only.
    let headingId: String
    let hasHeading: Bool

    init(action: String, entity: String, id: String, heading: String, submitLabel: String, secured: Bool,
         loginNote: String?, inputs: [FormInput], cancelLabel: String?, hidden: Bool, autocompleteOff: Bool,
         roles: String? = nil) {
        self.action = action
        self.entity = entity
        self.id = id
        self.heading = heading
        self.submitLabel = submitLabel
        self.secured = secured
        self.loginNote = loginNote
        self.inputs = inputs
        self.cancelLabel = cancelLabel
        self.hidden = hidden
        self.autocompleteOff = autocompleteOff
        self.roles = roles
        headingId = id + "-heading"
        hasHeading = !heading.isEmpty
    }
}

/// Sign-up, login and profile.
struct PageAccounts {
    let heading: String
    let register: PageForm
    let login: PageForm?
    let profile: PageProfile?
}

/// The signed-in user's details, refreshed by the `me` form.
struct PageProfile {
    let heading: String
    let form: PageForm
}

/// The section of one entity: its create form, edit form, list, detail panel and action buttons.
struct PageEntity {
    let name: String
    let label: String
    let sectionId: String
    let headingId: String
    let create: PageForm?
    let update: PageForm?
    let list: PageList?
    let detail: PageDetail?
    /// The domain actions, as buttons the script copies into each record the user may act on.
    let actions: PageActions?

    init(_ e: Entity, spec: AppSpec, plan: APIPlan, catalog: MessageCatalog) {
        func has(_ action: APIAction) -> APIOperation? {
            plan.operations.first { $0.action == action && $0.entity == e.name }
        }
        name = e.name
        label = e.label
        sectionId = "entity-\(e.name)"
        headingId = "entity-\(e.name)-heading"
        let args = ["entity": e.label]
        /// The parent a relation field points at, and whether the page can list it to pick from.
        func parent(of f: Field) -> FormInput.Parent? {
            guard let r = f.relation, let p = spec.entities.first(where: { $0.name == r.entity }) else { return nil }
            return FormInput.Parent(entity: p.name, label: p.label,
                                    listed: plan.operations.contains { $0.action == .list && $0.entity == p.name })
        }
        self.create = has(.create).map { op in
            let roles = Self.roleOnly(op.access)
            return PageForm(action: "create", entity: e.name, id: "\(e.name)-create", heading: catalog.text("page.create_heading", args),
                            submitLabel: catalog.text("page.create_submit", args), secured: op.secured,
                            loginNote: op.secured && roles == nil ? catalog.text("page.login_first_create", args) : nil,
                            inputs: e.fields.map { FormInput(field: $0, formId: "\(e.name)-create", purpose: .create, catalog: catalog, parent: parent(of: $0)) },
                            cancelLabel: nil, hidden: roles != nil, autocompleteOff: true, roles: roles)
        }
        self.update = has(.update).map { op in
            PageForm(action: "update", entity: e.name, id: "\(e.name)-update", heading: catalog.text("page.update_heading", args),
                     submitLabel: catalog.text("page.update_submit"), secured: op.secured,
                     loginNote: op.secured ? catalog.text("page.login_first_update", args) : nil,
                     inputs: e.fields.map { FormInput(field: $0, formId: "\(e.name)-update", purpose: .update, catalog: catalog, parent: parent(of: $0)) },
                     cancelLabel: catalog.text("page.cancel"), hidden: true, autocompleteOff: true)
        }
        self.list = has(.list).map { op in
            let labels = e.searchable.compactMap { e.field(named: $0)?.label }
            let roles = Self.roleOnly(op.access)
            let filters = e.relations.compactMap { f, _ -> PageFilter? in
                guard let p = parent(of: f), p.listed else { return nil }
                return PageFilter(id: "\(e.name)-list-\(f.name)", name: f.name, entity: p.entity,
                                  label: catalog.text("page.filter_label", ["entity": p.label]), allLabel: catalog.text("page.filter_all"))
            }
            return PageList(
                entity: e.name, heading: catalog.text("page.list_heading", args), headingId: "\(e.name)-list-heading",
                searchable: !e.searchable.isEmpty, searchId: "\(e.name)-list-q",
                searchLabel: catalog.text("page.search_label", ["fields": labels.joined(separator: catalog.text("page.list_separator"))]),
                submitLabel: catalog.text(e.searchable.isEmpty ? "page.list_refresh" : "page.search_submit"),
                loginNote: op.secured && roles == nil ? catalog.text("page.login_first_list", args) : nil,
                pagerLabel: catalog.text("page.pager", args), previous: catalog.text("page.prev"), next: catalog.text("page.next"),
                pageInfo: catalog.text("page.page_info"), filters: filters, roles: roles, hidden: roles != nil)
        }
        detail = has(.get).map { _ in
            PageDetail(entity: e.name, heading: catalog.text("page.detail_heading", args), headingId: "\(e.name)-detail-heading",
                       closeLabel: catalog.text("page.close"))
        }
        let buttons = plan.operations.filter { $0.action == .domain && $0.entity == e.name }.compactMap { op -> PageActionButton? in
            guard let verb = op.verb else { return nil }
            return PageActionButton(verb: verb, label: e.action(named: verb)?.label ?? verb)
        }
        actions = buttons.isEmpty ? nil : PageActions(entity: e.name, buttons: buttons)
    }

    /// The roles (space-separated) when only role holders may call an operation: no grant lets
    /// every signed-in user or an owner in (on create and list, `owner` means any signed-in user).
    static func roleOnly(_ grants: [Grant]) -> String? {
        guard !grants.allowsEverySignedIn, !grants.contains(.owner), !grants.roleNames.isEmpty else { return nil }
        return grants.roleNames.joined(separator: " ")
    }
}

/// The domain actions of one entity, written once into a `<template>`; the script copies the
/// buttons the signed-in user may press into each record's `[data-sculpt-item]`.
struct PageActions {
    let entity: String
    let buttons: [PageActionButton]
}

/// `<button data-sculpt-action="borrow" data-sculpt-entity="book">借书</button>`.
struct PageActionButton {
    let verb: String
    let label: String
}

/// A choice on a child's list that shows only the children of one parent (`?project_id=3`).
struct PageFilter {
    let id: String
    /// The relation field, also the query parameter (`project_id`).
    let name: String
    /// The parent entity whose records fill the choice.
    let entity: String
    let label: String
    let allLabel: String
}

/// The list of one entity with its search box and page controls.
struct PageList {
    let entity: String
    let heading: String
    let headingId: String
    let searchable: Bool
    let searchId: String
    let searchLabel: String
    let submitLabel: String
    let loginNote: String?
    let pagerLabel: String
    let previous: String
    let next: String
    let pageInfo: String
    /// One parent choice per relation, narrowing the list to one parent's children.
    let filters: [PageFilter]
    /// As `PageForm.roles`: a list only role holders may read starts hidden.
    let roles: String?
    let hidden: Bool
}

/// The panel that shows one entity in full (the `get` operation).
struct PageDetail {
    let entity: String
    let heading: String
    let headingId: String
    let closeLabel: String
}

/// What the Python targets print for one entity: its SQLAlchemy class, its tests, and the rules and
/// route guards of the Flask layout (FastAPI adds its Pydantic schemas and signatures on top).
struct PythonEntityModel {
    // Names
    let name: String
    let plural: String
    let className: String
    let typeName: String
    let table: String
    let `var`: String
    let url: String
    let docLabel: String
    let labelLiteral: String
    let rulesName: String
    // Storage and validation
    let columns: [PythonColumnModel]
    let rules: [String]
    // Access
    let owned: Bool
    let readOwner: Bool
    let writeOwner: Bool
    let readSignedIn: Bool
    let writeSignedIn: Bool
    let createGuard: [String]
    let readGuard: [String]
    let writeGuard: [String]
    let usesAuth: Bool
    let usesApiError: Bool
    let accessDoc: String
    // Operations
    let hasCreate: Bool
    let hasList: Bool
    let hasGet: Bool
    let hasUpdate: Bool
    let hasDelete: Bool
    let hasWrites: Bool
    let hasSearch: Bool
    let searchColumns: String
    let operationsDoc: String
    let crudImports: String
    let validationImports: String
    // Tests
    let samples: [PythonKeyValue]
    let samplesVary: Bool
    let helperImports: String
    let needsSignIn: Bool
    let headersDoc: String
    let hasOptional: Bool
    /// The optional fields and the value each takes when a body leaves it out (its default, or None).
    let optionalLiteral: String
    let hasRequired: Bool
    /// Whether the tests compare with a message of messages.py (404 and 409 answers).
    let usesMessage: Bool
    let patchField: String
    let valueCases: [PythonValueCaseModel]
    let uniqueCases: [PythonUniqueCaseModel]
    let searchCases: [PythonSearchCaseModel]
    let ownerChecks: Bool
    let privateTest: Bool
    let publicRead: Bool
    let signedIn: Bool
    /// Whether the signed-in test needs a record to read or change.
    let signedInNeedsItem: Bool
    let hasAccessTests: Bool
    let doc: [String: String]
    // Contract v2 (relations, roles, domain actions)
    let flaskImports: String
    let sqlImports: [String]
    let extraImportsBefore: [String]
    let authImports: String
    let modelNames: String
    let relationImports: [String]
    let routeImports: [String]
    let grantMode: Bool
    let accessLiteral: String
    let hasParents: Bool
    let parentsLiteral: String
    let parents: [PythonParentModel]
    let hasChildren: Bool
    let hasRestrictChildren: Bool
    let childrenLiteral: String
    let listGuard: [String]
    let listScope: [String]
    let getGuard: [String]
    let getOwnerCheck: Bool
    let updateArgs: String
    let deleteArgs: String
    let writableParams: String
    let actions: [PythonActionModel]
    let actionLogs: [PythonActionLogModel]
    let tests: PythonContractTestModel
    /// The headers the entity's own tests use: a signed-in user's, or the admin account's where
    /// operations are reserved to roles (it holds every role and owns what it creates).
    let headersExpr: String

    /// The shared test module of one entity (`Templates/python/tests`), rendered with this model.
    static let testTemplate = "tests/test_entity.py"

    /// Names an entity's Python class may not take (they are imported where the class is used).
    /// FastAPI's routers also import the query types of crud.py (`Page`, a wiki's page would shadow it), the
    /// caller types of auth.py and the schemas' own classes.
    static let reservedClassNames: Set<String> = [
        "Base", "Mapped", "User", "Rule", "ApiError", "Blueprint", "Response", "Request", "Page", "PageSize", "Search",
        "Caller", "CurrentUser", "DB", "Settings", "AppSettings", "Account", "Login", "SignUp", "Body", "PatchBody",
        "Query", "Depends", "APIRouter", "Annotated", "Session", "JSONResponse",
    ]
    /// Names an entity's local variable may not take in its routes module.
    static let reservedVariables: Set<String> = [
        "bp", "db", "user", "values", "query", "text", "page", "page_size", "partial", "session", "message", "select",
        "current_user", "to_json", "assign", "commit", "ensure_unique", "get_or_404", "page_of", "search_filter",
        "read_json_object", "validate", "page_params", "search_text", "record",
    ]

    /// Registers the entity's tests in `plan`; the returned closure builds the model once clauses are cited.
    static func plan(_ e: Entity, spec: AppSpec, context: GenerationContext, plan: TestPlan) -> () -> PythonEntityModel {
        let typeName = OpenAPIDocument.typeName(e)
        let fields = PythonField.of(context.schemas.input(e))
        let ref = "entities.\(e.name)"
        let key = "\(e.name)."
        let label = e.label
        let has = { (op: EntityOperation) in e.supports(op) }
        let readOwner = e.access.read == .owner, writeOwner = e.access.write == .owner
        let readSignedIn = e.access.read == .signedIn, writeSignedIn = e.access.write == .signedIn
        // Per-operation grants may restrict what `access` leaves open (only admins write books).
        let needsSignIn = e.access.read != .anyone || e.access.write != .anyone
            || e.operations.contains { !e.grants(for: $0).allowsAnyone }
        let hasItemOps = has(.get) || has(.update) || has(.delete)

        plan.add(key + "create", "Creates a \(label) and answers 201 with its id and every field, as sent.",
                 refs: [ref, "\(ref).create", "\(ref).fields"] + e.fields.map { "\(ref).fields.\($0.name)" })
        plan.add(key + "massAssignment", "Ignores id, owner and unknown fields sent by the client.", refs: ["\(ref).create"])
        // A required field must be sent even when it has a default (the schema lists it as required),
        // so defaults are proved on the optional fields.
        let optional = fields.filter { !$0.required }
        if !optional.isEmpty {
            plan.add(key + "optional", "Accepts a body without its optional fields; they take their defaults, or null.",
                     refs: optional.flatMap { ["\(ref).fields.\($0.name).optional", "\(ref).fields.\($0.name).default"] })
        }
        var pendingCases: [() -> PythonValueCaseModel] = []
        for f in fields {
            pendingCases += PythonValueCaseModel.build(for: f, refBase: "\(ref).fields.\(f.name)", keyBase: e.name + ".field",
                                                      plan: plan, url: "URL",
                                                      makeBody: "sample_\(e.name)", withHeaders: true)
        }
        let uniques = fields.filter(\.unique)
        for f in uniques {
            plan.add(key + "unique." + f.name, "Refuses a second \(label) with the same \(f.label) (409), on create and update.",
                     refs: ["\(ref).fields.\(f.name).unique"])
        }
        if has(.list) {
            plan.add(key + "list", "Lists \(label) page by page: items, total, page and page_size.", refs: ["\(ref).list"])
            plan.add(key + "paging", "Refuses page and page_size values out of range (page_size at most 100).", refs: ["\(ref).list"])
        }
        let searchable = fields.filter { e.searchable.contains($0.name) }
        var searches: [(PythonField, SearchProbe)] = []
        for f in searchable {
            guard let s = SearchProbe.of(f.property, others: searchable.filter { $0.name != f.name }.map(\.property)) else { continue }
            searches.append((f, s))
            plan.add(key + "search." + f.name, "Searches \(label) by \(f.label): a case-insensitive substring; % and _ match literally.",
                     refs: ["\(ref).search", "\(ref).searchable", "\(ref).fields.\(f.name).search"])
        }
        if has(.get) {
            plan.add(key + "getMissing", "Answers 404 for a \(label) that does not exist.", refs: ["\(ref).get"])
        }
        let hasRequired = fields.contains(where: \.required)
        if has(.update) {
            plan.add(key + "replace", "Replaces a \(label) with PUT.", refs: ["\(ref).update"])
            if !optional.isEmpty {
                plan.add(key + "replaceReset", "PUT resets the fields it leaves out to their defaults.", refs: ["\(ref).update"])
            }
            plan.add(key + "patch", "Changes only the fields sent with PATCH.", refs: ["\(ref).update"])
            plan.add(key + "updateInvalid", "Refuses an empty or invalid update.", refs: ["\(ref).update"])
            plan.add(key + "updateMissing", "Answers 404 when updating a \(label) that does not exist.", refs: ["\(ref).update"])
        }
        if has(.delete) {
            plan.add(key + "delete", "Deletes a \(label) (204); it is gone afterwards.", refs: ["\(ref).delete"])
        }
        // Operations with grants of their own (contract v2) are tested by the rules tests instead.
        let v1Access = !PythonContract.grantMode(e)
        let ownerChecks = v1Access && writeOwner && (has(.update) || has(.delete))
        let privateTest = v1Access && readOwner && (has(.get) || has(.list))
        let publicRead = v1Access && e.isOwned && e.access.read == .anyone && (has(.get) || has(.list))
        let signedIn = v1Access && (readSignedIn || writeSignedIn)
        if writeOwner {
            plan.add(key + "writeSignIn", "Creating or changing a \(label) needs a valid token (401).", refs: ["\(ref).access"])
        }
        if ownerChecks {
            plan.add(key + "owner", "Only the owner of a \(label) may change or delete it; anyone else gets 403.",
                     refs: ["\(ref).access"])
        }
        if privateTest {
            plan.add(key + "private", "A \(label) is private: others neither list nor read it.", refs: ["\(ref).access"])
        }
        if publicRead {
            plan.add(key + "publicRead", "Anyone reads \(label), without signing in.", refs: ["\(ref).access"])
        }
        if signedIn {
            plan.add(key + "signedIn", "Only signed-in users may \(readSignedIn ? "read" : "")\(readSignedIn && writeSignedIn ? " or " : "")\(writeSignedIn ? "write" : "") \(label).",
                     refs: ["\(ref).access"])
        }

        let grantMode = PythonContract.grantMode(e)
        let pendingContract = PythonContractTestModel.plan(e, spec: spec, context: context, plan: plan)
        let actionDocs = e.actions.map { a in
            "\"\"\"\(comment(a.label)): POST /api/\(e.plural)/{id}/\(a.name), one transaction (x-sculpt-access: \(a.access.map(\.description).joined(separator: " or ")))." +
                "\"\"\""
        }

        return {
            let className = reservedClassNames.contains(typeName) ? typeName + "Record" : typeName
            let v = PythonCode.safeName(e.name, avoiding: reservedVariables)
            let userGuard = "user = current_user()"
            let signedInGuard = "current_user()  # signed-in users only"
            var writeGuard = writeOwner ? [userGuard] : writeSignedIn ? [signedInGuard] : []
            let readGuard = readOwner ? [userGuard] : readSignedIn ? [signedInGuard] : []
            var createGuard = writeGuard
            var listGuard = readGuard, getGuard = readGuard, listScope: [String] = []
            if readOwner { listScope = ["query = query.where(\(className).owner_id == user.id)"] }
            var getOwnerCheck = false
            var updateArgs = "db, \(v)_id", deleteArgs = "db, \(v)_id", writableParams = "db, \(v)_id"
            if grantMode {
                func guardLine(_ op: EntityOperation, owner: Bool) -> String {
                    owner ? "user, owner_only = authorize(ACCESS[\"\(op.rawValue)\"])" : "authorize(ACCESS[\"\(op.rawValue)\"])"
                }
                createGuard = [e.isOwned ? "user, _ = authorize(ACCESS[\"create\"])" : guardLine(.create, owner: false)]
                let listOwner = e.grants(for: .list).contains(.owner) && !e.grants(for: .list).allowsEverySignedIn
                listGuard = [guardLine(.list, owner: listOwner)]
                listScope = listOwner ? ["if owner_only:", "    query = query.where(\(className).owner_id == user.id)"] : []
                getOwnerCheck = e.grants(for: .get).restrictsToOwner
                getGuard = [guardLine(.get, owner: getOwnerCheck)]
                writeGuard = ["user, owner_only = authorize(grants)"]
                updateArgs = "db, \(v)_id, ACCESS[\"update\"]"
                deleteArgs = "db, \(v)_id, ACCESS[\"delete\"]"
                writableParams = "db, \(v)_id, grants"
            }
            let parentEntities = e.relations.compactMap { spec.entity(named: $0.relation.entity) }
            let restrict = PythonContract.restrictChildren(e, spec: spec)
            let hasChildren = !spec.children(of: e.name).isEmpty && has(.delete)
            let checksParents = has(.create) || has(.update)
            var models = [className] + (checksParents ? parentEntities.map(PythonContract.className) : []) + (hasChildren ? restrict.map(PythonContract.className) : [])
            models += PythonContract.actionLogs(e).map(\.className)
            let actionModels = zip(e.actions, actionDocs).map { a, doc in
                PythonContract.action(a, of: e, spec: spec, catalog: context.catalog, docstring: doc,
                                      variable: PythonCode.safeName(e.name, avoiding: FastAPIEntityModel.reservedVariables))
            }
            var routeImports: [String] = []
            for a in e.actions {
                if let made = a.createdEntity.flatMap(spec.entity(named:)) {
                    models.append(PythonContract.className(made))
                    if a.onlyCreates && made.name != e.name { routeImports.append("from routes.\(made.plural) import \(made.name)_json") }
                }
            }
            var seen = Set<String>()
            models = models.filter { seen.insert($0).inserted }
            let modelNames = [className] + models.dropFirst().sorted()
            var relationNames: [String] = []
            if !parentEntities.isEmpty && (has(.create) || has(.update)) { relationNames.append("ensure_parents") }
            if !parentEntities.isEmpty && has(.list) { relationNames.append("parent_id_param") }
            if hasChildren {
                relationNames.append("commit_delete")
                if !restrict.isEmpty { relationNames.append("ensure_no_children") }
            }
            var flask = ["Blueprint"]
            if has(.delete) { flask.append("Response") }
            if !parentEntities.isEmpty && has(.list) { flask.append("request") }
            var sqlNames: [String] = []
            if actionModels.contains(where: { $0.changesLiteral.contains("func.") || $0.ruleLines.joined().contains("func.") }) {
                sqlNames.append("func")
            }
            if has(.list) { sqlNames.append("select") }
            var authNames: [String] = []
            if grantMode || (!e.actions.isEmpty && (spec.accounts?.login ?? false)) { authNames.append("authorize") }
            if !grantMode && (!writeGuard.isEmpty || !readGuard.isEmpty) { authNames.append("current_user") }
            var crud = ["to_json"]
            if has(.create) || has(.update) { crud += ["assign", "commit", "ensure_unique"] }
            if hasItemOps { crud.append("get_or_404") }
            if has(.list) { crud.append("page_of") }
            let hasSearch = has(.list) && !searchable.isEmpty
            if hasSearch { crud.append("search_filter") }
            var validation: [String] = []
            if has(.create) || has(.update) { validation += ["read_json_object", "validate"] }
            if has(.list) { validation.append("page_params") }
            if hasSearch { validation.append("search_text") }
            var helpers = ["error_of"] + (has(.create) ? ["sample_\(e.name)"] : [])
            let cases = pendingCases.map { $0() }
            // Without a create operation the module holds only the list and 404 tests.
            if !cases.isEmpty && has(.create) { helpers.append("assert_rejected") }
            if cases.contains(where: \.hasAccepted) && has(.create) { helpers.append("assert_accepted") }
            if cases.contains(where: { $0.rejected.contains("MISSING") }) && has(.create) { helpers.append("MISSING") }
            if needsSignIn { helpers.append(grantMode ? "admin_headers" : "sign_in") }
            let contractTests = pendingContract()
            for line in contractTests.parentSetup {
                for h in ["sign_in", "admin_headers"] where line.contains(h + "(") && !helpers.contains(h) { helpers.append(h) }
            }
            for p in e.relations.compactMap({ spec.entity(named: $0.relation.entity) }) where contractTests.hasParentSetup {
                if !helpers.contains("sample_\(p.name)") { helpers.append("sample_\(p.name)") }
            }
            if (!uniques.isEmpty || !searches.isEmpty) && has(.create) { helpers.append("with_value") }
            // A relation field points at record 1: each test of a child starts by creating its parents.
            let samples = fields.map { PythonKeyValue(key: PythonCode.string($0.name), value: $0.field?.relation != nil ? "1" : PythonTestValues.sample($0)) }
            let optionalPairs = optional.map { ($0.name, $0.defaultValue.map(PythonCode.value) ?? "None") }
            return PythonEntityModel(
                name: e.name, plural: e.plural, className: className, typeName: typeName, table: e.plural, var: v,
                url: "/api/\(e.plural)", docLabel: comment(label), labelLiteral: PythonCode.string(label),
                rulesName: e.name.uppercased() + "_FIELDS",
                columns: fields.map { PythonColumnModel(declaration: $0.columnDeclaration(in: spec)) }, rules: fields.map(\.ruleExpression),
                owned: e.isOwned, readOwner: readOwner && !grantMode, writeOwner: writeOwner && !grantMode, readSignedIn: readSignedIn,
                writeSignedIn: writeSignedIn, createGuard: createGuard, readGuard: readGuard, writeGuard: writeGuard,
                usesAuth: !authNames.isEmpty,
                usesApiError: (readOwner && has(.get)) || (writeOwner && (has(.update) || has(.delete)))
                    || (grantMode && (getOwnerCheck || has(.update) || has(.delete))),
                accessDoc: grantMode
                    ? "per operation (x-sculpt-access): " + e.operations.map { "\($0.rawValue) \(e.grants(for: $0).map(\.description).joined(separator: " or "))" }.joined(separator: "; ") + "."
                    : e.accessSummary, hasCreate: has(.create), hasList: has(.list), hasGet: has(.get),
                hasUpdate: has(.update), hasDelete: has(.delete), hasWrites: has(.update) || has(.delete),
                hasSearch: hasSearch,
                searchColumns: PythonCode.tuple(searchable.map { "\(className).\($0.attr)" }),
                operationsDoc: e.operationsSummary, crudImports: crud.sorted().joined(separator: ", "),
                validationImports: validation.sorted().joined(separator: ", "),
                samples: samples, samplesVary: fields.contains { $0.field?.relation == nil && PythonTestValues.sampleVaries($0) },
                helperImports: helpers.sorted(by: isortOrder).joined(separator: ", "),
                needsSignIn: needsSignIn,
                headersDoc: needsSignIn ? "A signed-in user's Authorization header." : "No Authorization header: \(comment(label)) needs no sign-in.",
                hasOptional: !optional.isEmpty, optionalLiteral: PythonCode.dict(optionalPairs), hasRequired: hasRequired,
                usesMessage: has(.get) || (!uniques.isEmpty && has(.create)),
                patchField: PythonCode.string(fields.first?.name ?? ""),
                valueCases: cases,
                uniqueCases: uniques.map {
                    PythonUniqueCaseModel(field: $0.name, fieldLiteral: PythonCode.string($0.name), labelLiteral: PythonCode.string($0.label),
                                         docstring: plan.docstring(key + "unique." + $0.name))
                },
                searchCases: hasSearch ? searches.map { f, s in
                    PythonSearchCaseModel(field: f.name, fieldLiteral: PythonCode.string(f.name), alpha: PythonCode.string(s.alpha),
                                         bravo: PythonCode.string(s.bravo), needle: PythonCode.string(s.needle), probeWildcards: s.probeWildcards,
                                         docstring: plan.docstring(key + "search." + f.name))
                } : [],
                ownerChecks: ownerChecks, privateTest: privateTest, publicRead: publicRead, signedIn: signedIn,
                signedInNeedsItem: signedIn && ((readSignedIn && has(.get)) || (writeSignedIn && (has(.update) || has(.delete)))),
                hasAccessTests: (writeOwner && v1Access) || privateTest || publicRead || signedIn,
                doc: plan.docstrings(prefix: key),
                flaskImports: flask.joined(separator: ", "),
                sqlImports: sqlNames.isEmpty ? [] : ["from sqlalchemy import \(sqlNames.joined(separator: ", "))"],
                extraImportsBefore: e.actions.isEmpty ? [] : ["from actions import perform"],
                authImports: authNames.sorted().joined(separator: ", "),
                modelNames: modelNames.joined(separator: ", "),
                relationImports: relationNames.isEmpty ? [] : ["from relations import \(relationNames.sorted().joined(separator: ", "))"],
                routeImports: routeImports.sorted(),
                grantMode: grantMode, accessLiteral: PythonContract.accessLiteral(e),
                hasParents: !parentEntities.isEmpty && (has(.create) || has(.update)),
                parentsLiteral: PythonContract.parentsLiteral(e, spec: spec),
                parents: has(.list) ? e.relations.map {
                    PythonParentModel(field: $0.field.name, attr: PythonField.attribute(for: $0.field.name), fieldLiteral: PythonCode.string($0.field.name))
                } : [],
                hasChildren: hasChildren, hasRestrictChildren: hasChildren && !restrict.isEmpty,
                childrenLiteral: PythonContract.childrenLiteral(e, spec: spec),
                listGuard: listGuard, listScope: listScope, getGuard: getGuard, getOwnerCheck: getOwnerCheck,
                updateArgs: updateArgs, deleteArgs: deleteArgs, writableParams: writableParams,
                actions: actionModels, actionLogs: PythonContract.actionLogs(e),
                tests: contractTests, headersExpr: grantMode ? "admin_headers(client)" : "sign_in(client)")
        }
    }

    /// isort's order for names imported from one module: CONSTANTS, then Classes, then functions.
    static func isortOrder(_ a: String, _ b: String) -> Bool {
        func rank(_ s: String) -> Int { s == s.uppercased() ? 0 : (s.first?.isUppercase == true ? 1 : 2) }
        return rank(a) != rank(b) ? rank(a) < rank(b) : a < b
    }
}

/// One column declaration of models.py.
struct PythonColumnModel {
    let declaration: String
}

/// Text safe inside a Python comment or a one-line docstring.
func comment(_ s: String) -> String {
    s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\\", with: "/").replacingOccurrences(of: "\"", with: "'")
}

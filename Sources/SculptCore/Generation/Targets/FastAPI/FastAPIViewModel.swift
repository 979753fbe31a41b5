import Foundation

/// Everything the FastAPI templates print. What both Python frameworks share (the test plan, messages,
/// samples, constraint cases, SQLAlchemy columns) comes from `PythonViewModel`, which templates open
/// with `{{#python}}`; this adds what is FastAPI's own: Pydantic schemas and route signatures.
struct FastAPIViewModel {
    let python: PythonViewModel
    let accounts: [FastAPIAccountsModel]
    let entities: [FastAPIEntityModel]
    let typingImports: String
    let modelImports: [String]
    let routerModules: String
    let routers: [String]
    let appTitleLiteral: String
    let titleComment: String

    init(spec: AppSpec, context: GenerationContext) throws {
        let python = try PythonViewModel(spec: spec, context: context)
        self.python = python
        var accounts: [FastAPIAccountsModel] = []
        if let a = spec.accounts, let model = python.accounts.first {
            accounts.append(FastAPIAccountsModel(a, model: model, context: context))
        }
        self.accounts = accounts
        let entities = zip(spec.entities, python.entities).map { FastAPIEntityModel($0, model: $1, context: context) }
        self.entities = entities
        let declarations = (accounts.flatMap(\.inputFields) + entities.flatMap(\.inputFields)).joined(separator: "\n")
        var typing = ["Annotated", "ClassVar"]
        if declarations.contains(": Any =") { typing.insert("Any", at: 1) }
        if declarations.contains("Literal[") { typing.append("Literal") }
        typingImports = typing.joined(separator: ", ")
        modelImports = python.modelImports
        var modules = ["health"] + entities.map(\.entity.plural)
        if !accounts.isEmpty { modules.append("auth") }
        routerModules = modules.sorted().joined(separator: ", ")
        routers = ["health"] + (accounts.isEmpty ? [] : ["auth"]) + entities.map(\.entity.plural)
        appTitleLiteral = PythonCode.string(spec.title)
        titleComment = python.titleComment
    }

    /// `title: str = Field(min_length=1, max_length=200, title="标题")`: one Pydantic field. `partial`
    /// (PATCH) makes it optional without a default, so only the fields sent are set.
    static func declaration(_ f: PythonField, partial: Bool = false) -> String {
        var args: [String] = []
        if partial {
            args.append("default=None")
        } else if !f.required {
            args.append("default=" + (f.defaultValue.map(PythonCode.value) ?? "None"))
            if let d = f.defaultValue, !(d is NSNull) { args.append("validate_default=True") }
        }
        if f.attr != f.name { args.append("alias=\(PythonCode.string(f.name))") }
        args.append("title=\(PythonCode.string(f.label))")
        let type: String
        var isString = false
        if !f.choices.isEmpty {
            type = "Literal[" + f.choices.map(PythonCode.string).joined(separator: ", ") + "]"
        } else {
            switch (f.type, f.format) {
            case ("string", "date"): type = "IsoDate"
            case ("string", "date-time"): type = "IsoDateTime"
            case ("string", "email"): type = "str"; isString = true; args.append("pattern=EMAIL")
            case ("string", _): type = "str"; isString = true
            case ("integer", _): type = "JsonInt"
            case ("number", _): type = "float"
            case ("boolean", _): type = "bool"
            default: type = "Any"
            }
        }
        if isString {
            if let v = f.minLength { args.append("min_length=\(v)") }
            if let v = f.maxLength { args.append("max_length=\(v)") }
        }
        if let v = f.minimum { args.append("ge=\(PythonCode.number(v))") }
        if let v = f.exclusiveMinimum { args.append("gt=\(PythonCode.number(v))") }
        if let v = f.maximum { args.append("le=\(PythonCode.number(v))") }
        return "\(f.attr): \(type) = Field(\(args.joined(separator: ", ")))"
    }

    static func uniqueTuple(_ fields: [PythonField]) -> String {
        let names = fields.filter(\.unique).map { PythonCode.string($0.attr) }
        return names.isEmpty ? "()" : PythonCode.tuple(names)
    }
}

struct FastAPIAccountsModel {
    let accounts: PythonAccountsModel
    let inputFields: [String]
    let passwordField: String
    let loginFields: [String]
    let uniqueAttrs: String

    init(_ a: Accounts, model: PythonAccountsModel, context: GenerationContext) {
        accounts = model
        let account = PythonField.of(context.schemas.account)
        let signUp = PythonField.of(context.schemas.signUp)
            
        let login = PythonField.of(context.schemas.login)
        inputFields = account.map { FastAPIViewModel.declaration($0) }
        passwordField = signUp.first { $0.name == "password" }.map { FastAPIViewModel.declaration($0) } ?? ""
        loginFields = login.map { FastAPIViewModel.declaration($0) }
        uniqueAttrs = FastAPIViewModel.uniqueTuple(account)
    }
}

struct FastAPIEntityModel {
    let entity: PythonEntityModel
    let inputFields: [String]
    let patchFields: [String]
    let uniqueAttrs: String
    let itemVar: String
    let routerImports: [String]
    private(set) var createSignature: String
    private(set) var listSignature: String
    private(set) var getSignature: String
    private(set) var replaceSignature: String
    private(set) var patchSignature: String
    private(set) var deleteSignature: String
    private(set) var writableArgs: String
    private(set) var fastWritableParams: String
    let createOwner: Bool
    /// `user.id`, or `caller.user.id` where access is per operation.
    let createOwnerId: String
    /// Lines narrowing a list to the caller's own records.
    private(set) var fastListScope: [String]

    static let reservedVariables: Set<String> = PythonEntityModel.reservedVariables.union([
        "body", "router", "response", "db", "q", "DB", "CurrentUser", "Page", "PageSize", "Search", "LABEL", "SEARCHABLE",
    ])

    init(_ e: Entity, model m: PythonEntityModel, context: GenerationContext) {
        entity = m
        let fields = PythonField.of(context.schemas.input(e))
            
        inputFields = fields.map { FastAPIViewModel.declaration($0) }
        patchFields = fields.map { FastAPIViewModel.declaration($0, partial: true) }
        uniqueAttrs = FastAPIViewModel.uniqueTuple(fields)
        let v = PythonCode.safeName(e.name, avoiding: Self.reservedVariables)
        itemVar = v
        let id = "\(v)_id: int"
        let input = "body: \(m.typeName)Input"
        let patch = "body: \(m.typeName)Patch"
        let writeUser = m.writeOwner, readUser = m.readOwner
        createOwner = m.owned
        func signature(_ name: String, _ params: [String], user: Bool, signedIn: Bool, decorator: String) -> String {
            var deps = ""
            if signedIn && !user { deps = ", dependencies=[Depends(current_user)]" }
            return "@router.\(decorator)\(deps.isEmpty ? ")" : deps + ")")\ndef \(name)(\((params + ["db: DB"] + (user ? ["user: CurrentUser"] : [])).joined(separator: ", ")))"
        }
        let createUser = m.owned || writeUser
        createSignature = signature("create_\(m.name)", [input], user: createUser, signedIn: m.writeSignedIn,
                                    decorator: "post(\"\", status_code=201")
        var listParams = ["db: DB"] + (readUser ? ["user: CurrentUser"] : []) + ["page: Page = 1", "page_size: PageSize = DEFAULT_PAGE_SIZE"]
        if m.hasSearch { listParams.append("q: Search = \"\"") }
        let listDeps = m.readSignedIn && !readUser ? ", dependencies=[Depends(current_user)]" : ""
        listSignature = "@router.get(\"\"\(listDeps))\ndef list_\(m.plural)(\(listParams.joined(separator: ", ")))"
        getSignature = signature("get_\(m.name)", [id], user: readUser, signedIn: m.readSignedIn, decorator: "get(\"/{\(v)_id}\"")
        replaceSignature = signature("replace_\(m.name)", [id, input], user: writeUser, signedIn: m.writeSignedIn,
                                     decorator: "put(\"/{\(v)_id}\"")
        patchSignature = signature("patch_\(m.name)", [id, patch], user: writeUser, signedIn: m.writeSignedIn,
                                   decorator: "patch(\"/{\(v)_id}\"")
        deleteSignature = signature("delete_\(m.name)", [id], user: writeUser, signedIn: m.writeSignedIn,
                                    decorator: "delete(\"/{\(v)_id}\", status_code=204")
        writableArgs = "db, \(v)_id" + (writeUser ? ", user" : "")
        fastWritableParams = writableArgs
        createOwnerId = m.grantMode ? "caller.user.id" : "user.id"
        fastListScope = m.readOwner ? ["query = query.where(\(m.className).owner_id == user.id)"] : []
        let relationParams = m.parents.map { "\($0.attr): ParentId = None" }
        if !relationParams.isEmpty {
            // ?<parent>_id=N on the list: an id from 1 (FastAPI answers anything else with a 400 naming it).
            listSignature = "@router.get(\"\"\(listDeps))\n" + PythonCode.def("list_\(m.plural)", listParams + relationParams)
        }
        if m.grantMode {
            func caller(_ op: String) -> String { "caller: Annotated[Caller, Depends(authorize(ACCESS[\"\(op)\"]))]" }
            func grantSignature(_ name: String, _ params: [String], _ op: String, decorator: String) -> String {
                "@router.\(decorator))\n" + PythonCode.def(name, params + ["db: DB", caller(op)])
            }
            createSignature = grantSignature("create_\(m.name)", [input], "create", decorator: "post(\"\", status_code=201")
            var params = ["db: DB", caller("list"), "page: Page = 1", "page_size: PageSize = DEFAULT_PAGE_SIZE"]
            if m.hasSearch { params.append("q: Search = \"\"") }
            listSignature = "@router.get(\"\")\n" + PythonCode.def("list_\(m.plural)", params + relationParams)
            getSignature = grantSignature("get_\(m.name)", [id], "get", decorator: "get(\"/{\(v)_id}\"")
            replaceSignature = grantSignature("replace_\(m.name)", [id, input], "update", decorator: "put(\"/{\(v)_id}\"")
            patchSignature = grantSignature("patch_\(m.name)", [id, patch], "update", decorator: "patch(\"/{\(v)_id}\"")
            deleteSignature = grantSignature("delete_\(m.name)", [id], "delete", decorator: "delete(\"/{\(v)_id}\", status_code=204")
            writableArgs = "db, \(v)_id, caller"
            fastWritableParams = writableArgs
            if m.listScope.contains(where: { $0.hasPrefix("if owner_only") }) {
                fastListScope = ["if caller.owner_only:", "    query = query.where(\(m.className).owner_id == caller.user.id)"]
            }
        }
        // Imports, sorted as isort would.
        var fastapi = ["APIRouter"]
        let signedInDeps = !m.grantMode && ((m.writeSignedIn && !createUser) || (m.readSignedIn && !readUser)
            || (m.writeSignedIn && !writeUser && (m.hasUpdate || m.hasDelete)))
        let usesCaller = m.grantMode || m.actions.contains(where: \.authorized)
        if signedInDeps || usesCaller { fastapi.append("Depends") }
        if !relationParams.isEmpty { fastapi.append("Query") }
        if m.hasDelete { fastapi.append("Response") }
        var lines: [String] = []
        if usesCaller || !relationParams.isEmpty { lines += ["from typing import Annotated", ""] }
        lines.append("from fastapi import \(fastapi.sorted().joined(separator: ", "))")
        lines += m.sqlImports
        lines.append("")
        lines += m.extraImportsBefore
        var authNames: [String] = []
        let usesUser = !m.grantMode && (createUser || readUser || (writeUser && (m.hasUpdate || m.hasDelete)))
        if usesUser { authNames.append("CurrentUser") }
        if signedInDeps { authNames.append("current_user") }
        if usesCaller { authNames += ["Caller", "authorize"] }
        if !authNames.isEmpty { lines.append("from auth import \(authNames.sorted(by: PythonEntityModel.isortOrder).joined(separator: ", "))") }
        var crud = ["to_json"]
        if m.hasCreate || m.hasUpdate { crud += ["commit", "ensure_unique"] }
        if m.hasCreate || m.hasUpdate { crud.append("assign") }
        if m.hasGet || m.hasUpdate || m.hasDelete { crud.append("get_or_404") }
        if m.hasList { crud += ["Page", "PageSize", "page_of"] }
        if m.hasSearch { crud += ["Search", "search_filter"] }
        if m.hasList { lines.append("from config import DEFAULT_PAGE_SIZE") }
        lines.append(PythonCode.fromImport("crud", Array(Set(crud)).sorted(by: PythonEntityModel.isortOrder)))
        lines.append("from database import DB")
        if m.usesApiError {
            lines.append("from errors import ApiError")
            lines.append("from messages import message")
        }
        lines.append("from models import \(m.modelNames)")
        // FastAPI reads the list's ?<parent>_id itself (ParentId below).
        lines += m.relationImports.map {
            $0.replacingOccurrences(of: ", parent_id_param", with: "").replacingOccurrences(of: "parent_id_param, ", with: "")
        }.filter { $0 != "from relations import parent_id_param" }
        lines += m.routeImports.map { $0.replacingOccurrences(of: "from routes.", with: "from routers.") }
        lines.append("from routing import JSONRoute")
        var schemas = ["\(m.typeName)Input"]
        if m.hasUpdate { schemas.append("\(m.typeName)Patch") }
        lines.append("from schemas import \(schemas.sorted().joined(separator: ", "))")
        if !relationParams.isEmpty {
            lines += ["", "# The `?<parent>_id=N` filter of the list: an id from 1.", "ParentId = Annotated[int | None, Query(ge=1, le=2**63 - 1)]"]
        }
        routerImports = lines
    }
}

extension PythonCode {
    /// `def name(a, b)`, with one parameter a line when longer than 120 characters (the caller adds the colon).
    static func def(_ name: String, _ params: [String]) -> String {
        let line = "def \(name)(\(params.joined(separator: ", ")))"
        if line.count + 1 <= 120 { return line }
        return "def \(name)(\n" + params.map { "    \($0),\n" }.joined() + ")"
    }

    /// `from module import a, b`, wrapped in parentheses one name a line when longer than 120 characters.
    static func fromImport(_ module: String, _ names: [String]) -> String {
        let line = "from \(module) import \(names.joined(separator: ", "))"
        if line.count <= 120 { return line }
        return "from \(module) import (\n" + names.map { "    \($0),\n" }.joined() + ")"
    }
}

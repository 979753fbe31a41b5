/// What the Python targets print about accounts (Flask and FastAPI alike; FastAPI adds its Pydantic parts): the User model, the sign-up and login rules,
/// the auth routes and their tests.
struct PythonAccountsModel {
    let hasLogin: Bool
    let hasProfile: Bool
    let columns: [PythonColumnModel]
    let accountRules: [String]
    let passwordRule: String
    let loginRules: [String]
    let identityName: String
    let identityAttr: String
    let identityLiteral: String
    let identityLabelLiteral: String
    let loginIdentityLabelLiteral: String
    let passwordLabelLiteral: String
    let registerPath: String
    let loginPath: String
    let mePath: String
    let authImports: String
    let rulesImports: String
    let signUpSamples: [PythonKeyValue]
    let signUpFieldList: String
    let loginKeys: String
    let valueCases: [PythonValueCaseModel]
    let doc: [String: String]
    let hasRoles: Bool
    let rolesLiteral: String
    let adminLoginLiteral: String

    /// Registers the account tests in `plan`; the returned closure builds the model once clauses are cited.
    static func plan(_ a: Accounts, context: GenerationContext, plan: TestPlan) -> () -> PythonAccountsModel {
        let account = PythonField.of(context.schemas.account)
        let signUp = PythonField.of(context.schemas.signUp)
        let password = signUp.first { $0.name == "password" }!
        let login = PythonField.of(context.schemas.login)
        let identity = account[0]
        let path = { (action: APIAction) in context.plan.path(of: action) ?? "/api/auth/\(action.rawValue)" }

        plan.add("accounts.register", "Signs up: 201 with the new account and a success message, never the password.",
                 refs: ["accounts", "accounts.register", "accounts.fields"] + a.fields.map { "accounts.fields.\($0.name)" })
        plan.add("accounts.hash", "Stores the password only as a salted scrypt hash.",
                 refs: ["accounts.password", "accounts.password.hash", "accounts.register"])
        plan.add("accounts.massAssignment", "Ignores id, is_admin, role and other fields the client may not set.",
                 refs: ["accounts.register"])
        plan.add("accounts.duplicate", "Refuses a second account with the same \(identity.label) (409, naming the field).",
                 refs: ["accounts.identity", "accounts.identity.unique"])
        plan.add("accounts.race", "Eight racing sign-ups with one \(identity.label) create one account; the others get 409.",
                 refs: ["accounts.identity.unique"])
        var pending: [() -> PythonValueCaseModel] = []
        for f in signUp {
            let base = EdgeCase.accountRefBase(f.name, identity: identity.name)
            pending += PythonValueCaseModel.build(for: f, refBase: base, keyBase: "accounts.field", plan: plan,
                                                 url: "REGISTER_URL", makeBody: "sign_up_body", withHeaders: false)
        }
        if a.login {
            plan.add("accounts.login", "Logs in with the right credentials: a Bearer token, its lifetime and the account.",
                     refs: ["accounts.login"])
            plan.add("accounts.loginWrong", "Refuses a wrong password or an unknown \(identity.label) with 401.", refs: ["accounts.login"])
            plan.add("accounts.loginMissing", "Refuses a login without \(identity.label) or password with 400.", refs: ["accounts.login"])
            plan.add("accounts.expiry", "A token stops working after \(a.tokenHours) hours.",
                     refs: ["accounts.tokenHours", "accounts.token"])
        }
        let hasRoles = !a.roles.isEmpty && a.login
        if hasRoles {
            plan.add("accounts.rolesNotAtSignUp", "Sign-up never grants a role, whatever the body asks for: the account answers list no roles.",
                     refs: ["accounts.roles", "accounts.register"] + a.roles.map { "accounts.roles.\($0.name)" })
            plan.add("accounts.adminAccount", "The account named by ADMIN_USERNAME / ADMIN_PASSWORD is created at start holding every role.",
                     refs: ["accounts.roles"] + a.roles.map { "accounts.roles.\($0.name)" })
        }
        if a.profile {
            plan.add("accounts.me", "Shows the signed-in user's own account.", refs: ["accounts.profile", "accounts.me"])
            plan.add("accounts.meUnauthorized", "Refuses the profile without a token, or with a forged one (401).",
                     refs: ["accounts.profile", "accounts.me"])
        }

        return {
            var authImports = ["hash_password"]
            if a.login { authImports += ["issue_token", "password_matches"] }
            if a.profile { authImports.append("current_user") }
            if hasRoles { authImports.append("user_roles") }
            var rulesImports = ["ACCOUNT_FIELDS", "SIGN_UP_FIELDS"]
            if a.login { rulesImports += ["LOGIN_FIELDS", "PASSWORD"] }
            let samples = signUp.map { f in
                PythonKeyValue(key: PythonCode.string(f.name),
                              value: PythonTestValues.sample(f, prefix: f.name == "password" ? "Secret pass" : f.name == identity.name ? "user" : nil))
            }
            return PythonAccountsModel(
                hasLogin: a.login, hasProfile: a.profile,
                columns: account.map { PythonColumnModel(declaration: $0.columnDeclaration) },
                accountRules: account.map(\.ruleExpression), passwordRule: password.ruleExpression,
                loginRules: login.map(\.ruleExpression), identityName: identity.name, identityAttr: identity.attr,
                identityLiteral: PythonCode.string(identity.name), identityLabelLiteral: PythonCode.string(identity.label),
                loginIdentityLabelLiteral: PythonCode.string(login.first?.label ?? identity.label),
                passwordLabelLiteral: PythonCode.string(login.last?.label ?? password.label),
                registerPath: path(.register), loginPath: path(.login), mePath: path(.me),
                authImports: authImports.sorted().joined(separator: ", "),
                rulesImports: rulesImports.sorted().joined(separator: ", "),
                signUpSamples: samples, signUpFieldList: signUp.map(\.name).joined(separator: ", "),
                loginKeys: PythonCode.tuple(login.map { PythonCode.string($0.name) }),
                valueCases: pending.map { $0() }, doc: plan.docstrings(prefix: "accounts."),
                hasRoles: hasRoles, rolesLiteral: PythonCode.tuple(a.roles.map { PythonCode.string($0.name) }),
                adminLoginLiteral: "{\(PythonCode.string(identity.name)): \(identity.field?.type == .email ? "\"root.admin@example.com\"" : "\"root_admin\""), \"password\": \"Admin-pass-for-tests-1\"}")
        }
    }
}

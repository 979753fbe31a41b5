/// Everything the Hummingbird templates print about accounts: the User record, the sign-up and login
/// inputs, and the auth routes.
struct HummingbirdAccountsModel {
    let hasLogin: Bool
    let hasProfile: Bool
    let fields: [HummingbirdFieldModel]
    let passwordRule: String
    let uniqueRules: String
    let loginRules: [HummingbirdFieldModel]
    let identityName: String
    let identityProperty: String
    let tableModel: HummingbirdTableModel
    /// The checked sign-up fields (password last) and login fields, for the tests.
    let signUp: [HummingbirdField]
    let login: [HummingbirdField]

    init(_ a: Accounts, context: GenerationContext) {
        let account = HummingbirdField.load("SignUp", fields: a.signUpFields, openAPI: context.openAPI)
        let signUp = HummingbirdField.load("SignUp", fields: a.signUpFields, openAPI: context.openAPI, extra: ["password"])
        let password = signUp.first { $0.name == "password" }
        let login = HummingbirdField.load("Login", fields: [a.identity], openAPI: context.openAPI, extra: ["password"],
                                          labels: ["password": a.password.label], uniqueness: false)
        hasLogin = a.login
        hasProfile = a.login && a.profile
        fields = account.map { HummingbirdFieldModel($0) }
        passwordRule = password?.rule ?? "Rule(name: \"password\", label: \"Password\", kind: .text, required: true)"
        uniqueRules = account.filter(\.unique).map { "SignUpInput.\($0.property)" }.joined(separator: ", ")
        loginRules = login.map { HummingbirdFieldModel($0) }
        identityName = a.identity.name
        identityProperty = account.first?.property ?? "username"
        var columns = account.map(\.column)
        columns.append("t.column(\"password_hash\", .text).notNull()")
        tableModel = HummingbirdTableModel(table: "users", columns: columns, indexes: [])
        self.signUp = signUp
        self.login = login
    }
}

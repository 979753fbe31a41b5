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
    /// Whether accounts hold roles (contract v2), and their names as a Swift list's elements.
    let hasRoles: Bool
    let roleNames: String
    let firstRole: String
    /// The checked sign-up fields (password last) and login fields, for the tests.
    let signUp: [HummingbirdField]
    let login: [HummingbirdField]

    init(_ a: Accounts, context: GenerationContext) {
        let account = HummingbirdField.of(context.schemas.account)
        let signUp = HummingbirdField.of(context.schemas.signUp)
        let password = signUp.first { $0.name == "password" }
        let login = HummingbirdField.of(context.schemas.login)
        hasLogin = a.login
        hasProfile = a.login && a.profile
        fields = account.map { f in
            var m = HummingbirdFieldModel(f)
            if f.name == a.identity.name { m.adminValue = "identity" }
            return m
        }
        hasRoles = !a.roles.isEmpty
        roleNames = a.roles.map { SwiftCode.string($0.name) }.joined(separator: ", ")
        firstRole = SwiftCode.string(a.roles.first?.name ?? "admin")
        passwordRule = password?.rule ?? "Rule(name: \"password\", label: \"Password\", kind: .text, required: true)"
        uniqueRules = account.filter(\.unique).map { "SignUpInput.\($0.property)" }.joined(separator: ", ")
        loginRules = login.map { HummingbirdFieldModel($0) }
        identityName = a.identity.name
        identityProperty = account.first?.property ?? "username"
        var columns = account.map(\.column)
        columns.append("t.column(\"password_hash\", .text).notNull()")
        if !a.roles.isEmpty { columns.append("t.column(\"roles\", .text).notNull().defaults(to: \"\")") }
        tableModel = HummingbirdTableModel(table: "users", columns: columns, indexes: [])
        self.signUp = signUp
        self.login = login
    }
}

import Foundation
import GRDB
import Hummingbird

/// Accounts: sign-up, login and the signed-in user's profile, under /api/auth.
struct AccountRoutes: Sendable {
    let services: AppServices

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post("register") { request, _ in try await register(request) }
        group.post("login") { request, _ in try await login(request) }
        group.get("me") { request, _ in try await me(request) }
    }

    // sculpt:part route-register
    /// Creates an account: 201 with the account and a success message; 409 when the username is taken
    /// (the UNIQUE constraint decides, so racing sign-ups create one account).
    func register(_ request: Request) async throws -> Response {
        let input = try SignUpInput(try await request.jsonObject())
        let hash = try await services.passwords.hash(input.password)
        let user = User(id: nil, username: input.username ?? "", passwordHash: hash)
        var view = try await services.insert(user, unique: SignUpInput.unique).view
        view.message = Messages.text("registered")
        return JSONResponse.make(.created, view)
    }

    // sculpt:part route-login
    /// Exchanges the username and password for a bearer token; 401 when either is wrong.
    func login(_ request: Request) async throws -> Response {
        let input = try LoginInput(try await request.jsonObject())
        let user = try await services.database.read { db in
            try User.filter(Column("username") == input.identity).fetchOne(db)
        }
        guard try await services.passwords.verify(input.password, hash: user?.passwordHash), let user, let id = user.id else {
            let text = Messages.text("bad_credentials", ["identity": LoginInput.username.label, "password": LoginInput.password.label])
            throw APIError(.unauthorized, "bad_credentials", text)
        }
        let answer = LoginAnswer(token: services.tokens.issue(userID: id), expiresIn: services.tokens.lifetime, user: user.view)
        return JSONResponse.make(.ok, answer)
    }

    // sculpt:part route-me
    /// The signed-in user's account.
    func me(_ request: Request) async throws -> Response {
        JSONResponse.make(.ok, try await services.currentUser(request).view)
    }
}

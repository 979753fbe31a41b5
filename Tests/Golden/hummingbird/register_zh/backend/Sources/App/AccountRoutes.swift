import Foundation
import GRDB
import Hummingbird

/// Accounts: sign-up, under /api/auth.
struct AccountRoutes: Sendable {
    let services: AppServices

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.post("register") { request, _ in try await register(request) }
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
}

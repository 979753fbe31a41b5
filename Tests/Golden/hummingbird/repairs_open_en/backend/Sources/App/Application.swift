import Foundation
import Hummingbird
import Logging

// sculpt:part app-factory
/// The application: the API under /api, GET /health, and the web page at / from the frontend folder.
public func buildApplication(_ configuration: AppConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    let router = try buildRouter(configuration, logger: logger)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        logger: logger
    )
}

// sculpt:part routes-registry
/// Every route and middleware, for the server and for the tests.
public func buildRouter(_ configuration: AppConfiguration, logger: Logger) throws -> Router<BasicRequestContext> {
    let services = AppServices(
        database: try AppDatabase.open(configuration.databasePath)
    )
    let router = Router(context: BasicRequestContext.self)
    // Outermost: every error becomes the contract's JSON body.
    router.add(middleware: ErrorMiddleware())
    // What no route answers is looked up in the frontend folder (index.html for /).
    router.add(middleware: FileMiddleware(configuration.frontendDirectory, searchForIndexHtml: true, logger: logger))
    router.get("/health") { _, _ in
        JSONResponse.make(.ok, ["status": "ok"])
    }
    RepairRequestRoutes(services: services).add(to: router.group("api/repair_requests"))
    return router
}

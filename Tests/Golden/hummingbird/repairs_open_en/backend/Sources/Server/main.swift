import App
import Foundation
import Logging

// Repair board: reads HOST, PORT, DATABASE_URL and SECRET_KEY from the environment and serves
// the API and the page until stopped (SIGINT or SIGTERM).
// sculpt:part server-main
LoggingSystem.bootstrap(StreamLogHandler.standardError)
var logger = Logger(label: "repair_board")
logger.logLevel = .info
do {
    let configuration = try AppConfiguration.fromEnvironment(logger: logger)
    let app = try await buildApplication(configuration, logger: logger)
    try await app.runService()
} catch {
    logger.critical("cannot start: \(error)")
    exit(1)
}

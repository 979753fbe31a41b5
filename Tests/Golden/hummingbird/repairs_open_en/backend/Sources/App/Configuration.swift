import Foundation
import Logging

// sculpt:part settings
/// Settings, read from the environment with defaults that are safe on a developer's machine.
public struct AppConfiguration: Sendable {
    /// The address to listen on (HOST, default 127.0.0.1) and the port (PORT, default 8000).
    public var host: String
    public var port: Int
    /// The SQLite file (DATABASE_URL: `sqlite:////abs/path/app.db`, `sqlite:///relative.db` or a plain
    /// path); nil keeps the data in memory (tests).
    public var databasePath: String?
    /// The key that signs login tokens (SECRET_KEY); random when unset, so tokens die with the process.
    public var secretKey: [UInt8]
    /// How long a login token stays valid.
    public var tokenLifetime: Int
    /// Seconds added to the clock that dates and checks tokens (CLOCK_OFFSET_SECONDS): lets a test
    /// see a token expire without waiting. Leave unset in production.
    public var clockOffset: Int = 0
    /// bcrypt's cost factor: 2^cost rounds per hash. Tests lower it to run fast.
    public var bcryptCost: UInt8
    /// The folder of the web page served at `/` (FRONTEND_DIR, default ../frontend).
    public var frontendDirectory: String

    /// Bodies above this size are refused with 413 before they are parsed.
    public static let maxBodyBytes = 1024 * 1024
    /// The spec's token lifetime in hours.
    public static let tokenHours = 24

    public init(host: String = "127.0.0.1", port: Int = 8000, databasePath: String? = nil, secretKey: [UInt8]? = nil,
                tokenLifetime: Int = AppConfiguration.tokenHours * 3600, bcryptCost: UInt8 = 12,
                frontendDirectory: String = "../frontend") {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.secretKey = secretKey ?? Self.randomKey()
        self.tokenLifetime = tokenLifetime
        self.bcryptCost = bcryptCost
        self.frontendDirectory = frontendDirectory
    }

    /// The production settings: the environment, with a warning when SECRET_KEY is missing.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment,
                                       logger: Logger) throws -> AppConfiguration {
        let host = env["HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let portText = env["PORT"].flatMap { $0.isEmpty ? nil : $0 } ?? "8000"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ConfigurationError(message: "PORT must be a number from 0 to 65535, not \(portText)")
        }
        let path = try databasePath(from: env["DATABASE_URL"] ?? "")
        var key: [UInt8]? = nil
        if let secret = env["SECRET_KEY"], !secret.isEmpty {
            key = Array(secret.utf8)
        } else {
            // Never a key written in the code: a random one works, but sign-ins end when the server restarts.
            logger.warning("SECRET_KEY is not set; using a random key, so sign-ins end when the server restarts")
        }
        let offsetText = env["CLOCK_OFFSET_SECONDS"].flatMap { $0.isEmpty ? nil : $0 } ?? "0"
        guard let offset = Int(offsetText) else {
            throw ConfigurationError(message: "CLOCK_OFFSET_SECONDS must be a whole number of seconds, not \(offsetText)")
        }
        var configuration = AppConfiguration(host: host, port: port, databasePath: path, secretKey: key,
                                             frontendDirectory: env["FRONTEND_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "../frontend")
        configuration.clockOffset = offset
        return configuration
    }

    /// The file path in DATABASE_URL; `app.db` beside the code when it is empty.
    static func databasePath(from url: String) throws -> String {
        if url.isEmpty { return "app.db" }
        for prefix in ["sqlite:///", "sqlite://"] where url.hasPrefix(prefix) {
            let rest = String(url.dropFirst(prefix.count))
            guard !rest.isEmpty else { break }
            // sqlite:////abs/path keeps its leading slash; sqlite:///name.db is relative.
            return rest
        }
        if url.hasPrefix("sqlite:") {
            throw ConfigurationError(message: "DATABASE_URL must look like sqlite:////absolute/path/app.db, not \(url)")
        }
        if url.contains("://") {
            throw ConfigurationError(message: "this backend stores its data in SQLite; DATABASE_URL \(url) is not supported")
        }
        return url
    }

    static func randomKey() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

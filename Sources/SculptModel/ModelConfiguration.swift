import Foundation

/// Where a setting's value came from, so an error can name the setting a user should change.
public struct SettingSource: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }
}

/// How to reach a model: endpoint, model name, key and limits.
///
/// Resolved from, in order of precedence: command-line flags, the environment (`SCULPT_*`, then the
/// `OPENAI_*` names most tools already set), the user's config file, then defaults. Each value keeps
/// its source so messages say "set --base-url or SCULPT_BASE_URL", not just "connection refused".
public struct ModelConfiguration: Sendable {
    public var model: String
    public var baseURL: String
    public var apiKey: APIKey?
    /// Seconds one request may take before it is abandoned (a local model on 2 cores is slow).
    public var timeout: Double
    /// Retries after the first attempt, on 429, 5xx and dropped connections.
    public var maxRetries: Int
    public var sources: [String: SettingSource]

    public static let defaultBaseURL = "https://api.openai.com/v1"

    public init(model: String, baseURL: String = ModelConfiguration.defaultBaseURL, apiKey: APIKey? = nil,
                timeout: Double = 300, maxRetries: Int = 3, sources: [String: SettingSource] = [:]) {
        self.model = model
        self.baseURL = Self.normalize(baseURL)
        self.apiKey = apiKey
        self.timeout = timeout
        self.maxRetries = maxRetries
        self.sources = sources
    }

    /// The settings a user can give on the command line; nil means "not given".
    public struct Flags: Sendable {
        public var model: String?
        public var baseURL: String?
        public var timeout: Double?
        public init(model: String? = nil, baseURL: String? = nil, timeout: Double? = nil) {
            self.model = model
            self.baseURL = baseURL
            self.timeout = timeout
        }
    }

    /// Why no configuration could be built.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unreadableFile(String, String)
        case badValue(setting: String, value: String, expected: String)

        public var description: String {
            switch self {
            case .unreadableFile(let path, let why): return "cannot read the config file \(path): \(why); fix or remove it"
            case .badValue(let setting, let value, let expected): return "\(setting) is '\(value)': expected \(expected)"
            }
        }
    }

    /// Resolves the configuration, or nil when no model is named anywhere (Sculpt then works offline).
    public static func resolve(flags: Flags, environment: [String: String] = ProcessInfo.processInfo.environment,
                               configFile: URL? = nil) throws -> ModelConfiguration? {
        let file = try ConfigFile.load(configFile ?? ConfigFile.defaultLocation(environment: environment))
        var sources: [String: SettingSource] = [:]

        func pick(_ key: String, flag: (String, String?), envs: [String], fileKey: String) -> String? {
            if let v = flag.1, !v.isEmpty { sources[key] = SettingSource(flag.0); return v }
            for e in envs { if let v = environment[e], !v.isEmpty { sources[key] = SettingSource(e); return v } }
            if let file, let v = file.values[fileKey], !v.isEmpty {
                sources[key] = SettingSource("\"\(fileKey)\" in \(file.path)")
                return v
            }
            return nil
        }

        guard let model = pick("model", flag: ("--model", flags.model), envs: ["SCULPT_MODEL"], fileKey: "model") else {
            return nil
        }
        let base = pick("baseURL", flag: ("--base-url", flags.baseURL), envs: ["SCULPT_BASE_URL", "OPENAI_BASE_URL"],
                        fileKey: "baseURL")
        if base == nil { sources["baseURL"] = SettingSource("--base-url") }
        let baseURL = base ?? defaultBaseURL
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw Problem.badValue(setting: sources["baseURL"]!.name, value: baseURL,
                                   expected: "an http(s) URL such as http://127.0.0.1:8080/v1")
        }
        let key = pick("apiKey", flag: ("SCULPT_API_KEY", nil), envs: ["SCULPT_API_KEY", "OPENAI_API_KEY"], fileKey: "apiKey")
        if key == nil { sources["apiKey"] = SettingSource("SCULPT_API_KEY") }
        var timeout = 300.0
        let timeoutText = flags.timeout.map { String($0) }
        if let t = pick("timeout", flag: ("--model-timeout", timeoutText), envs: ["SCULPT_MODEL_TIMEOUT"], fileKey: "timeoutSeconds") {
            guard let v = Double(t), v > 0 else {
                throw Problem.badValue(setting: sources["timeout"]!.name, value: t, expected: "a number of seconds above 0")
            }
            timeout = v
        } else {
            sources["timeout"] = SettingSource("--model-timeout")
        }
        var retries = 3
        if let r = pick("maxRetries", flag: ("SCULPT_MODEL_RETRIES", nil), envs: ["SCULPT_MODEL_RETRIES"], fileKey: "maxRetries") {
            guard let v = Int(r), (0...10).contains(v) else {
                throw Problem.badValue(setting: sources["maxRetries"]!.name, value: r, expected: "a whole number from 0 to 10")
            }
            retries = v
        } else {
            sources["maxRetries"] = SettingSource("SCULPT_MODEL_RETRIES")
        }
        return ModelConfiguration(model: model, baseURL: baseURL, apiKey: APIKey(key), timeout: timeout,
                                  maxRetries: retries, sources: sources)
    }

    /// The name of the setting a value came from ("--base-url", "OPENAI_API_KEY", ...).
    public func setting(_ key: String) -> String { sources[key]?.name ?? key }

    /// How to change a setting, naming where the current value came from when it was given.
    func change(_ key: String, flag: String?, env: String) -> String {
        var ways = [flag, env].compactMap { $0 }.joined(separator: " or ")
        if let s = sources[key], s.name != flag, s.name != env { ways += " (now from \(s.name))" }
        return ways
    }

    static func normalize(_ url: String) -> String {
        var s = url.trimmingCharacters(in: .whitespacesAndNewlines)
        while s.hasSuffix("/") { s.removeLast() }
        if s.hasSuffix("/chat/completions") { s.removeLast("/chat/completions".count) }
        return s
    }
}

/// The user's config file: `$XDG_CONFIG_HOME/sculpt/config.json` (or `~/.config/sculpt/config.json`),
/// a flat JSON object with `model`, `baseURL`, `apiKey`, `timeoutSeconds` and `maxRetries`.
/// It is the one place a key can live without being typed or exported in every shell.
public struct ConfigFile: Sendable {
    public let path: String
    public let values: [String: String]

    public static func defaultLocation(environment: [String: String]) -> URL? {
        if let explicit = environment["SCULPT_CONFIG"], !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("sculpt/config.json")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".config/sculpt/config.json")
    }

    /// nil when there is no file; throws when there is one that cannot be read.
    public static func load(_ url: URL?) throws -> ConfigFile? {
        guard let url, FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ModelConfiguration.Problem.unreadableFile(url.path, "permission denied")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ModelConfiguration.Problem.unreadableFile(url.path, "not a JSON object")
        }
        var values: [String: String] = [:]
        for (k, v) in object {
            switch v {
            case let s as String: values[k] = s
            case let n as NSNumber: values[k] = n.stringValue
            default: throw ModelConfiguration.Problem.unreadableFile(url.path, "'\(k)' is neither text nor a number")
            }
        }
        return ConfigFile(path: url.path, values: values)
    }
}

import Foundation

/// Reads a project's backend code for secrets written into it and settings that must come from the
/// environment, without running anything.
///
/// Why static: a `SECRET_KEY` literal lets anyone forge tokens, yet every request still works (the
/// project's tests even set a key of their own), so no check over HTTP can see it. The scan covers
/// the backend's own sources and configuration files; the project's tests, installed environments
/// and build folders are skipped, because test keys and fixtures are meant to be written down.
public struct SecretScan: Sendable {
    /// One thing found: where, which rule, and a sentence saying what to do.
    public struct Finding: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var rule: Rule
        public var detail: String
    }

    public enum Rule: String, Sendable {
        /// A secret (key, token, password) written as a literal, or as a literal fallback.
        case secretLiteral = "secret"
        /// Key material with a recognisable shape (private keys, cloud and service API keys).
        case keyMaterial = "key"
        /// Configuration that must come from the environment: credentials in a URL, debug mode on.
        case configuration = "config"
    }

    static let skippedFolders: Set<String> = [".venv", "venv", ".build", "__pycache__", "node_modules", ".git", "tests", "Tests",
                                              "test", ".pytest_cache", ".swiftpm"]
    static let scannedExtensions: Set<String> = ["py", "swift", "toml", "cfg", "ini", "env", "json", "yaml", "yml", "js", "ts"]
    static let maxFileBytes = 1_000_000

    /// Names that hold secrets; an identifier also naming one of `notSecret` (a label, a hash method, a
    /// length) is a setting about the secret, not the secret.
    static let secretName = #"(?:secret[_-]?key|secret|api[_-]?key|access[_-]?key|private[_-]?key|signing[_-]?key|client[_-]?secret|auth[_-]?token|password|passwd)"#
    static let notSecret: Set<String> = ["hash", "hashed", "method", "label", "title", "field", "salt", "min", "max", "length", "rule",
                                         "message", "cost", "header", "name", "env", "file", "path", "scheme", "type", "digest"]
    // Regex is not Sendable, but these are built once and only read (matching does not mutate them).
    /// `NAME = "literal"`, `"NAME": "literal"`, `name="literal"`, `let name = "literal"`,
    /// `secretKey: Array("literal".utf8)`.
    nonisolated(unsafe) static let assignment = try! Regex(#"(?i)([\w.]*"# + secretName + #"\w*)["']?\]?\s*(?::\s*[\w\[\]]+\s*)?[:=]\s*(?:(?:Array|Data|SymmetricKey|Optional|String|bytes|str)\()?b?["']([^"'\n]{8,})["']"#)
    /// A literal fallback for a secret read from the environment: `environ.get("SECRET_KEY", "dev")`,
    /// `getenv("API_KEY", "x")`, Swift `env["SECRET_KEY"] ?? "dev"`.
    nonisolated(unsafe) static let fallback = try! Regex(#"(?i)(?:environ\.get\(|getenv\(|environ\[|env\[|environment\[|env\.get\()\s*["']([A-Z_]*"#
                                                        + secretName + #"[A-Z_]*)["']\s*(?:\)|\])?\s*(?:,|\?\?|or\b)\s*["']([^"'\n]+)["']"#)
    /// `SECRET_KEY=value` in a .env file.
    nonisolated(unsafe) static let envLine = try! Regex(#"(?i)^\s*(?:export\s+)?([A-Z_]*"# + secretName + #"[A-Z_]*)\s*=\s*["']?([^\s"'#]{8,})"#)
    nonisolated(unsafe) static let keyShapes: [(String, Regex<AnyRegexOutput>)] = [
        ("a private key", try! Regex(#"-----BEGIN [A-Z ]*PRIVATE KEY-----"#)),
        ("an AWS access key", try! Regex(#"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"#)),
        ("a Stripe key", try! Regex(#"\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}"#)),
        ("an API key (sk-...)", try! Regex(#"\bsk-[A-Za-z0-9_-]{20,}"#)),
        ("a GitHub token", try! Regex(#"\bgh[pousr]_[A-Za-z0-9]{36}\b"#)),
        ("a Slack token", try! Regex(#"\bxox[abprs]-[A-Za-z0-9-]{10,}"#)),
        ("a Google API key", try! Regex(#"\bAIza[0-9A-Za-z_-]{35}\b"#)),
    ]
    /// `scheme://user:password@host` with a real password (not a `{placeholder}` or `$VARIABLE`).
    nonisolated(unsafe) static let credentialsURL = try! Regex(#"\b[a-z][a-z0-9+.-]*://[^/\s:@"'{}$]+:([^@\s"'{}$]+)@[^\s"']+"#)
    nonisolated(unsafe) static let debugOn = try! Regex(#"(?i)\b(?:debug\s*=\s*True\b|["']DEBUG["']\]?\s*[:=]\s*True\b|DEBUG\s*=\s*True\b|FLASK_DEBUG\s*=\s*["']?1)"#)

    public let root: URL

    /// Scans the files under `folder`; paths in findings are relative to `root` (the project).
    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public func scan(_ folder: URL) -> [Finding] {
        var out: [Finding] = []
        for file in files(under: folder) {
            guard let data = try? Data(contentsOf: file), data.count <= Self.maxFileBytes else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let relative = file.standardizedFileURL.path.replacingOccurrences(of: root.path + "/", with: "")
            out += Self.findings(in: text, file: relative, isEnvFile: file.lastPathComponent.hasPrefix(".env")
                                    || file.pathExtension == "env")
        }
        return out
    }

    /// The findings of one file's text.
    static func findings(in text: String, file: String, isEnvFile: Bool = false) -> [Finding] {
        var out: [Finding] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") && !isEnvFile || trimmed.hasPrefix("//") { continue }
            func add(_ rule: Rule, _ detail: String) { out.append(Finding(file: file, line: index + 1, rule: rule, detail: detail)) }
            // Swift's Regex is slow: a line only meets the patterns its plain words could match.
            let lower = line.lowercased()
            let namesSecret = ["secret", "key", "passw", "token"].contains { lower.contains($0) }
            let mayHoldKey = ["-----begin", "akia", "asia", "sk_", "rk_", "sk-", "gh", "xox", "aiza"].contains { lower.contains($0) }
            for (what, shape) in keyShapes where mayHoldKey && line.contains(shape) {
                add(.keyMaterial, "\(what) is written in the code: remove it, revoke it, and read it from the environment")
            }
            if !namesSecret {
                // nothing named like a secret on this line
            } else if let m = line.firstMatch(of: assignment), let name = m.output[1].substring, let value = m.output[2].substring,
               !isSetting(String(name)), looksLikeSecret(String(value)) {
                add(.secretLiteral, "\(name) is the literal \(masked(String(value))): read it from the environment (unset: refuse to start or use a random key)")
            } else if let m = line.firstMatch(of: fallback), let name = m.output[1].substring, let value = m.output[2].substring,
                      !isSetting(String(name)), !value.isEmpty {
                add(.secretLiteral, "\(name) falls back to the literal \(masked(String(value))) when the environment lacks it: anyone reading the code can use it")
            } else if isEnvFile, let m = line.firstMatch(of: envLine), let name = m.output[1].substring, let value = m.output[2].substring,
                      !isSetting(String(name)) {
                add(.secretLiteral, "\(name) is set to \(masked(String(value))) in a file of the project: keep it out of the code")
            }
            if lower.contains("://"), lower.contains("@"), let m = line.firstMatch(of: credentialsURL), let password = m.output[1].substring, looksLikeSecret(String(password), minimum: 1) {
                add(.configuration, "a connection URL with its password is written in the code: read it from the environment (DATABASE_URL)")
            }
            if lower.contains("debug"), line.contains(debugOn) {
                add(.configuration, "debug mode is switched on in the code (it shows internals, and Werkzeug's debugger runs code): take it from the environment, off by default")
            }
        }
        return out
    }

    /// Whether an identifier names a setting about a secret (`PASSWORD_HASH_METHOD`, `passwordLabel`)
    /// rather than the secret: one of its words is in `notSecret`.
    static func isSetting(_ name: String) -> Bool {
        var words: [String] = []
        var word = ""
        for c in name {
            if !c.isLetter && !c.isNumber {
                words.append(word)
                word = ""
            } else if c.isUppercase, let last = word.last, last.isLowercase {
                words.append(word)
                word = String(c)
            } else {
                word.append(c)
            }
        }
        words.append(word)
        return words.contains { notSecret.contains($0.lowercased()) }
    }

    /// A literal that could be a secret: not an environment variable's name, a placeholder or a word
    /// of prose.
    static func looksLikeSecret(_ value: String, minimum: Int = 8) -> Bool {
        guard value.count >= minimum else { return false }
        if value.allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) { return false }      // SECRET_KEY
        if value.contains("{") || value.hasPrefix("$") || value.hasPrefix("<") || value.hasPrefix("%(") { return false }
        if value.contains(" ") { return false }                                                        // a sentence
        if value.unicodeScalars.contains(where: { $0.value > 0x2E7F }) { return false }               // a CJK label
        return true
    }

    static func masked(_ value: String) -> String {
        "\"\(value.prefix(3))…\" (\(value.count) characters)"
    }

    func files(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey],
                                                          options: []) else { return [] }
        var out: [URL] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            let name = url.lastPathComponent
            if values?.isSymbolicLink == true {
                walker.skipDescendants()
                continue
            }
            if values?.isDirectory == true {
                if Self.skippedFolders.contains(name) { walker.skipDescendants() }
                continue
            }
            if name.hasPrefix("test_") || name.hasSuffix("_test.py") || name == "conftest.py" { continue }
            if Self.scannedExtensions.contains(url.pathExtension) || name.hasPrefix(".env") { out.append(url) }
        }
        return out.sorted { $0.path < $1.path }
    }

    /// The two report checks: secrets in the code, and configuration that must come from the environment.
    public func checks(backend: URL) -> [VerificationReport.Check] {
        let started = Date()
        let found = scan(backend)
        let seconds = round3(Date().timeIntervalSince(started))
        func check(_ id: String, _ title: String, _ rules: [Rule]) -> VerificationReport.Check {
            let mine = found.filter { rules.contains($0.rule) }
            let message = mine.first.map { f in
                "\(f.file):\(f.line): \(f.detail)" + (mine.count > 1 ? " (and \(mine.count - 1) more)" : "")
            }
            return VerificationReport.Check(id: id, title: title, refs: [], clauses: nil, status: mine.isEmpty ? .passed : .failed,
                                            message: message, request: nil, response: nil, seconds: seconds)
        }
        return [
            check("contract.static.secrets", "no secret is written in the backend's code (SECRET_KEY, keys, tokens, passwords): they come from the environment",
                  [.secretLiteral, .keyMaterial]),
            check("contract.static.configuration", "no configuration that must come from the environment is written in the code (credentials in a URL, debug mode)",
                  [.configuration]),
        ]
    }
}

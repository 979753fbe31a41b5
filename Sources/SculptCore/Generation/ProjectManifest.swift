import Foundation

/// `sculpt.json`: what the generator declares about a project, and the one type the verifier (and
/// any other tool) reads it back with.
///
/// The generator says what kind of backend it wrote (`kind`), so the verifier acts on that
/// declaration instead of guessing from the files it finds. The shape follows CONTRACT.md; `kind` is
/// an addition readers of the contract may ignore. Manifests written before `kind` existed still
/// decode: the kind is derived from the framework.
public struct ProjectManifest: Codable, Sendable, Equatable {
    public var generator: String
    public var backend: BackendManifest
    public var frontend: Frontend

    /// Where the static page lives and its entry file.
    public struct Frontend: Codable, Sendable, Equatable {
        public var dir: String
        public var entry: String

        public init(dir: String = "frontend", entry: String = "index.html") {
            self.dir = dir
            self.entry = entry
        }
    }

    public init(generator: String, backend: BackendManifest, frontend: Frontend = Frontend()) {
        self.generator = generator
        self.backend = backend
        self.frontend = frontend
    }

    private enum CodingKeys: String, CodingKey { case generator, backend, frontend }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        generator = try c.decodeIfPresent(String.self, forKey: .generator) ?? "unknown"
        backend = try c.decode(BackendManifest.self, forKey: .backend)
        frontend = try c.decodeIfPresent(Frontend.self, forKey: .frontend) ?? Frontend()
    }

    /// The file's text: sorted keys, two-space indent, like every JSON file Sculpt writes.
    public var json: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return JSONText.render((try? JSONSerialization.jsonObject(with: data)) ?? [String: Any]())
    }

    /// Reads a manifest, saying in one line what is wrong with a bad one (`source` names the file).
    public static func decode(_ data: Data, source: String = "sculpt.json") throws -> ProjectManifest {
        do { return try JSONDecoder().decode(ProjectManifest.self, from: data) } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            throw ManifestError(message: "\(source) has no \(path)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ManifestError(message: "\(source): \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type: \(context.debugDescription)")
        } catch {
            throw ManifestError(message: "\(source) is not a valid manifest: \(error.localizedDescription)")
        }
    }
}

/// How a backend is built and run, so the verifier knows what to prepare for it.
public enum BackendKind: String, Codable, Sendable, CaseIterable {
    /// A pip project: `requirements-dev.txt` (or `requirements.txt`) installed into a virtual environment.
    case python
    /// A Swift package: built with SwiftPM, tests run by its test runner.
    case swiftpm
    /// Anything else: the manifest's own setup, test and start commands, run as they are.
    case commands

    /// The kind of the backends Sculpt generates, for manifests written before `kind` existed.
    public static func of(framework: String) -> BackendKind {
        switch framework {
        case "flask", "fastapi": return .python
        case "hummingbird": return .swiftpm
        default: return .commands
        }
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        self = BackendKind(rawValue: raw) ?? .commands
    }
}

/// The `backend` object of `sculpt.json` (see CONTRACT.md): how to set up, start and test the backend.
public struct BackendManifest: Codable, Sendable, Equatable {
    public var framework: String
    public var kind: BackendKind
    public var dir: String
    /// Shell commands run in order inside `dir`.
    public var setup: [String]
    /// Argument lists run inside `dir`.
    public var start: [String]
    public var test: [String]
    public var health: String

    public init(framework: String, kind: BackendKind? = nil, dir: String, setup: [String], start: [String], test: [String],
                health: String) {
        self.framework = framework
        self.kind = kind ?? BackendKind.of(framework: framework)
        self.dir = dir
        self.setup = setup
        self.start = start
        self.test = test
        self.health = health
    }

    private enum CodingKeys: String, CodingKey { case framework, kind, dir, setup, start, test, health }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        framework = try c.decode(String.self, forKey: .framework)
        kind = try c.decodeIfPresent(BackendKind.self, forKey: .kind) ?? BackendKind.of(framework: framework)
        dir = try c.decodeIfPresent(String.self, forKey: .dir) ?? "."
        setup = try c.decodeIfPresent([String].self, forKey: .setup) ?? []
        start = try c.decode([String].self, forKey: .start)
        test = try c.decode([String].self, forKey: .test)
        health = try c.decodeIfPresent(String.self, forKey: .health) ?? "/health"
    }
}

/// A `sculpt.json` that cannot be used, said in one line.
public struct ManifestError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}

import Foundation

/// The parts of `sculpt.json` the tools read back.
public struct Manifest: Decodable {
    public var dir: String
    public var setup: [String]
    public var start: [String]
    public var test: [String]
    public var health: String
    public var framework: String

    struct File: Decodable { var backend: Manifest }

    public static func load(from project: URL) throws -> Manifest {
        let url = project.appendingPathComponent("sculpt.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ManifestError(message: "\(project.path) has no sculpt.json: is it a project made by sculpt new?")
        }
        do { return try JSONDecoder().decode(File.self, from: data).backend } catch {
            throw ManifestError(message: "\(url.path) is not a valid manifest: \(error)")
        }
    }
}

public struct ManifestError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

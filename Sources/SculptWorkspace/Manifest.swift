import Foundation
import SculptCore

/// The backend part of `sculpt.json`, which is what most tools read back. The whole file is
/// `ProjectManifest` (in SculptCore), the type the generator writes it with.
public typealias Manifest = BackendManifest

extension ProjectManifest {
    /// Reads `sculpt.json` from a project folder.
    public static func load(from project: URL) throws -> ProjectManifest {
        let url = project.appendingPathComponent("sculpt.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ManifestError(message: "\(project.path) has no sculpt.json: is it a project made by sculpt new?")
        }
        do { return try decode(data, source: url.path) } catch let e as ManifestError {
            throw ManifestError(message: "\(e.message); fix it, or regenerate the project with sculpt new --spec spec.json")
        }
    }
}

extension BackendManifest {
    /// Reads the `backend` object of a project's `sculpt.json`.
    public static func load(from project: URL) throws -> BackendManifest {
        try ProjectManifest.load(from: project).backend
    }
}

import Foundation
import SculptCore

/// Reads a project folder for `sculpt explain`: a project Sculpt generated (it has `sculpt.json`
/// and `spec.json`) becomes a `ProjectSnapshot`; anything else is explained as plain Python.
public enum ProjectReader {
    /// Folders never read: environments, caches, build output.
    static let skipped: Set<String> = [".venv", "venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".build", ".git", "node_modules", ".swiftpm"]

    public static func isSculptProject(_ folder: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: folder.appendingPathComponent("sculpt.json").path)
            && fm.fileExists(atPath: folder.appendingPathComponent("spec.json").path)
    }

    public static func snapshot(_ folder: URL) throws -> ProjectSnapshot {
        let spec: AppSpec
        do { spec = try SpecCoding.decode(Data(contentsOf: folder.appendingPathComponent("spec.json"))) } catch {
            throw ExplainError.unreadable("\(folder.path)/spec.json: \(error)")
        }
        let manifest = try? JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("sculpt.json"))) as? [String: Any]
        let backend = ((manifest?["backend"] as? [String: Any])?["framework"] as? String) ?? "flask"
        var checks: RecordedChecks?
        let verification = folder.appendingPathComponent("verification.json")
        if let data = try? Data(contentsOf: verification) { checks = try RecordedChecks.decode(data) }
        return ProjectSnapshot(files: textFiles(in: folder), spec: spec, backend: backend, checks: checks)
    }

    /// Every UTF-8 text file under `folder`, by relative path, skipping environments and caches.
    public static func textFiles(in folder: URL) -> [String: String] {
        var out: [String: String] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey]) else { return [:] }
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            if values?.isDirectory == true, skipped.contains(url.lastPathComponent) { walker.skipDescendants(); continue }
            guard values?.isRegularFile == true else { continue }
            let rel = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            if rel.hasSuffix(".db") || rel.hasSuffix(".sqlite") || rel == "EXPLAIN.md" || rel == "EXPLAIN.html" { continue }
            guard let data = try? Data(contentsOf: url), data.count < 2_000_000, let text = String(data: data, encoding: .utf8) else { continue }
            out[rel] = text
        }
        return out
    }
}

import Foundation

/// What a project folder holds that would tie it to this machine: symbolic links, and files that
/// mention a path outside the project (Sculpt's caches, the verification's work folders).
enum ProjectScan {
    /// Paths (relative to the project) of every symbolic link in it.
    static func links(in project: URL) -> [String] {
        walk(project).filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: $0.url.path)) != nil }.map(\.relative)
    }

    /// Files whose bytes contain any of `paths`, with the path found.
    static func mentions(of paths: [String], in project: URL) -> [String] {
        walk(project).compactMap { entry in
            guard let data = FileManager.default.contents(atPath: entry.url.path) else { return nil }
            for p in paths where !p.isEmpty && data.range(of: Data(p.utf8)) != nil { return "\(entry.relative) mentions \(p)" }
            return nil
        }
    }

    static func walk(_ root: URL) -> [(url: URL, relative: String)] {
        let base = root.resolvingSymlinksInPath().path
        guard let e = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [(URL, String)] = []
        while let rel = e.nextObject() as? String {
            out.append((URL(fileURLWithPath: base).appendingPathComponent(rel), rel))
        }
        return out
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL driver the review's PostgreSQL run needs, installed once per Python version beside
/// the environment cache (`<cache>/review-extras/<version>`) and put on the app's `PYTHONPATH`.
///
/// Projects rarely list a PostgreSQL driver, and the project's own environment (shared with
/// `sculpt check`) must not change; a separate folder keeps both true. Like environment set-up, the
/// install runs outside the sandbox because it needs the package registry.
struct ReviewExtras {
    let root: URL

    init(cacheRoot: URL?) {
        root = (cacheRoot ?? EnvironmentCache.defaultRoot(ProcessInfo.processInfo.environment)).appendingPathComponent("review-extras")
    }

    /// The folder holding the driver, installing it when missing; nil with the reason when it cannot.
    func prepare(python: PythonInstall, work: URL) -> (URL?, String?) {
        let fm = FileManager.default
        let dir = root.appendingPathComponent(python.version)
        let marker = dir.appendingPathComponent(".sculpt-ready")
        if fm.fileExists(atPath: marker.path) { return (dir, nil) }
        try? fm.createDirectory(at: root, withIntermediateDirectories: true)
        let lock = open(root.appendingPathComponent(python.version + ".lock").path, O_CREAT | O_RDWR, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
        if fm.fileExists(atPath: marker.path) { return (dir, nil) }
        try? fm.removeItem(at: dir)
        var env = ProcessInfo.processInfo.environment
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        env.removeValue(forKey: "PYTHONPATH")
        let r = try? GroupedProcess.run([python.executable, "-m", "pip", "install", "-q", "--target", dir.path, "psycopg2-binary"],
                                        environment: env, output: work.appendingPathComponent("extras.log"), timeout: 300)
        guard let r, r.status == 0 else {
            try? fm.removeItem(at: dir)
            return (nil, "the PostgreSQL driver (psycopg2-binary) could not be installed: \(r.map { GroupedProcess.tail($0.output, lines: 2) } ?? "pip did not start")")
        }
        try? Data("psycopg2-binary\n".utf8).write(to: marker)
        return (dir, nil)
    }
}

import Foundation

/// The host's Python 3 as the sandbox needs to know it: the real interpreter, the folder it lives
/// in (bound read-only into the sandbox, since a venv's `python` is a link to it), and its version
/// (part of the environment cache key, because a venv only works with the Python that made it).
public struct PythonInstall: Sendable, Equatable {
    public var executable: String
    public var basePrefix: String
    public var version: String

    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// Asks `python3` on PATH (or `SCULPT_PYTHON`) where it really lives; pyenv shims and venvs resolve
    /// to the base install.
    public static func find(work: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PythonInstall {
        let python = environment["SCULPT_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        let script = """
        import json, os, sys
        base = os.path.realpath(sys.base_prefix)
        exe = os.path.realpath(os.path.join(base, "bin", "python%d.%d" % sys.version_info[:2]))
        if not os.path.exists(exe): exe = os.path.realpath(sys.executable)
        print(json.dumps({"executable": exe, "basePrefix": base, "version": "%d.%d.%d" % sys.version_info[:3]}))
        """
        let log = work.appendingPathComponent("python-probe.log")
        let r: GroupedProcess.Result
        do {
            r = try GroupedProcess.run([python, "-c", script], environment: environment, output: log, timeout: 30)
        } catch {
            throw Missing(description: "\(python) was not found: install Python 3 (3.9 or later) or set SCULPT_PYTHON")
        }
        guard r.status == 0, let line = r.output.split(separator: "\n").last,
              let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
              let exe = json["executable"], let base = json["basePrefix"], let version = json["version"] else {
            throw Missing(description: "\(python) did not run: \(GroupedProcess.tail(r.output, lines: 5))")
        }
        return PythonInstall(executable: exe, basePrefix: base, version: version)
    }
}

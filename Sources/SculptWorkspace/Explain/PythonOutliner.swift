import Foundation
import SculptCore

/// Runs Sculpt's outline script (`Resources/Explain/python_outline.py`, Python's own `ast`) on a
/// file or a folder and decodes the outline. Static analysis only: the code explained is never run.
public struct PythonOutliner: Sendable {
    public var python: String
    public var timeout: Double

    public init(python: String = ProcessInfo.processInfo.environment["SCULPT_PYTHON"] ?? "python3", timeout: Double = 60) {
        self.python = python
        self.timeout = timeout
    }

    public func outline(_ target: URL) throws -> PythonOutline {
        let script = try Resources.url("Explain/python_outline.py")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
            throw ExplainError.unreadable("\(target.path) does not exist")
        }
        let dir = isDirectory.boolValue ? target : target.deletingLastPathComponent()
        let result: ProcessRunner.Result
        do {
            result = try ProcessRunner().run([python, "-I", script.path, target.path], in: dir, timeout: timeout)
        } catch {
            throw ExplainError.unreadable("could not run \(python) (\(error)); install Python 3 or set SCULPT_PYTHON to its path")
        }
        guard result.status == 0, !result.timedOut, let start = result.output.firstIndex(of: "{") else {
            let tail = result.output.split(separator: "\n").suffix(3).joined(separator: " ")
            throw ExplainError.unreadable("the Python outline failed\(result.timedOut ? " (timed out)" : ""): \(tail)")
        }
        do {
            return try JSONDecoder().decode(PythonOutline.self, from: Data(result.output[start...].utf8))
        } catch {
            throw ExplainError.unreadable("the Python outline gave output Sculpt could not read: \(error)")
        }
    }
}

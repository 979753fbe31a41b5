import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file with open/write/close and no fsync.
///
/// Foundation's `Data.write(to:)` on Linux fsyncs every file; a project is dozens of files written
/// into a staging folder that is then renamed into place, so each fsync only made `sculpt new` wait
/// on the disk (a large share of its time). The rename, not a per-file sync, is what keeps a
/// failure from leaving a half-written `--out`.
enum PlainFileWrite {
    struct Failed: LocalizedError, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
        var errorDescription: String? { description }
    }

    /// Creates or truncates `path` (mode 0666 less the umask, as Foundation does) and writes `bytes`.
    static func save(_ bytes: some Collection<UInt8>, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Failed(path: path, code: errno) }
        defer { close(fd) }
        let data = Array(bytes)
        var done = 0
        while done < data.count {
            let n = data.withUnsafeBytes { write(fd, $0.baseAddress! + done, data.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failed(path: path, code: errno)
            }
            done += n
        }
    }
}

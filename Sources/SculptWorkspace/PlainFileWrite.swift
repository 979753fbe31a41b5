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

    /// Creates or truncates `path` (mode 0666 less the umask, as Foundation does) and writes `bytes`;
    /// `exclusive` refuses an existing file instead. The descriptor is close-on-exec, so no process
    /// another thread starts meanwhile holds the file open for writing (an executable copied this way
    /// can be run at once, without ETXTBSY).
    static func save(_ bytes: some Collection<UInt8>, to path: String, mode: mode_t = 0o666, exclusive: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC) | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failed(path: path, code: errno) }
        defer { close(fd) }
        /// The error number of a failed write, or nil once every byte is written.
        func put(_ buffer: UnsafeRawBufferPointer) -> Int32? {
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
        let failure = bytes.withContiguousStorageIfAvailable { put(UnsafeRawBufferPointer($0)) } ?? Array(bytes).withUnsafeBytes(put)
        if let code = failure { throw Failed(path: path, code: code) }
    }
}

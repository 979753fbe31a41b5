import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes and removes folders with the system calls themselves.
///
/// `FileManager.createDirectory(withIntermediateDirectories:)` checks every component of the path
/// and `removeItem` builds URLs and attribute dictionaries for each entry; for the few dozen files
/// of a project that was a tenth of `sculpt new`. Same results, errors kept as their `errno`.
enum PlainFolder {
    /// Creates `path`, whose parent must exist (mode 0777 less the umask, as Foundation does); an
    /// existing folder is fine.
    static func make(_ path: String) throws {
        if mkdir(path, 0o777) == 0 { return }
        let code = errno
        var info = stat()
        if code == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        throw PlainFileWrite.Failed(path: path, code: code)
    }

    /// Removes `path` and everything under it, without following symbolic links (a link is
    /// removed, not what it points to). Throws the first failure; what could be removed is gone.
    static func remove(_ path: String) throws {
        if unlink(path) == 0 { return }
        guard errno == EISDIR || errno == EPERM else {
            if errno == ENOENT { return }
            throw PlainFileWrite.Failed(path: path, code: errno)
        }
        try empty(path)
        if rmdir(path) != 0 { throw PlainFileWrite.Failed(path: path, code: errno) }
    }

    /// Removes what `path` (a folder) holds.
    private static func empty(_ path: String) throws {
        guard let dir = opendir(path) else { throw PlainFileWrite.Failed(path: path, code: errno) }
        var folders: [String] = []
        var failure: PlainFileWrite.Failed?
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            if entry.pointee.d_type == UInt8(DT_DIR) {
                folders.append(child)
            } else if unlink(child) != 0 {
                // An unknown entry type (some file systems do not say) that is a folder.
                if errno == EISDIR || errno == EPERM { folders.append(child) } else if failure == nil {
                    failure = PlainFileWrite.Failed(path: child, code: errno)
                }
            }
        }
        closedir(dir)
        if let failure { throw failure }
        for folder in folders { try remove(folder) }
    }
}

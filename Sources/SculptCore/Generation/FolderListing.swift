import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regular files under a folder, by path relative to it, read with `opendir`/`readdir`.
///
/// Why not `FileManager.enumerator`: on Linux it rebuilds each path through `NSString` and was a
/// fifth of reading a target's templates, which `sculpt new` does on every run.
enum FolderListing {
    /// Relative paths of every regular file below `root` (symbolic links followed, as the
    /// enumerator did), in no particular order; nil when `root` cannot be read as a folder.
    static func files(under root: String) -> [String]? {
        guard let top = opendir(root) else { return nil }
        closedir(top)
        var found: [String] = []
        var pending = [""]
        while let rel = pending.popLast() {
            let path = rel.isEmpty ? root : root + "/" + rel
            guard let dir = opendir(path) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = rel.isEmpty ? name : rel + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                    var info = stat()
                    guard stat(root + "/" + child, &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : -1
                }
                if type == Int32(DT_DIR) { pending.append(child) } else if type == Int32(DT_REG) { found.append(child) }
            }
        }
        return found
    }
}

import Foundation
import SculptCore

/// Writes a generated project to disk all at once: into a temporary sibling folder first, then moved
/// into place, so a failure never leaves a half-written `--out`.
public struct ProjectWriter {
    public enum Failure: Error, CustomStringConvertible {
        case notEmpty(String)
        case notADirectory(String)
        case unwritable(String, String)

        public var description: String {
            switch self {
            case .notEmpty(let p): return "\(p) exists and is not empty; choose another --out, or add --force to replace it"
            case .notADirectory(let p): return "\(p) exists and is a file, not a folder; choose another --out"
            case .unwritable(let p, let why): return "cannot write to \(p): \(why); choose a folder you can write to with --out"
            }
        }
    }

    public let destination: URL
    public let force: Bool

    public init(destination: URL, force: Bool) {
        self.destination = destination.standardizedFileURL
        self.force = force
    }

    /// Refuses a destination that would lose data, before any work is done.
    public func checkDestination() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: destination.path, isDirectory: &isDir) {
            if !isDir.boolValue { throw Failure.notADirectory(destination.path) }
            if !force, !((try? fm.contentsOfDirectory(atPath: destination.path)) ?? []).isEmpty {
                throw Failure.notEmpty(destination.path)
            }
        }
        let parent = destination.deletingLastPathComponent()
        if !fm.fileExists(atPath: parent.path) {
            do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
                throw Failure.unwritable(parent.path, "the parent folder cannot be created")
            }
        }
        if !fm.isWritableFile(atPath: parent.path) { throw Failure.unwritable(parent.path, "permission denied") }
    }

    /// - Parameter keeping: paths (relative to the project) the user's own set-up lives in, such as
    ///   `backend/.venv`: when `--force` replaces a project, these move into the new one untouched
    ///   (folders only; a symbolic link, as older Sculpt made, is not carried over).
    public func write(_ files: [GeneratedFile], keeping: [String] = []) throws {
        let staging = try stage()
        // Creating files is most of the time: both cores.
        let halves = [stride(from: 0, to: files.count, by: 2).map { files[$0] }, stride(from: 1, to: files.count, by: 2).map { files[$0] }]
        SideBySide.run(2) { staging.write(halves[$0]) }
        try commit(staging, keeping: keeping)
    }

    /// The hidden folder beside the destination that a project is written into before it is moved
    /// into place. Files can be added from several threads at once, as they are made (`write`).
    public final class Staging: @unchecked Sendable {
        let url: URL
        private let root: String
        private let lock = NSLock()
        private var made: Set<String> = []
        private var failure: Error?

        init(_ url: URL) throws {
            self.url = url
            root = url.path
            try PlainFolder.make(root)
        }

        /// Writes `files` into the staging folder, making their folders first (each once, parents
        /// first); the first failure is kept for `commit` to report.
        public func write(_ files: [GeneratedFile]) {
            do {
                let folders = ProjectWriter.folders(of: files)
                try lock.withLock {
                    for folder in folders where !made.contains(folder) {
                        try PlainFolder.make(root + "/" + folder)
                        made.insert(folder)
                    }
                }
                for file in files {
                    let path = root + "/" + file.path
                    try PlainFileWrite.save(file.contents.utf8, to: path)
                    if file.executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
                }
            } catch {
                lock.withLock { if failure == nil { failure = error } }
            }
        }

        var firstFailure: Error? { lock.withLock { failure } }
    }

    /// Checks the destination and makes an empty staging folder beside it.
    public func stage() throws -> Staging {
        try checkDestination()
        let parent = destination.deletingLastPathComponent()
        let url = parent.appendingPathComponent(".\(destination.lastPathComponent).sculpt-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do { return try Staging(url) } catch {
            throw Failure.unwritable(destination.path, (error as NSError).localizedDescription)
        }
    }

    /// Removes a staging folder whose project will not be finished.
    public func discard(_ staging: Staging) {
        try? PlainFolder.remove(staging.url.path)
    }

    /// Moves the staged project into place: the destination, if it exists (`--force`, or empty),
    /// is replaced only once the new project is complete, and the `keeping` folders move over.
    /// On any failure the staging folder is removed and the destination is as it was.
    public func commit(_ staging: Staging, keeping: [String] = []) throws {
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let stagingURL = staging.url
        do {
            if let error = staging.firstFailure { throw error }
            if fm.fileExists(atPath: destination.path) {
                // --force (checked above) or an empty folder: replace it, keeping the old one until the new is in place.
                let old = parent.appendingPathComponent(stagingURL.lastPathComponent + "-old")
                let (kept, stuck) = carry(keeping, from: destination, to: stagingURL)
                func putBack() {
                    for rel in kept { try? fm.moveItem(at: stagingURL.appendingPathComponent(rel), to: destination.appendingPathComponent(rel)) }
                }
                if let stuck {
                    putBack()
                    throw Failure.unwritable(destination.appendingPathComponent(stuck).path, "it could not be kept in the new project, so nothing was replaced")
                }
                do { try fm.moveItem(at: destination, to: old) } catch {
                    putBack()
                    throw error
                }
                do { try fm.moveItem(at: stagingURL, to: destination) } catch {
                    try? fm.moveItem(at: old, to: destination)
                    putBack()
                    throw error
                }
                try? PlainFolder.remove(old.path)
            } else {
                try fm.moveItem(at: stagingURL, to: destination)
            }
        } catch let f as Failure {
            discard(staging)
            throw f
        } catch {
            discard(staging)
            throw Failure.unwritable(destination.path, (error as NSError).localizedDescription)
        }
    }

    /// Every folder the files lie in, each after its parent: `a`, `a/b`, `c`.
    static func folders(of files: [GeneratedFile]) -> [String] {
        var all = Set<String>()
        for file in files {
            var path = Substring(file.path)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                if path.isEmpty || !all.insert(String(path)).inserted { break }
            }
        }
        return all.sorted()
    }

    /// Moves each kept folder that exists in `from` to the same place in `to`: those moved, and the
    /// first that could not be (then the caller puts the others back and replaces nothing).
    private func carry(_ keeping: [String], from: URL, to: URL) -> (moved: [String], stuck: String?) {
        let fm = FileManager.default
        var moved: [String] = []
        for rel in keeping {
            let source = from.appendingPathComponent(rel)
            guard let type = (try? fm.attributesOfItem(atPath: source.path))?[.type] as? FileAttributeType, type == .typeDirectory else { continue }
            let target = to.appendingPathComponent(rel)
            do {
                if fm.fileExists(atPath: target.path) { return (moved, rel) }
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.moveItem(at: source, to: target)
                moved.append(rel)
            } catch {
                return (moved, rel)
            }
        }
        return (moved, nil)
    }
}

import Foundation
import Testing
@testable import SculptWorkspace
#if canImport(Glibc)
import Glibc
#endif

/// A command Sculpt starts must not inherit descriptors the parent has open: a server started while
/// another thread copies a binary would keep that copy open for writing and make its exec fail.
@Suite("Grouped processes")
struct GroupedProcessTests {
    @Test("a started command sees only stdin, stdout and stderr of the parent's descriptors")
    func closesInheritedDescriptors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-gp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let held = folder.appendingPathComponent("held-open")
        let fd = open(held.path, O_WRONLY | O_CREAT, 0o644)   // no O_CLOEXEC, as FileManager's copy
        #expect(fd > 2)
        defer { close(fd) }
        let result = try GroupedProcess.run(["/bin/sh", "-c", "ls -l /proc/self/fd/"], environment: [:],
                                            output: folder.appendingPathComponent("out.log"), timeout: 30)
        #expect(result.status == 0)
        #expect(!result.output.contains("held-open"), "the child inherited the parent's descriptor: \(result.output)")
        #expect(result.output.contains("out.log"), "the child's stdout is the log file: \(result.output)")
    }

    @Test("an executable copied for a run is complete and executable, and cannot be overwritten by a second copy")
    func copiesExecutables() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-gp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("true")
        try SwiftBuildCache.copyExecutable(URL(fileURLWithPath: "/bin/true"), to: copy)
        #expect(try Data(contentsOf: copy) == Data(contentsOf: URL(fileURLWithPath: "/bin/true")))
        let result = try GroupedProcess.run([copy.path], environment: [:], output: folder.appendingPathComponent("o"), timeout: 30)
        #expect(result.status == 0)
        #expect(throws: SwiftBuildCache.Failure.self) { try SwiftBuildCache.copyExecutable(URL(fileURLWithPath: "/bin/true"), to: copy) }
    }
}

import Foundation
import SculptCore
import SculptWorkspace
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The sandbox holds: generated code can neither reach a listener on the host's loopback nor
/// write outside its project folder, and the report says the attempts failed.
@Suite("Verification sandbox")
struct VerificationSandboxTests {
    @Test("generated code cannot connect out or write outside its folder")
    func sandboxHolds() throws {
        let sandbox = Sandbox.detect()
        guard sandbox.kind == .bubblewrap else {
            print("SKIPPED sandbox test: bubblewrap is not usable here (\(sandbox.note))")
            return
        }
        let ws = try VerificationFixtures.workspace("sandbox")
        defer { try? FileManager.default.removeItem(at: ws) }
        let outside = ws.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let listener = try Listener()
        defer { listener.close() }
        let project = try VerificationFixtures.project("register_en", in: ws)
        let escape = """
        import socket as _s
        _blocked = []
        try:
            _s.create_connection(("127.0.0.1", \(listener.port)), timeout=2).sendall(b"escaped")
        except OSError as _e:
            _blocked.append(f"sandbox blocked connect to 127.0.0.1:\(listener.port): {_e!r}")
        try:
            open("\(outside.path)/escaped.txt", "w").write("escaped")
        except OSError as _e:
            _blocked.append(f"sandbox blocked write outside the project: {_e!r}")
        if _blocked:
            raise RuntimeError("; ".join(_blocked))

        """
        try VerificationFixtures.mutate(project, "backend/app.py", replacing: "import database\n", with: escape + "import database\n")
        let report = Verifier(project: project, options: VerificationFixtures.options(health: 15, tests: 120)).verify()
        #expect(report.sandbox.kind == .bubblewrap)
        #expect(!report.passed)
        #expect(!listener.wasContacted(), "the sandboxed code reached the host's loopback")
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("escaped.txt").path))
        let log = report.failure?.logTail ?? ""
        #expect(log.contains("sandbox blocked connect"), "\(log)")
        #expect(log.contains("sandbox blocked write outside the project"), "\(log)")
        #expect(VerificationFixtures.processes(mentioning: project.path).isEmpty)
    }
}

/// A TCP listener on the host's 127.0.0.1 (never any other address) that remembers being contacted.
final class Listener {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        try #require(bound == 0 && listen(fd, 16) == 0, "cannot listen on 127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        self.port = Int(UInt16(bigEndian: addr.sin_port))
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    /// Whether a connection is waiting in the backlog.
    func wasContacted() -> Bool {
        let c = accept(fd, nil, nil)
        if c >= 0 { Glibc.close(c); return true }
        return false
    }

    func close() { Glibc.close(fd) }
}

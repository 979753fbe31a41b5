import Foundation
import Testing

/// The same requirement must give the same spec in every run. Swift seeds its hashing per process, so a
/// `Set` or `Dictionary` iterated into the output shows only across processes: this runs the built
/// `sculpt spec` several times on requirements with roles, relations and actions and compares the bytes.
@Suite("Spec determinism across processes")
struct SpecDeterminismTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/sculpt")

    static let requirements = [
        "车队管理：管理员登录后才能增删改车辆，车辆有车牌号（必填，唯一）、品牌和里程数（不能为负）。所有人都能查看车辆列表，并按车牌号搜索。",
        "Each issue belongs to a project and has a title and a status (open, closed). Projects have a name. Users sign up and log in; admins can create, edit and delete projects, and only the reporter can edit or delete an issue.",
        "活动报名系统：管理员发布活动，活动有名称、时间和容量。用户注册登录后可以报名活动，人数达到容量就不能再报名，每人每个活动只能报名一次。",
    ]

    func spec(_ requirement: String) throws -> Data {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["spec", requirement]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SWIFT_DETERMINISTIC_HASHING")
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return data
    }

    @Test("five runs of sculpt spec give the same bytes", arguments: requirements)
    func sameBytes(requirement: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build sculpt first (swift build)")
        let first = try spec(requirement)
        #expect(!first.isEmpty)
        for _ in 1..<5 {
            #expect(try spec(requirement) == first)
        }
    }
}

import Foundation
@testable import SculptCore

/// The hand-written specs in Tests/Fixtures/specs.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static var specNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("specs").path)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func spec(_ name: String) throws -> AppSpec {
        try SpecCoding.decode(Data(contentsOf: root.appendingPathComponent("specs/\(name).json")))
    }
}

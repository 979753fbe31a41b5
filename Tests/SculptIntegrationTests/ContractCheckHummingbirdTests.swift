import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// Planted bugs in the Hummingbird backend, caught by the contract checks alone. A Hummingbird
/// project builds for about a minute even with the shared cache warm, so bugs that touch separate
/// parts of the code are planted together, one build per group. The default suite runs one group
/// (`sample`); `SCULPT_CONTRACT_MATRIX=1` runs every group.
@Suite("Contract checks catch planted Hummingbird bugs alone", .serialized)
struct ContractCheckHummingbirdTests {
    static let swiftAvailable = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/swift") } ?? false
    static let fullMatrix = ProcessInfo.processInfo.environment["SCULPT_CONTRACT_MATRIX"] == "1"

    @Test("the sample group: each bug of one build caught by its own check", .enabled(if: swiftAvailable))
    func sample() throws {
        try expectGroupCaught(PlantedBugs.hummingbirdGroups[0])
    }

    @Test("every other group (SCULPT_CONTRACT_MATRIX=1)", .enabled(if: swiftAvailable && fullMatrix),
          arguments: Array(PlantedBugs.hummingbirdGroups.indices.dropFirst()))
    func group(_ index: Int) throws {
        try expectGroupCaught(PlantedBugs.hummingbirdGroups[index])
    }

    func expectGroupCaught(_ bugs: [PlantedBug]) throws {
        let report = try ContractCheckRunner.verify(backend: "hummingbird", bugs: bugs, health: 60)
        #expect(!report.passed)
        #expect(report.steps.first { $0.name == "setup" }?.status == .passed, "\(VerificationFixtures.describe(report))")
        for bug in bugs {
            #expect(ContractCheckRunner.caught(bug, in: report), "\(bug.name): \(bug.caughtBy) did not fail. \(VerificationFixtures.describe(report))")
        }
        // No other check failed: each bug is caught by its own check, not by a neighbour's.
        let expected = bugs.flatMap { [$0.caughtBy] + $0.alsoFails }
        let others = report.failedChecks.filter { c in
            !expected.contains { $0.hasSuffix(".") ? c.id.hasPrefix($0) : c.id == $0 }
        }
        #expect(others.isEmpty, "unexpected failures: \(others.map(\.id))")
    }
}

import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// The contract checks stand on their own: each planted bug is caught with the project's own tests
/// switched off (`sculpt check --contract-only`), on every backend. By default every bug is planted
/// once, in Flask or FastAPI (about 6 minutes); `SCULPT_CONTRACT_MATRIX=1` plants every bug in both
/// (about 13 minutes) and runs every Hummingbird group.
@Suite("Contract checks catch planted bugs alone", .serialized)
struct ContractCheckTests {
    @Test("the unbroken fixture passes every contract check", arguments: ["flask", "fastapi"])
    func unbrokenPasses(_ backend: String) throws {
        let report = try ContractCheckRunner.verify(backend: backend, bugs: [])
        #expect(report.passed, "\(VerificationFixtures.describe(report))")
        #expect(report.steps.first { $0.name == "tests" }?.status == .skipped)
        for id in ["accounts.login.token_expiry", "contract.static.secrets", "contract.static.configuration",
                   "contract.no_internal_details", "contract.messages.language", "entities.book.update.put_replaces",
                   "entities.book.update.patch_empty", "entities.book.fields.isbn.unique.race",
                   "entities.book.fields.isbn.unique.update_race", "entities.book.fields.status.allowedValues.case"] {
            #expect(report.checks.first { $0.id == id }?.status == .passed, "\(id) did not pass")
        }
    }

    static let fullMatrix = ProcessInfo.processInfo.environment["SCULPT_CONTRACT_MATRIX"] == "1"
    /// Every Flask bug with `SCULPT_CONTRACT_MATRIX=1`; otherwise those the FastAPI sample does not
    /// plant, so the default suite plants every bug once and CI stays short.
    static let flaskBugs = fullMatrix ? PlantedBugs.flask : PlantedBugs.flask.filter { !PlantedBugs.fastapiSample.contains($0.name) }

    @Test("a Flask bug is caught by the contract checks alone", arguments: flaskBugs)
    func flask(_ bug: PlantedBug) throws {
        try ContractCheckRunner.expectCaught(bug, backend: "flask")
    }

    /// Every FastAPI bug with `SCULPT_CONTRACT_MATRIX=1`; otherwise a sample of the gaps (the
    /// checks are the same for every backend; the sample proves they reach FastAPI's code paths).
    static let fastapiBugs = fullMatrix ? PlantedBugs.fastapi : PlantedBugs.fastapi.filter { PlantedBugs.fastapiSample.contains($0.name) }

    @Test("a FastAPI bug is caught by the contract checks alone", arguments: fastapiBugs)
    func fastapi(_ bug: PlantedBug) throws {
        try ContractCheckRunner.expectCaught(bug, backend: "fastapi")
    }
}

/// Generates the fixture for a backend, plants bugs, and verifies with the project's tests off.
enum ContractCheckRunner {
    static func verify(backend: String, bugs: [PlantedBug], health: Double = 30, spec fixture: String? = nil) throws -> VerificationReport {
        let ws = try VerificationFixtures.workspace("contract-\(backend)")
        defer { try? FileManager.default.removeItem(at: ws) }
        let name = fixture ?? bugs.first?.spec ?? PlantedBugs.spec
        let spec = try SpecCoding.decode(Data(contentsOf: VerificationFixtures.specs.appendingPathComponent("\(name).json")))
        let project = ws.appendingPathComponent("project")
        try ProjectWriter(destination: project, force: true).write(try ProjectGenerator(backend: backend).generate(spec))
        for bug in bugs {
            for edit in bug.edits { try VerificationFixtures.mutate(project, edit.file, replacing: edit.old, with: edit.new) }
        }
        var options = VerificationFixtures.options(health: health, tests: 120)
        options.projectTests = false
        let report = Verifier(project: project, options: options).verify()
        #expect(VerificationFixtures.processes(mentioning: project.path).isEmpty, "processes left behind")
        return report
    }

    /// Whether the report shows `bug` caught: its check (or step) failed.
    static func caught(_ bug: PlantedBug, in report: VerificationReport) -> Bool {
        if bug.caughtBy.hasPrefix("step:") {
            return report.steps.first { $0.name == bug.caughtBy.dropFirst(5) }?.status == .failed
        }
        return report.failedChecks.contains {
            bug.caughtBy.hasSuffix(".") ? $0.id.hasPrefix(bug.caughtBy) : $0.id == bug.caughtBy
        }
    }

    static func expectCaught(_ bug: PlantedBug, backend: String) throws {
        let report = try verify(backend: backend, bugs: [bug])
        #expect(!report.passed, "\(bug.name): verification passed")
        #expect(report.steps.first { $0.name == "tests" }?.status == .skipped)
        #expect(caught(bug, in: report), "\(bug.name): \(bug.caughtBy) did not fail. \(VerificationFixtures.describe(report))")
    }
}

import Foundation
import SculptCore
import SculptWorkspace
import Testing

/// The contract checks of contract v2 stand on their own too: on the v2 fixtures (roles, relations with
/// cascade and restrict, domain actions with preconditions, effects, once per user) every relation, role
/// and action gets its checks, each citing the clause that asked for it, and each planted v2 bug is
/// caught with the project's own tests switched off.
@Suite("Contract checks for relations, roles and domain actions", .serialized)
struct ContractCheckV2Tests {
    static let fixtures = ["library_loans_zh", "issues_en", "photos_likes_en", "courses_zh"]
    /// Every fixture on Flask; on FastAPI the richest one (a role, a cascade, a field-vs-field precondition,
    /// once per user and a create effect), or all of them with SCULPT_CONTRACT_MATRIX=1.
    static let runs = fixtures.map { "flask/\($0)" }
        + (ContractCheckTests.fullMatrix ? fixtures : ["courses_zh"]).map { "fastapi/\($0)" }

    @Test("a v2 fixture passes every contract check, with checks for each relation, role and action", arguments: runs)
    func unbrokenPasses(_ run: String) throws {
        let backend = String(run.split(separator: "/")[0]), fixture = String(run.split(separator: "/")[1])
        let report = try ContractCheckRunner.verify(backend: backend, bugs: [], spec: fixture)
        #expect(report.passed, "\(VerificationFixtures.describe(report))")
        let spec = try SpecCoding.decode(Data(contentsOf: VerificationFixtures.specs.appendingPathComponent("\(fixture).json")))
        let ids = Set(report.checks.filter { $0.status == .passed }.map(\.id))
        var wanted: [String] = []
        for entity in spec.entities {
            for field in entity.fields where field.relation != nil {
                wanted += ["filter", "onDelete"].map { "entities.\(entity.name).fields.\(field.name).relation.\($0)" }
            }
            for action in entity.actions {
                let base = "entities.\(entity.name).actions.\(action.name)"
                wanted += [base, "\(base).unknown_id", "\(base).access.token", "\(base).race"]
                if !action.preconditions.isEmpty { wanted.append("\(base).preconditions") }
                if action.oncePerUser { wanted += ["\(base).oncePerUser", "\(base).oncePerUser.race"] }
            }
        }
        if !spec.roles.isEmpty { wanted += ["accounts.roles.admin_account", "accounts.roles.signup"] }
        for id in wanted {
            #expect(ids.contains(id), "\(fixture): \(id) did not run and pass")
        }
        // Every clause that names a relation, a role, a permission or an action has a check behind it.
        for clause in report.clauses where clause.refs.contains(where: { $0.contains(".relation") || $0.contains(".actions.")
            || $0.contains(".permissions.") || $0.hasPrefix("accounts.roles.") }) {
            #expect(!clause.checks.isEmpty, "\(fixture): no check proves \(clause.text)")
        }
    }

    @Test("a v2 Flask bug is caught by the contract checks alone", arguments: PlantedBugs.flaskV2)
    func flask(_ bug: PlantedBug) throws {
        try ContractCheckRunner.expectCaught(bug, backend: "flask")
    }

    /// One FastAPI bug by default (the checks are the same; it proves they reach FastAPI's code paths), all
    /// of them with SCULPT_CONTRACT_MATRIX=1.
    static let fastapiBugs = ContractCheckTests.fullMatrix ? PlantedBugs.fastapiV2 : Array(PlantedBugs.fastapiV2.prefix(1))

    @Test("a v2 FastAPI bug is caught by the contract checks alone", arguments: fastapiBugs)
    func fastapi(_ bug: PlantedBug) throws {
        try ContractCheckRunner.expectCaught(bug, backend: "fastapi")
    }
}

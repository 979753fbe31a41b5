import Foundation
import Testing
@testable import SculptCore

/// The generated Swift suite proves what the Python suites prove: every test says in a doc comment
/// what it proves, every clause of the requirement is cited by at least one test, and every edge case
/// of every sign-up and entity field has its own test.
@Suite("Hummingbird test coverage")
struct HummingbirdTestCoverageTests {
    /// Each `@Test` of the generated suite with the doc comment right above it.
    static func tests(_ files: [GeneratedFile]) -> [(function: String, comment: String)] {
        var out: [(String, String)] = []
        for file in files where file.path.hasPrefix("backend/Tests/") {
            let lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (i, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("@Test(") {
                var comment: [String] = []
                var j = i - 1
                while j >= 0, lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                    comment.insert(lines[j].trimmingCharacters(in: .whitespaces), at: 0)
                    j -= 1
                }
                let function = lines[i + 1].trimmingCharacters(in: .whitespaces)
                out.append(("\(file.path): \(function)", comment.joined(separator: "\n")))
            }
        }
        return out
    }

    @Test("every test has a doc comment and every clause is cited", arguments: Fixtures.specNames)
    func clausesCited(_ name: String) throws {
        let spec = try Fixtures.spec(name)
        let tests = Self.tests(try ProjectGenerator(backend: "hummingbird").generate(spec))
        #expect(tests.count > 5)
        for t in tests { #expect(!t.comment.isEmpty, "\(name): \(t.function) has no doc comment") }
        for clause in spec.clauses {
            let line = "/// Requirement: " + clause.text.replacingOccurrences(of: "\n", with: " ")
            #expect(tests.contains { $0.comment.split(separator: "\n").contains { $0 == line } },
                    "\(name): no Hummingbird test cites the clause \"\(clause.text)\"")
        }
    }

    @Test("every edge case of every sign-up and entity field has its own test", arguments: Fixtures.specNames)
    func edgeTests(_ name: String) throws {
        let spec = try Fixtures.spec(name)
        let schemas = APISchemas(spec)
        let files = try ProjectGenerator(backend: "hummingbird").generate(spec)
        func functions(_ path: String) -> [String] {
            Self.tests(files.filter { $0.path == path }).map(\.function).filter { $0.contains("func edge") }
        }
        if let signUp = schemas.signUp {
            let expected = signUp.properties.reduce(0) { $0 + EdgeCase.cases($1).count }
            #expect(functions("backend/Tests/AppTests/AccountTests.swift").count == expected, "\(name): sign-up edge tests")
        }
        for e in spec.entities where e.supports(.create) {
            let expected = schemas.input(e).properties.reduce(0) { $0 + EdgeCase.cases($1).count }
            let type = SwiftCode.typeName(e.name)
            let paths = ["\(type)Tests.swift", "\(type)RecordTests.swift"].map { "backend/Tests/AppTests/" + $0 }
            let found = paths.flatMap(functions)
            #expect(found.count == expected, "\(name): \(e.name) has \(found.count) edge tests, expected \(expected)")
        }
    }

    @Test("edge values print as Swift expressions a JSON body can carry")
    func swiftLiterals() {
        #expect(HummingbirdTestValues.literal(.missing) == "nil")
        #expect(HummingbirdTestValues.literal(.null) == "NSNull()")
        #expect(HummingbirdTestValues.literal(.wholeFloat(3)) == "3.0")
        #expect(HummingbirdTestValues.literal(.bigInt) == "RawJSON(text: \"18446744073709551616\")")
        #expect(HummingbirdTestValues.literal(.repeated("a", count: 3, suffix: "@example.com"))
                == "String(repeating: \"a\", count: 3) + \"@example.com\"")
        #expect(HummingbirdTestValues.literal(.object([.init(key: "x", value: .int(1))])) == "[\"x\": 1] as [String: Any]")
        #expect(PythonTestValues.literal(.repeated("a", count: 3, suffix: "@example.com")) == "\"a\" * 3 + \"@example.com\"")
        #expect(PythonTestValues.list([.missing, .null, .bigInt, .wholeFloat(1)]) == "[MISSING, None, 2**64, 1.0]")
    }
}

/// A guided walk-through of a project for someone learning to program: what the requirement asked,
/// where each part of it lives in the code, why it is written that way, and how it is proved.
///
/// It is plain data, built from the generated files' `sculpt:part` marks and the explain catalog,
/// so the Markdown and HTML renderers (and tests) read the same facts.
public struct Walkthrough: Codable, Equatable, Sendable {
    public var language: Language
    public var title: String
    /// `flask`, `fastapi`, `hummingbird`, or `python` for code Sculpt did not write.
    public var backend: String
    public var requirement: String?
    /// Defaults the understanding chose that the requirement did not state.
    public var assumptions: [String] = []
    public var clauses: [ClauseWalk] = []
    /// Every file of the project with its role and its parts.
    public var layout: [FileTour] = []
    /// How one request travels through the code.
    public var flow: [FlowStep] = []
    public var glossary: [GlossaryEntry] = []
    public var exercises: [Exercise] = []
    /// Whether `verification.json` was found, and whether it passed.
    public var verified: Bool?
    /// Line-by-line notes (code Sculpt did not write).
    public var lines: [LineNote] = []
    /// Review findings explained for a learner.
    public var findings: [FindingNote] = []
    /// The source texts cited, by path, so renderers can show whole files with line numbers.
    public var sources: [SourceFile] = []

    public init(language: Language, title: String, backend: String, requirement: String? = nil) {
        self.language = language
        self.title = title
        self.backend = backend
        self.requirement = requirement
    }

    /// Every code citation anywhere in the walk-through (tests check each against the files on disk).
    public var allCitations: [Citation] {
        clauses.flatMap(\.code) + layout.flatMap(\.parts) + flow.flatMap(\.citations) + glossary.flatMap(\.places)
            + exercises.compactMap(\.citation)
    }
}

/// A line range of a file, the name it defines, and what the catalog says about it.
public struct Citation: Codable, Equatable, Hashable, Sendable {
    public var file: String
    public var startLine: Int
    public var endLine: Int
    public var symbol: String
    /// The catalog key of the part (`unique-check`).
    public var part: String
    public var title: String
    public var what: String
    public var why: String

    public var anchor: String { Anchors.line(file, startLine) }
}

/// A test function that proves something.
public struct TestCitation: Codable, Equatable, Hashable, Sendable {
    public var file: String
    public var startLine: Int
    public var endLine: Int
    /// The test's function name.
    public var name: String

    public var anchor: String { Anchors.line(file, startLine) }
}

/// A contract check the verifier ran against the live server, with what it sent and what came back.
public struct CheckCitation: Codable, Equatable, Sendable {
    public var id: String
    public var passed: Bool
    public var method: String?
    public var path: String?
    public var requestBody: String?
    public var status: Int?
    public var responseBody: String?
}

/// One clause of the requirement: how it was understood, where it is built, how it is proved.
public struct ClauseWalk: Codable, Equatable, Sendable {
    public var number: Int
    public var text: String
    public var refs: [String]
    /// The spec entries the clause produced, in words.
    public var understood: [String]
    public var code: [Citation]
    public var tests: [TestCitation]
    public var checks: [CheckCitation]

    public var anchor: String { "clause-\(number)" }
}

public struct FileTour: Codable, Equatable, Sendable {
    public var path: String
    public var role: String
    public var parts: [Citation]
    public var tests: [TestCitation]
}

public struct FlowStep: Codable, Equatable, Sendable {
    public var title: String
    public var text: String
    public var citations: [Citation]
}

public struct GlossaryEntry: Codable, Equatable, Sendable {
    public var id: String
    public var term: String
    public var definition: String
    public var places: [Citation]

    public var anchor: String { "term-\(id)" }
}

public struct Exercise: Codable, Equatable, Sendable {
    public var title: String
    public var steps: [String]
    public var command: String
    /// Where to make the change, when it is in the code.
    public var citation: Citation?
}

/// A note on one line (or a few) of a file.
public struct LineNote: Codable, Equatable, Sendable {
    public var file: String
    public var line: Int
    public var endLine: Int
    public var code: String
    public var note: String
    /// A problem a learner should know about, when the line has one.
    public var caution: String?
    /// What a language model wrote about the line (`--model`), beside the structural note.
    public var prose: String?
}

/// A review finding, explained.
public struct FindingNote: Codable, Equatable, Sendable {
    public var rule: String
    public var file: String
    public var line: Int
    public var level: String
    public var message: String
    public var explanation: String
}

public struct SourceFile: Codable, Equatable, Sendable {
    public var path: String
    public var text: String
}

/// Stable HTML anchors for lines of files.
public enum Anchors {
    public static func file(_ path: String) -> String {
        "f-" + String(path.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    public static func line(_ path: String, _ line: Int) -> String { file(path) + "-L\(line)" }
}

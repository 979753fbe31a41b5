/// What an understander did with a requirement: the assumptions it made and what it could not place.
///
/// Understanding is honest: nothing is invented silently, so every default chosen appears here.
public struct UnderstandingReport: Codable, Equatable, Sendable {
    /// Decisions not stated in the requirement (a default password length, an inferred type).
    public var assumptions: [String]
    /// Phrases of the requirement that produced nothing in the spec.
    public var notUnderstood: [String]
    /// Other remarks (an unknown noun given a transliterated identifier).
    public var notes: [String]

    public init(assumptions: [String] = [], notUnderstood: [String] = [], notes: [String] = []) {
        self.assumptions = assumptions
        self.notUnderstood = notUnderstood
        self.notes = notes
    }
}

/// The result of understanding a requirement: a valid spec and the report on how it was reached.
public struct Understanding: Sendable {
    public var spec: AppSpec
    public var report: UnderstandingReport

    public init(spec: AppSpec, report: UnderstandingReport) {
        self.spec = spec
        self.report = report
    }
}

/// Why a requirement could not become a spec, with what to write instead.
public enum UnderstandingError: Error, Equatable, CustomStringConvertible {
    case empty
    case nothingToBuild(notUnderstood: [String], language: Language)
    case invalid([SpecProblem])
    /// The requirement is longer than `RequirementParser.maxCharacters`.
    case tooLong(characters: Int, limit: Int)
    /// What the requirement is for is not something Sculpt builds (or most of it was not understood).
    case outOfScope(purpose: [String], understood: [String], notUnderstood: [String], language: Language)

    public var description: String {
        switch self {
        case .empty:
            return "the requirement is empty. Describe what to build, for example:\n  " + Self.example(.en)
        case .nothingToBuild(let phrases, let lang):
            var s = "found nothing to build in the requirement"
            if !phrases.isEmpty { s += "; not understood: " + phrases.map { "\"\($0)\"" }.joined(separator: ", ") }
            s += ".\nName the things to store, their fields and what users do with them, for example:\n  " + Self.example(lang)
            return s
        case .tooLong(let n, let limit):
            return "the requirement is \(n) characters long; the limit is \(limit). Split it into smaller apps, or write the spec by hand (sculpt spec --help)."
        case .outOfScope(let purpose, let understood, let phrases, _):
            var s = "this is not what Sculpt builds: it makes data apps (things to store, their fields, who may do what), and the requirement asks for "
                + purpose.map { "\"\($0)\"" }.joined(separator: ", ")
            s += ".\nUnderstood: " + (understood.isEmpty ? "nothing to store" : understood.joined(separator: ", "))
            if !phrases.isEmpty { s += "\nNot understood: " + phrases.prefix(8).map { "\"\($0)\"" }.joined(separator: ", ") + (phrases.count > 8 ? ", ..." : "") }
            s += "\nRerun with --allow-partial to build what was understood anyway."
            return s
        case .invalid(let problems):
            return "the requirement leads to a contradictory spec:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
                + "\nReword the requirement, or write the spec by hand (sculpt spec ... > app.json; sculpt new --spec app.json)."
        }
    }

    public static func example(_ lang: Language) -> String {
        switch lang {
        case .zh: return "\"做一个图书管理系统：每本书有书名（必填）、作者和价格（大于0），可以添加、查看、修改、删除图书，并按书名搜索。\""
        case .en: return "\"A book catalog: each book has a title (required), an author and a price (positive). Users can add, list, view, update and delete books, and search books by title.\""
        }
    }
}

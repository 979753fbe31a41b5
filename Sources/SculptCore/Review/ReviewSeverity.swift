import Foundation

/// How bad a review finding is. The three SARIF levels, so `--fail-on` and GitHub agree on the scale.
public enum ReviewSeverity: String, Codable, Sendable, CaseIterable, Comparable {
    case error
    case warning
    case note

    var rank: Int {
        switch self {
        case .error: return 3
        case .warning: return 2
        case .note: return 1
        }
    }

    public static func < (a: ReviewSeverity, b: ReviewSeverity) -> Bool { a.rank < b.rank }
}

/// The language a review speaks: the code's, unless the user asks for another.
public enum ReviewLanguage: String, Codable, Sendable, CaseIterable {
    case en
    case zh
}

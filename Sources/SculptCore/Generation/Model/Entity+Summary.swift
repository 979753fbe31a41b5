/// One-line English summaries of an entity that every target writes into the comments of its code.
extension Entity {
    /// "anyone may read; only the owner may write."
    public var accessSummary: String {
        func who(_ a: Audience) -> String {
            switch a {
            case .anyone: return "anyone"
            case .signedIn: return "signed-in users"
            case .owner: return "only the owner"
            }
        }
        return "\(who(access.read)) may read; \(who(access.write)) may write."
    }

    /// "create, list, get, update, delete".
    public var operationsSummary: String { operations.map(\.rawValue).joined(separator: ", ") }
}

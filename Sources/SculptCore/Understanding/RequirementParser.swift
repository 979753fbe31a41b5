/// The offline understander (being written).
public struct RequirementParser: Sendable {
    public init() {}
    public func understand(_ text: String) throws -> Understanding {
        throw UnderstandingError.empty
    }
}

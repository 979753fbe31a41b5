/// The static web page served by every backend. (Being written: templates land in Templates/frontend.)
public struct FrontendTarget: Sendable {
    public init() {}
    public func files(for spec: AppSpec, context: GenerationContext) throws -> [GeneratedFile] {
        []
    }
}

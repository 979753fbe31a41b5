/// The backend stacks `sculpt new --backend` offers, in the order `--help` lists them.
public enum Backend: String, CaseIterable, Sendable {
    case fastapi, flask, hummingbird

    /// The target that generates this backend.
    public var target: any BackendTarget {
        switch self {
        case .flask: return FlaskTarget()
        case .fastapi: return FastAPITarget()
        case .hummingbird: return HummingbirdTarget()
        }
    }
}

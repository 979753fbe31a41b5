/// One value a generated test puts in a request body, typed so every target prints it in its own
/// language: the Python suites as Python literals, the Swift suite as Swift expressions.
///
/// The edge cases are computed once (`EdgeCase`) and only rendered per target, so every backend
/// probes a constraint with the same values.
indirect enum TestValue: Equatable, Sendable {
    /// The field is left out of the body.
    case missing
    /// JSON `null`.
    case null
    case bool(Bool)
    case int(Int)
    /// A whole number written with a fraction (`1.0`): JSON's one number type, so an integer.
    case wholeFloat(Int)
    /// 2**64: an integer past every 64-bit type.
    case bigInt
    case number(Double)
    case string(String)
    /// `text` repeated `count` times, then `suffix` (a string of an exact length).
    case repeated(String, count: Int, suffix: String)
    case list([TestValue])
    /// A JSON object, its keys in the given order.
    case object([Pair])

    struct Pair: Equatable, Sendable {
        let key: String
        let value: TestValue
    }

    /// `text` repeated `count` times.
    static func repeated(_ text: String, count: Int) -> TestValue { .repeated(text, count: count, suffix: "") }
}

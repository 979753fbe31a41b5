import Mustache

/// A view model as swift-mustache sees it, with each struct's properties reflected once.
///
/// swift-mustache finds `{{name}}` by building a `Mirror` of every object on the context stack and
/// scanning all its properties, at every tag: with five entities that was over half of `sculpt new`.
/// This box answers the same lookups from a table built by one `Mirror` pass, and boxes structs and
/// classes (alone or in arrays) as they are handed out. What a lookup returns is otherwise what
/// swift-mustache would find: the first property of that label, an optional unwrapped (nil: not
/// found, so the lookup goes on up the stack); scalars, enums, dictionaries and anything that speaks
/// one of swift-mustache's own protocols are handed out as they are.
final class ReflectedModel: MustacheParent, CustomStringConvertible {
    let value: Any
    private var table: [String: Any?]?

    private init(_ value: Any) { self.value = value }

    /// `value` boxed when it is a plain struct or class, an array with its such elements boxed, or
    /// `value` itself.
    static func wrap(_ value: Any) -> Any {
        // The common scalars first: a cast to a concrete type is cheap, a protocol check is not.
        if value is String || value is Bool || value is Int || value is Double { return value }
        if let array = value as? [Any] { return wrapElements(array) ?? value }
        switch Mirror(reflecting: value).displayStyle {
        case .struct?, .class?:
            if value is MustacheParent || value is MustacheCustomRepresentation || value is MustacheCustomRenderable
                || value is MustacheTransformable || value is MustacheLambda || value is MustacheTemplate {
                return value
            }
            return ReflectedModel(value)
        default: return value
        }
    }

    /// The array with its structs and classes boxed; nil when none needed it (the array stays as given).
    private static func wrapElements(_ array: [Any]) -> [Any]? {
        var changed = false
        let out = array.map { element -> Any in
            if let inner = element as? [Any] {
                guard let wrapped = wrapElements(inner) else { return element }
                changed = true
                return wrapped
            }
            let w = wrap(element)
            if w is ReflectedModel { changed = true }
            return w
        }
        return changed ? out : nil
    }

    func child(named name: String) -> Any? {
        if table == nil {
            var t: [String: Any?] = [:]
            for child in Mirror(reflecting: value).children {
                guard let label = child.label, t[label] == nil else { continue }
                t[label] = .some(Self.unwrapOptional(child.value).map(Self.wrap))
            }
            table = t
        }
        guard let found = table?[name] else { return nil }
        return found
    }

    var description: String { String(describing: value) }

    /// The value an optional holds, nil for an empty one, anything else as it is (as swift-mustache does).
    private static func unwrapOptional(_ object: Any) -> Any? {
        let mirror = Mirror(reflecting: object)
        guard mirror.displayStyle == .optional else { return object }
        guard let first = mirror.children.first else { return nil }
        return first.value
    }
}

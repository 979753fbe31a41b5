/// A view-model value as templates see it: a struct, class, enum or dictionary whose properties are
/// read once, with one `Mirror` pass, when a tag first looks into it.
///
/// Values are boxed as they are handed out (structs and classes as `TemplateObject`s, arrays with
/// their elements boxed, optionals unwrapped), so an object met again (an entity listed by several
/// sections) keeps its table. Nothing here casts to a protocol: on Linux the first cast of each type
/// to each protocol scans every conformance record of the binary, and swift-mustache's handful of
/// protocol checks per value made that a tenth of `sculpt new`.
final class TemplateObject: CustomStringConvertible {
    let value: Any
    private let isDictionary: Bool
    private var table: [String: Any?]?

    private init(_ value: Any, isDictionary: Bool) {
        self.value = value
        self.isDictionary = isDictionary
    }

    /// What a name finds on an object: nothing of that name, a name whose value is nil, or a value.
    enum Lookup {
        case missing, absent
        case found(Any)
    }

    /// `value` as templates handle it: scalars as they are, arrays as `[Any]` of boxed elements, an
    /// optional unwrapped (nil when empty), anything with properties as a `TemplateObject`.
    static func box(_ value: Any) -> Any? {
        // Casts to concrete value types are cheap; a cast to a class or a protocol is not (see above).
        if value is String || value is Bool || value is Int || value is Double { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional?:
            guard let wrapped = mirror.children.first?.value else { return nil }
            return box(wrapped)
        case .collection?, .set?:
            return mirror.children.map { box($0.value) ?? ($0.value) } as [Any]
        case .dictionary?:
            return TemplateObject(value, isDictionary: true)
        case .struct?, .class?, .enum?, .tuple?:
            return TemplateObject(value, isDictionary: false)
        default:
            return value
        }
    }

    /// The property (or dictionary key) `name`.
    func lookup(_ name: String) -> Lookup {
        if table == nil { table = isDictionary ? Self.entries(of: value) : Self.properties(of: value) }
        guard let entry = table?[name] else { return .missing }
        guard let found = entry else { return .absent }
        return .found(found)
    }

    var description: String { String(describing: value) }

    private static func properties(of value: Any) -> [String: Any?] {
        var t: [String: Any?] = [:]
        for child in Mirror(reflecting: value).children {
            guard let label = child.label, t[label] == nil else { continue }
            t[label] = .some(box(child.value))
        }
        return t
    }

    private static func entries(of value: Any) -> [String: Any?] {
        var t: [String: Any?] = [:]
        for child in Mirror(reflecting: value).children {
            let pair = Mirror(reflecting: child.value).children.map(\.value)
            guard pair.count == 2, let key = pair[0] as? String else { continue }
            t[key] = .some(box(pair[1]))
        }
        return t
    }
}

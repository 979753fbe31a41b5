/// A view-model value as templates see it: a struct, class, enum or dictionary whose properties are
/// read once, when a tag first looks into it (a struct by its `TypeShape`, anything else by `Mirror`).
///
/// Values are boxed as they are handed out (structs and classes as `TemplateObject`s, arrays with
/// their elements boxed, optionals unwrapped), so an object met again (an entity listed by several
/// sections) keeps its table. Nothing here casts to a protocol: on Linux the first cast of each type
/// to each protocol scans every conformance record of the binary, and swift-mustache's handful of
/// protocol checks per value made that a tenth of `sculpt new`.
final class TemplateObject: CustomStringConvertible {
    let value: Any
    /// How to read a struct's properties without `Mirror`; nil for classes, enums and tuples.
    private let shape: TypeShape?
    private var table: [String: Any?]?

    private init(_ value: Any, shape: TypeShape?) {
        self.value = value
        self.shape = shape
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
        if let array = value as? [Any] { return array.map { box($0) ?? $0 } }
        let shape = TypeShape.of(type(of: value))
        switch shape.kind {
        case .optional:
            guard case .some(.some(let wrapped)) = value as? Any? else { return nil }
            return box(wrapped)
        case .structure:
            return TemplateObject(value, shape: shape)
        case .mirrored:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .collection || mirror.displayStyle == .set { return mirror.children.map { box($0.value) ?? $0.value } as [Any] }
            return TemplateObject(value, shape: nil)
        case .opaque:
            return value
        }
    }

    /// The property (or dictionary key) `name`.
    func lookup(_ name: String) -> Lookup {
        if table == nil { table = makeTable() }
        guard let entry = table?[name] else { return .missing }
        guard let found = entry else { return .absent }
        return .found(found)
    }

    var description: String { String(describing: value) }

    /// Each property (first of a name) or dictionary entry, boxed; nil for a property that is nil.
    private func makeTable() -> [String: Any?] {
        var t: [String: Any?] = [:]
        if let shape, !shape.isStringDictionary {
            for (name, child) in shape.values(of: value) where t[name] == nil { t[name] = .some(Self.box(child)) }
        } else if let dictionary = value as? [String: Any] {
            for (key, child) in dictionary { t[key] = .some(Self.box(child)) }
        } else {
            for child in Mirror(reflecting: value).children {
                guard let label = child.label, t[label] == nil else { continue }
                t[label] = .some(Self.box(child.value))
            }
        }
        return t
    }
}

@_spi(Reflection) import Swift

/// What kind of type a view-model value has and, for a struct, where its stored properties lie:
/// read once per type from the type's field records and kept for the process.
///
/// `Mirror` gives the same properties, but it first asks every value's type whether it is
/// `CustomReflectable` (on Linux the first such question per type scans every conformance record of
/// the binary) and builds its children anew for every instance: for a five-entity app that was the
/// largest share of rendering. Structs are read here by offset; anything else goes through `Mirror`.
struct TypeShape: @unchecked Sendable {
    /// One stored property: its name, where it is in the struct, and its type.
    struct Field {
        let name: String
        let offset: Int
        let type: Any.Type
    }

    /// What templates do with a value of the type.
    enum Kind {
        /// Unwrapped: nil, or its value.
        case optional
        /// Read by offset through `fields`.
        case structure
        /// Classes, enums, tuples, collections other than arrays: read through `Mirror`.
        case mirrored
        /// Anything else (other number types, functions): printed as it is.
        case opaque
    }

    let kind: Kind
    /// The stored properties, in declaration order (structs only).
    let fields: [Field]
    /// `[String: …]`, which templates read by key.
    let isStringDictionary: Bool

    static func of(_ type: Any.Type) -> TypeShape {
        let id = ObjectIdentifier(type)
        if let known = known.value[id] { return known }
        let shape = TypeShape(reading: type)
        known.mutate { $0[id] = shape }
        return shape
    }

    private static let known = Locked<[ObjectIdentifier: TypeShape]>([:])

    private init(reading type: Any.Type) {
        var kind: Kind
        switch Self.kind(of: type) {
        case .optional: kind = .optional
        case .struct: kind = .structure
        case .class, .enum, .tuple: kind = .mirrored
        default: kind = .opaque
        }
        let name = _typeName(type, qualified: true)
        isStringDictionary = kind == .structure && name.hasPrefix("Swift.Dictionary<Swift.String, ")
        // Other collections are structs whose stored properties are their storage: `Mirror` lists them.
        if kind == .structure && !isStringDictionary && (name.hasPrefix("Swift.Set<") || name.hasPrefix("Swift.Dictionary<")
            || name.hasPrefix("Swift.ContiguousArray<") || name.hasPrefix("Swift.ArraySlice<")) {
            kind = .mirrored
        }
        self.kind = kind
        var fields: [Field] = []
        if kind == .structure && !isStringDictionary {
            _ = _forEachField(of: type) { name, offset, fieldType, _ in
                fields.append(Field(name: String(cString: name), offset: offset, type: fieldType))
                return true
            }
        }
        self.fields = fields
    }

    /// A type's kind, read as the kind of the one field of `Holder<T>`.
    private static func kind(of type: Any.Type) -> _MetadataKind {
        func holderKind<T>(_: T.Type) -> _MetadataKind {
            var kind = _MetadataKind.unknown
            _ = _forEachField(of: Holder<T>.self) { _, _, _, k in
                kind = k
                return false
            }
            return kind
        }
        return _openExistential(type, do: holderKind)
    }

    private struct Holder<T> { let value: T }

    /// The stored properties of `value` (a struct of this shape), each as its own value.
    func values(of value: Any) -> [(String, Any)] {
        func read<T>(_ instance: T) -> [(String, Any)] {
            withUnsafePointer(to: instance) { pointer in
                let base = UnsafeRawPointer(pointer)
                return fields.map { ($0.name, Self.load($0.type, at: base + $0.offset)) }
            }
        }
        return _openExistential(value, do: read)
    }

    private static func load(_ type: Any.Type, at address: UnsafeRawPointer) -> Any {
        func load<F>(_: F.Type) -> Any { address.assumingMemoryBound(to: F.self).pointee }
        return _openExistential(type, do: load)
    }
}

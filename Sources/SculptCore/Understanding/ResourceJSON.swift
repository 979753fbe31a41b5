import Foundation

/// A small JSON reader for the parser's own word lists (`Resources/Lexicon/*.json`).
///
/// Every `sculpt` process that reads a requirement loads them, and `JSONDecoder` with synthesized
/// `Decodable` takes several milliseconds for the 89 KB lexicon on Linux (generic dispatch and
/// runtime type look-ups); a byte scanner and hand-written mapping take a fraction of that. The JSON
/// stays the one editable source; `ResourceJSONTests` checks both readings agree.
indirect enum ResourceJSON: Equatable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([ResourceJSON])
    /// Members in the order written (objects here are small: a scan finds a key faster than hashing).
    case object([Member])

    struct Member: Equatable, Sendable {
        var key: String
        var value: ResourceJSON
    }

    /// The value of `key` (the last one when written twice).
    func member(_ key: String) -> ResourceJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// Why a word list could not be read: where, and what was expected.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ data: Data) throws -> ResourceJSON {
        try data.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
            scanner.skipSpace()
            let value = try scanner.value(depth: 0)
            scanner.skipSpace()
            guard scanner.i == scanner.bytes.count else { throw scanner.problem("text after the JSON value") }
            return value
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        func problem(_ what: String) -> Problem { Problem(description: "\(what) at byte \(i)") }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) throws -> ResourceJSON {
            guard depth < 64 else { throw problem("nesting too deep") }
            guard i < bytes.count else { throw problem("unexpected end") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var out: [Member] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw problem("expected a key") }
                    let key = try string()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw problem("expected ':'") }
                    i += 1
                    skipSpace()
                    out.append(Member(key: key, value: try value(depth: depth + 1)))
                    skipSpace()
                    guard i < bytes.count else { throw problem("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == UInt8(ascii: "}") else { throw problem("expected ',' or '}'") }
                    i += 1
                    return .object(out)
                }
            case UInt8(ascii: "["):
                i += 1
                var out: [ResourceJSON] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                while true {
                    skipSpace()
                    out.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw problem("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == UInt8(ascii: "]") else { throw problem("expected ',' or ']'") }
                    i += 1
                    return .array(out)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true"); return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false"); return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null"); return .null
            default:
                return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count else { throw problem("unexpected end") }
            for k in 0..<w.count where bytes[i + k] != w[k] { throw problem("unknown word") }
            i += w.count
        }

        mutating func number() throws -> Double {
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                guard (0x30...0x39).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                        || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") else { break }
                i += 1
            }
            guard i > start, let d = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) else {
                throw problem("expected a value")
            }
            return d
        }

        mutating func string() throws -> String {
            i += 1  // the opening quote
            var out: [UInt8] = []
            var runStart = i
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let run = UnsafeBufferPointer(rebasing: bytes[runStart..<i])
                    i += 1
                    if out.isEmpty {
                        guard let s = String(validating: run, as: UTF8.self) else { throw problem("invalid UTF-8 in a string") }
                        return s
                    }
                    out.append(contentsOf: run)
                    guard let s = String(validating: out, as: UTF8.self) else { throw problem("invalid UTF-8 in a string") }
                    return s
                }
                if b < 0x20 { throw problem("control character in a string") }
                if b == UInt8(ascii: "\\") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                    i += 1
                    guard i < bytes.count else { break }
                    switch bytes[i] {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u") else { throw problem("lone surrogate") }
                            i += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw problem("lone surrogate") }
                            scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { throw problem("invalid \\u escape") }
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    default:
                        throw problem("invalid escape")
                    }
                    i += 1
                    runStart = i
                    continue
                }
                i += 1
            }
            throw problem("unterminated string")
        }

        /// The four hex digits after `\u` (leaves `i` on the last one).
        mutating func hex4() throws -> UInt32 {
            guard i + 4 < bytes.count else { throw problem("short \\u escape") }
            var v: UInt32 = 0
            for k in 1...4 {
                let b = bytes[i + k]
                let d: UInt8
                switch b {
                case 0x30...0x39: d = b - 0x30
                case 0x41...0x46: d = b - 0x41 + 10
                case 0x61...0x66: d = b - 0x61 + 10
                default: throw problem("invalid \\u escape")
                }
                v = v << 4 | UInt32(d)
            }
            i += 4
            return v
        }
    }
}

/// Typed access with the path in every error ("entities[3].label.zh: expected a string"); the path
/// is spelled out only for an error, so reading stays cheap.
struct ResourceJSONField {
    let value: ResourceJSON?
    private let parent: String
    private let step: Step

    private enum Step {
        case root
        case key(String)
        case index(Int)
    }

    init(_ value: ResourceJSON?, path: String) {
        self.value = value
        parent = path
        step = .root
    }

    private init(_ value: ResourceJSON?, parent: String, step: Step) {
        self.value = value
        self.parent = parent
        self.step = step
    }

    var path: String {
        switch step {
        case .root: return parent
        case .key(let k): return parent + "." + k
        case .index(let i): return parent + "[\(i)]"
        }
    }

    func problem(_ expected: String) -> ResourceJSON.Problem {
        ResourceJSON.Problem(description: value == nil ? "\(path): missing" : "\(path): expected \(expected)")
    }

    /// Absent or null.
    var isAbsent: Bool { value == nil || value == .null }

    subscript(key: String) -> ResourceJSONField {
        ResourceJSONField(value?.member(key), parent: path, step: .key(key))
    }

    func string() throws -> String {
        guard case .string(let s)? = value else { throw problem("a string") }
        return s
    }

    func bool() throws -> Bool {
        guard case .bool(let b)? = value else { throw problem("true or false") }
        return b
    }

    func double() throws -> Double {
        guard case .number(let d)? = value else { throw problem("a number") }
        return d
    }

    func int() throws -> Int {
        guard case .number(let d)? = value, let n = Int(exactly: d) else { throw problem("a whole number") }
        return n
    }

    func array() throws -> [ResourceJSONField] {
        guard case .array(let a)? = value else { throw problem("a list") }
        let here = path
        return a.enumerated().map { ResourceJSONField($1, parent: here, step: .index($0)) }
    }

    func object() throws -> [String: ResourceJSONField] {
        guard case .object(let o)? = value else { throw problem("an object") }
        var out: [String: ResourceJSONField] = [:]
        let here = path
        out.reserveCapacity(o.count)
        for m in o { out[m.key] = ResourceJSONField(m.value, parent: here, step: .key(m.key)) }
        return out
    }

    func strings() throws -> [String] {
        guard case .array(let a)? = value else { throw problem("a list") }
        return try a.enumerated().map { i, v in
            guard case .string(let s) = v else { throw ResourceJSONField(v, parent: path, step: .index(i)).problem("a string") }
            return s
        }
    }

    func map<T>(_ f: (ResourceJSONField) throws -> T) throws -> [T] { try array().map(f) }

    /// Nil when absent or null, like an optional `Decodable` property.
    func optional<T>(_ f: (ResourceJSONField) throws -> T) throws -> T? { isAbsent ? nil : try f(self) }

    func raw<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: try string()) else { throw problem("one of the known \(T.self) values") }
        return v
    }
}

/// The static outline of Python files that `Resources/Explain/python_outline.py` prints: imports, the
/// app object, models and their columns, routes with what they read and answer, and a classified
/// note for every statement. The workspace runs the script; the core only reads its JSON.
public struct PythonOutline: Codable, Equatable, Sendable {
    public struct Import: Codable, Equatable, Sendable {
        public var line: Int
        public var module: String
        public var names: [String]
    }

    public struct App: Codable, Equatable, Sendable {
        public var line: Int
        public var name: String
        public var framework: String
    }

    public struct Column: Codable, Equatable, Sendable {
        public var line: Int
        public var name: String
        public var type: String?
        public var length: Int?
        public var unique: Bool
        public var primary: Bool
    }

    public struct Model: Codable, Equatable, Sendable {
        public var line: Int
        public var end: Int
        public var name: String
        public var base: String
        public var columns: [Column]
    }

    public struct Answer: Codable, Equatable, Sendable {
        public var line: Int
        public var status: Int?
        public var kind: String
        public var value: String?
    }

    public struct Route: Codable, Equatable, Sendable {
        public var line: Int
        public var end: Int
        public var function: String
        public var path: String
        public var methods: [String]
        public var reads: [String]
        public var answers: [Answer]
        public var writes: [String]
    }

    public struct Function: Codable, Equatable, Sendable {
        public var line: Int
        public var end: Int
        public var name: String
        public var route: Bool
    }

    /// One statement (or the header of a compound one), with its kind and the facts the catalog's
    /// sentence for that kind fills in.
    public struct Note: Codable, Equatable, Sendable {
        public var line: Int
        public var end: Int
        public var kind: String
        public var values: [String: String]
    }

    public struct File: Codable, Equatable, Sendable {
        public var path: String
        public var text: String
        public var error: String?
        public var imports: [Import]
        public var apps: [App]
        public var models: [Model]
        public var routes: [Route]
        public var functions: [Function]
        public var notes: [Note]
    }

    public var files: [File]
}

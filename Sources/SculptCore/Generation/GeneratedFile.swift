/// One file of a generated project, held in memory until the workspace writes the whole tree at once.
public struct GeneratedFile: Equatable, Sendable {
    /// Relative path inside the project, with `/` separators.
    public var path: String
    public var contents: String
    /// Whether the file should be executable (scripts).
    public var executable: Bool

    public init(path: String, contents: String, executable: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
    }
}

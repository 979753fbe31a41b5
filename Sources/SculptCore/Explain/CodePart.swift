/// A region of a generated file that its template marked with one `sculpt:part` comment line.
///
/// The explanation of a project is keyed by these marks, not by line numbers, so a walk-through
/// stays true when a template changes: the lines move, the mark moves with them.
public struct CodePart: Equatable, Sendable {
    /// Project-relative path, `/` separators.
    public var file: String
    /// What the part is for (`unique-check`), a key of the explain catalog.
    public var id: String
    /// The words after the id: usually the entity (and field) the part serves.
    public var subjects: [String]
    /// 1-based line of the marker comment itself.
    public var markerLine: Int
    /// 1-based first and last line of the code the marker introduces (blank lines trimmed).
    public var startLine: Int
    public var endLine: Int
    /// The name the part defines (a function, a class), cited beside its line range.
    public var symbol: String

    /// `route-create post`: the id followed by its subjects, how refs name parts.
    public var key: String { ([id] + subjects).joined(separator: " ") }
}

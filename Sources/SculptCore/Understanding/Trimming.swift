import Foundation

/// Trimming spaces from both ends, the parser's most frequent string operation: Foundation's
/// `trimmingCharacters(in:)` goes through `NSString` even when there is nothing to trim, so a piece
/// whose first and last characters are surely not spaces is returned as it is.
extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`.
    func trimmingWhitespace() -> String { trimmed(.whitespaces) }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    func trimmingWhitespaceAndNewlines() -> String { trimmed(.whitespacesAndNewlines) }

    private func trimmed(_ set: CharacterSet) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if Self.surelyNotSpace(first) && Self.surelyNotSpace(last) { return String(self) }
        return trimmingCharacters(in: set)
    }

    /// Printable ASCII other than the space, CJK ideographs and punctuation, fullwidth forms: in
    /// neither whitespace set (the ideographic space U+3000 is left to Foundation).
    private static func surelyNotSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x21...0x7E, 0x3001...0x9FFF, 0xFF01...0xFFEF: return true
        default: return false
        }
    }
}

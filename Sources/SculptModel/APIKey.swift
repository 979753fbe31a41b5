import Foundation

/// An API key that cannot leak by accident.
///
/// The key is needed in exactly one place, the `Authorization` header. Everywhere else (string
/// interpolation, `print`, `dump`, error messages, reports) it renders as `<redacted>`, and
/// `scrub(_:)` removes it from text that came back from a server, which may echo a request.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let secret: String

    public init?(_ secret: String?) {
        guard let s = secret?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else { return nil }
        self.secret = s
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// The header value; the only way the secret leaves this type.
    var authorization: String { "Bearer " + secret }

    /// `text` with every occurrence of the key (and of any long part of it) replaced.
    public func scrub(_ text: String) -> String {
        guard secret.count >= 4 else { return text }
        var out = text.replacingOccurrences(of: secret, with: "<redacted>")
        // Servers sometimes echo a key shortened ("sk-abc...xyz"): hide any 12-character run of it.
        if secret.count > 16 {
            let chars = Array(secret)
            for start in stride(from: 0, through: chars.count - 12, by: 1) {
                let piece = String(chars[start..<start + 12])
                if out.contains(piece) { out = out.replacingOccurrences(of: piece, with: "<redacted>") }
            }
        }
        return out
    }
}

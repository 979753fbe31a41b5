import Foundation

/// Writes numbers the way people and JSON expect: `0`, `2.5`, never `0.0` or `2.5000001`.
public enum NumberText {
    public static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}

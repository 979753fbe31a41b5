import Foundation

/// Finding an ASCII word in ASCII text by its bytes: Foundation's `range(of:)` converts both to
/// `NSString` for every call, and the parser cuts noun phrases at some thirty markers each.
extension String {
    /// The first range of `needle`, as `range(of:)` finds it; the bytes are searched when both
    /// strings are ASCII (where the two agree), anything else goes to Foundation.
    func asciiRange(of needle: String) -> Range<String.Index>? {
        var hay = self
        var pin = needle
        let found: Int?? = hay.withUTF8 { h in
            pin.withUTF8 { n in
                guard !n.isEmpty, n.allSatisfy({ $0 < 0x80 }), h.allSatisfy({ $0 < 0x80 }) else { return .none }
                guard n.count <= h.count else { return .some(nil) }
                var i = 0
                while i <= h.count - n.count {
                    if h[i] == n[0] {
                        var k = 1
                        while k < n.count && h[i + k] == n[k] { k += 1 }
                        if k == n.count { return .some(i) }
                    }
                    i += 1
                }
                return .some(nil)
            }
        }
        guard let answer = found else { return range(of: needle) }
        guard let at = answer else { return nil }
        let lower = utf8.index(startIndex, offsetBy: at)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }
}

extension String {
    /// Whether two strings hold the same bytes (no Unicode normalisation, unlike `==`): for caches
    /// whose keys are the parser's own patterns and clauses.
    func sameBytes(as other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }
}

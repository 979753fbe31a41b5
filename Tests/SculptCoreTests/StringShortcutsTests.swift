import Foundation
import Testing
@testable import SculptCore

/// The parser's shortcuts around Foundation (`trimmingWhitespace`, `asciiRange(of:)`) must give
/// Foundation's answers on every kind of text, including the cases they hand back to it.
@Suite("String shortcuts")
struct StringShortcutsTests {
    static let texts = ["", " ", "title", " title ", "\ttitle", "title\n", "标题", "　标题　", "（必填）", "价格 ", " 价格",
                        "a\u{00A0}", "\u{2003}x", "x\u{3000}", "é ", "\r\n", "done?", "e\u{301}", "-5", "ＡＢ", "\u{0085}a"]

    @Test("trimming gives Foundation's answer")
    func trimming() {
        for t in Self.texts {
            #expect(t.trimmingWhitespace() == t.trimmingCharacters(in: .whitespaces), "\(t.debugDescription)")
            #expect(t.trimmingWhitespaceAndNewlines() == t.trimmingCharacters(in: .whitespacesAndNewlines), "\(t.debugDescription)")
            let sub = Substring(t)
            #expect(sub.trimmingWhitespace() == sub.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test("ASCII search gives range(of:)'s answer")
    func search() {
        let hays = [" a price of 3 ", " the number of open slots ", "of", "", " café of ", " 价格 of ", " of  of ", " offer "]
        for h in hays {
            for n in [" of ", "of", " number of ", "x", "价格", " of  of "] {
                let fast = h.asciiRange(of: n), slow = h.range(of: n)
                #expect(fast == slow, "\(h.debugDescription) / \(n.debugDescription)")
            }
        }
    }
}

extension StringShortcutsTests {
    @Test("the term index's lower case is lowercased()")
    func lower() {
        for t in Self.texts + ["SKU编号", "sku", "Ünits", "ΣΑΣ", "用户名", "İ", "ＡＢＣ"] {
            #expect(TermIndex.lower(t) == t.lowercased(), "\(t.debugDescription)")
        }
    }
}

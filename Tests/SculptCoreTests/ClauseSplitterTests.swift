import Foundation
import Testing
@testable import SculptCore

/// Bullet marks are stripped by a scan instead of a regular expression: the scan must agree with
/// the expression it replaced on every kind of line start.
@Suite("Clause splitter")
struct ClauseSplitterTests {
    static let bulletPattern = "^(?:[-*•·+]|\\d{1,2}[.、)）]|[（(]\\d{1,2}[)）])\\s*"

    func byRegex(_ s: String) throws -> (String, Bool) {
        let t = s.trimmingCharacters(in: .whitespaces)
        let ns = t as NSString
        let re = try NSRegularExpression(pattern: Self.bulletPattern, options: [.caseInsensitive])
        if let m = re.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)), m.range.length < ns.length {
            return (ns.substring(from: m.range.length).trimmingCharacters(in: .whitespaces), true)
        }
        return (t, false)
    }

    @Test("bullet marks are stripped as the regular expression stripped them")
    func bullets() throws {
        let lines = ["- name (required)", "* a", "• 标题", "· 价格", "+ x", "1. 课程：课程名", "12、学分", "3) price", "4）库存", "123. no",
                     "(1) first", "（2）第二", "(12) twelve", "(123) no", "( 1) no", "１. fullwidth digit", "٣. arabic digit", "-", "1.", "(1)",
                     "-\u{3000}全角空格", "2.\tTab", "plain line", "", "  - indented", "a. letter", "1 . spaced", "-- double", "-5 degrees"]
        for line in lines {
            let (text, bullet) = ClauseSplitter.stripBullet(line)
            let (expectedText, expectedBullet) = try byRegex(line)
            #expect(text == expectedText && bullet == expectedBullet, "\(line): \(text) \(bullet), expected \(expectedText) \(expectedBullet)")
        }
    }
}

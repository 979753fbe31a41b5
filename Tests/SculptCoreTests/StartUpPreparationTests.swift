import Foundation
import Testing
@testable import SculptCore

/// `RequirementParser.prepare()` loads the shared tables on a background thread while a command
/// line is read; parses that start meanwhile must wait for them and read exactly as without it.
@Suite("Start-up preparation")
struct StartUpPreparationTests {
    static let requirements = [
        "创建一个用户注册功能，用户需要输入用户名和密码，如果用户名已经存在，返回错误信息，否则，创建新的用户并返回成功信息。",
        "A library app: books have a title (required), an author and a year. Members can borrow books.",
    ]

    @Test("parses started while the tables load, from many threads, all read the same")
    func concurrentParsesAgree() async throws {
        RequirementParser.prepare(arguments: ["sculpt", "spec", Self.requirements[0]])
        RequirementParser.prepare(arguments: ["sculpt", "spec", Self.requirements[1]])
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for k in 0..<8 {
                group.addTask {
                    let u = try RequirementParser().understand(Self.requirements[k % 2])
                    return (k % 2, String(describing: u.spec))
                }
            }
            var out: [Int: Set<String>] = [:]
            for try await (k, s) in group { out[k, default: []].insert(s) }
            return out
        }
        #expect(results[0]?.count == 1 && results[1]?.count == 1)
        #expect(results[0] != results[1])
        #expect(Preparation.start(.en) == false, "prepare() has already started the loading once")
    }

    @Test("English terms are normalised over bytes exactly as over characters")
    func asciiNormalisingAgrees() throws {
        let lexicon = try Lexicon.shipped()
        var samples = lexicon.entities.flatMap(\.en) + lexicon.fields.flatMap(\.en)
        samples += ["  Due  Date ", "e-mail", "user's name", "SKU/code", "a,b;;c", "", "--", "Ünïcode Name", "名字 name"]
        for s in samples {
            let slow = s.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'") }).joined(separator: " ")
            #expect(TermIndex.normalise(s) == slow, "\(s)")
        }
        #expect(TermIndex.asciiNormalised("Ünïcode") == nil)
    }

    @Test("a requirement in decomposed or compatibility forms reads as its composed form")
    func composedForms() throws {
        // U+FA5B is a CJK compatibility ideograph for 者; "e\u{301}" is é written in two scalars.
        let plain = try RequirementParser().understand("图书有书名和作者。")
        let compat = try RequirementParser().understand("图书有书名和作\u{FA5B}。")
        #expect(SpecCoding.encode(plain.spec) == SpecCoding.encode(compat.spec))
        let composed = try RequirementParser().understand("A caf\u{E9} menu: dishes have a name and a price.")
        let decomposed = try RequirementParser().understand("A cafe\u{301} menu: dishes have a name and a price.")
        #expect(SpecCoding.encode(composed.spec) == SpecCoding.encode(decomposed.spec))
    }

    @Test("term keys compare and hash by their bytes")
    func termKeys() {
        #expect(TermKey("用户名") == TermKey("用户" + "名"))
        #expect(TermKey("用户名") != TermKey("用户"))
        #expect(Set([TermKey("title"), TermKey("ti" + "tle"), TermKey("标题")]).count == 2)
    }
}

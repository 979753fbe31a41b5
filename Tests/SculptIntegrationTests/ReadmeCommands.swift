import Foundation
@testable import SculptCore

/// The commands a generated README tells its reader to type, taken from the README itself.
///
/// The set-up and start blocks are the first two `bash` blocks of the run section, the test block the
/// first of the test section; the section headings come from the README's own message catalog, so a
/// Chinese README is read the same way as an English one. Nothing is retyped: a test runs these.
struct ReadmeCommands {
    var setup: String
    var start: String
    var test: String

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    init(readme: String, language: Language) throws {
        let catalog = try MessageCatalog(language)
        let run = try Self.blocks(in: readme, section: catalog.text("readme.h_run"))
        let tests = try Self.blocks(in: readme, section: catalog.text("readme.h_test"))
        guard run.count >= 2 else { throw Missing(description: "the run section has \(run.count) bash block(s), not set-up and start") }
        guard let test = tests.first else { throw Missing(description: "the test section has no bash block") }
        setup = run[0]
        start = run[1]
        self.test = test
    }

    /// The `cd` lines of the set-up block: where the start block runs (the reader's shell is still there).
    var setupDirectory: String {
        setup.split(separator: "\n").filter { $0.hasPrefix("cd ") }.joined(separator: "\n")
    }

    /// The bodies of the ```bash blocks under the `## <section>` heading, in order.
    static func blocks(in readme: String, section: String) throws -> [String] {
        let lines = readme.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "## \(section)") else { throw Missing(description: "the README has no ## \(section)") }
        var blocks: [String] = []
        var current: [String]?
        for line in lines[(start + 1)...] {
            if current == nil && line.hasPrefix("## ") { break }
            if current == nil, line == "```bash" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }
}

import Foundation

extension RequirementParser {
    /// Starts loading, on a background thread, what a parse needs that does not depend on the text,
    /// beginning with the longest chain: the lexicon, then the term table of the language the
    /// command-line arguments are written in (a guess: a wrong one only costs time); then the domain
    /// lexicon, the constraint rules and ICU's regular-expression set-up.
    ///
    /// Why: a command-line run parses one requirement, and these take a few milliseconds that can
    /// overlap with argument parsing. Call it first thing in `main`; calling it again does nothing.
    /// A parse started meanwhile loads what the thread has not started (each table is built once per
    /// process) and waits for the rest; without the call everything is loaded at the first parse.
    public static func prepare(arguments: [String] = CommandLine.arguments) {
        guard Preparation.start() else { return }
        let language = ClauseSplitter.language(of: arguments.dropFirst().joined(separator: " "))
        Thread.detachNewThread { Preparation.load(language) }
    }
}

/// The background loading `RequirementParser.prepare()` starts, once per process.
enum Preparation {
    private static let started = Locked(false)

    /// True the first time only.
    static func start() -> Bool {
        var first = false
        started.mutate { if !$0 { $0 = true; first = true } }
        return first
    }

    /// The first regular expression compiled in a process sets up ICU (~1 ms; a parse compiles
    /// some): done once, by whichever thread needs it first.
    static let regexReady: Bool = (try? NSRegularExpression(pattern: "\\w+", options: [.caseInsensitive])) != nil

    /// Loads the shared tables, longest chain first; errors are left for the parse to report.
    static func load(_ language: Language) {
        _ = try? Lexicon.shipped()
        _ = Reading.tables(language)
        _ = try? DomainLexicon.shipped()
        _ = try? ConstraintReader.shipped(language)
        _ = regexReady
    }
}

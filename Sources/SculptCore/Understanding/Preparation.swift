import Foundation

extension RequirementParser {
    /// Starts loading, on background threads, what a parse needs that does not depend on the text,
    /// beginning with the longest chain: the lexicon, then the term table of the language the
    /// command-line arguments are written in (a guess: a wrong one only costs time); then the domain
    /// lexicon and the constraint rules. ICU's regular-expression set-up runs on a second thread.
    ///
    /// Why: a command-line run parses one requirement, and these take a few milliseconds that can
    /// overlap with argument parsing. Call it first thing in `main`; calling it again does nothing.
    /// A parse started meanwhile loads what the thread has not started (each table is built once per
    /// process) and waits for the rest; without the call everything is loaded at the first parse.
    public static func prepare(arguments: [String] = CommandLine.arguments) {
        let language = ClauseSplitter.language(of: arguments.dropFirst().joined(separator: " "))
        guard Preparation.start(language) else { return }
        SideBySide.detach { Preparation.load(language) }
        // ICU's regular-expression set-up on a thread of its own: it needs nothing else, and the
        // first parse step that needs it otherwise waits for it.
        SideBySide.detach { _ = Preparation.regexReady }
    }

    /// Returns once the thread `prepare()` started has built the lexicon's tables, or at once when
    /// no such thread runs. For other start-up work that should not compete with it for a core.
    public static func waitForPreparedTables() {
        Preparation.waitForStartedTables()
    }
}

/// The background loading `RequirementParser.prepare()` starts, once per process.
enum Preparation {
    /// The language being loaded, and whether its tables are done: a parse sleeps on this rather
    /// than spinning on the tables' one-time initialisation while the thread builds them.
    private final class State: @unchecked Sendable {
        let condition = NSCondition()
        var language: Language?
        var tablesDone = false
    }

    private static let state = State()

    /// True the first time only.
    static func start(_ language: Language) -> Bool {
        state.condition.lock(); defer { state.condition.unlock() }
        if state.language != nil { return false }
        state.language = language
        return true
    }

    /// Returns when the tables of `language` are built, at once unless the thread is building them.
    static func waitForTables(_ language: Language) {
        state.condition.lock(); defer { state.condition.unlock() }
        while state.language == language && !state.tablesDone { state.condition.wait() }
    }

    /// Returns when the tables the background thread is building are done, at once if none is.
    static func waitForStartedTables() {
        state.condition.lock(); defer { state.condition.unlock() }
        while state.language != nil && !state.tablesDone { state.condition.wait() }
    }

    private static func tablesBuilt() {
        state.condition.lock(); state.tablesDone = true; state.condition.broadcast(); state.condition.unlock()
    }

    /// The first regular expression compiled in a process sets up ICU (~1 ms; a parse compiles
    /// some): done once, by whichever thread needs it first.
    static let regexReady: Bool = (try? NSRegularExpression(pattern: "\\w+", options: [.caseInsensitive])) != nil

    /// Loads the shared tables, longest chain first; errors are left for the parse to report.
    static func load(_ language: Language) {
        _ = try? Lexicon.shipped()
        _ = Reading.tables(language)
        PhaseClock.mark("tables-built")
        tablesBuilt()
        _ = try? DomainLexicon.shipped()
        _ = try? ConstraintReader.shipped(language)
        PhaseClock.mark("preparation-done")
    }
}

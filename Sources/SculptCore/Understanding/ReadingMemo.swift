/// Answers a parse asks again and again ("is 'class' qualified anywhere in the text?", "do students
/// 'only' do something?"): most scan the full text, so each is computed once per parse, which keeps
/// long requirements linear.
///
/// A class so the `Reading` methods that ask (which do not mutate the reading) can fill it in; it
/// belongs to one parse of one text.
final class ReadingMemo {
    typealias Qualified = (name: String, plural: String, label: String)
    /// The requirement, lower-cased.
    var lowerText: String?
    var qualified: [String: Qualified?] = [:]
    var saysOnly: [String: Bool] = [:]
    var roleByContrast: [String: Bool] = [:]
    /// A lexicon entity's Chinese terms, by its name.
    var entityTermsZH: [String: [String]] = [:]
    /// The roles found in the last text asked about (a clause is asked several times).
    var lastRoles: (text: String, found: [(word: DomainLexicon.RoleWord, start: Int, length: Int)])?
}

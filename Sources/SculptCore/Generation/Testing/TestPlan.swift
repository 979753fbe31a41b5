/// The tests the generated suite will hold, each with the spec refs it proves, and the clauses of the
/// requirement each one cites (a Python docstring, a Swift doc comment: each target prints its own).
///
/// A clause's ref (`entities.post.fields.title.maxLength`) goes to every test proving exactly that
/// ref; when none does, to the tests of its parent (`entities.post.fields.title`), and so on up to the
/// root, which the health test holds. So every clause is cited by at least one test, and a clause is
/// cited by the most specific tests there are.
final class TestPlan {
    struct Test {
        let key: String
        let summary: String
        let refs: Set<String>
    }

    private(set) var tests: [Test] = []
    private var cited: [String: [String]] = [:]
    /// Where each test is in `tests`, by key; the keys of the tests proving each ref, in order.
    private var position: [String: Int] = [:]
    private var proving: [String: [String]] = [:]

    /// Registers a test under a unique key; `refs` are the spec paths it proves.
    func add(_ key: String, _ summary: String, refs: [String]) {
        precondition(position[key] == nil, "test key \(key) registered twice")
        let test = Test(key: key, summary: summary, refs: Set(refs))
        position[key] = tests.count
        tests.append(test)
        for ref in test.refs { proving[ref, default: []].append(key) }
    }

    /// Attaches each clause to the tests that prove its refs (see the type's comment).
    func cite(_ clauses: [Clause]) {
        for clause in clauses {
            var keys: [String] = []
            for ref in clause.refs.isEmpty ? [""] : clause.refs {
                for key in provers(of: ref) where !keys.contains(key) { keys.append(key) }
            }
            for key in keys where !(cited[key] ?? []).contains(clause.text) {
                cited[key, default: []].append(clause.text)
            }
        }
    }

    private func provers(of ref: String) -> [String] {
        var path = ref.split(separator: ".").map(String.init)
        while true {
            let joined = path.joined(separator: ".")
            if let found = proving[joined], !found.isEmpty { return found }
            if path.isEmpty { return tests.prefix(1).map(\.key) }
            path.removeLast()
        }
    }

    /// The summary a test was registered with.
    func summary(_ key: String) -> String {
        guard let i = position[key] else { preconditionFailure("no test \(key)") }
        return tests[i].summary
    }

    /// The keys starting with `prefix`, each with the rest of the key after it: a binary search in the
    /// keys kept sorted (the generators ask once per entity, so a scan of every test each time was
    /// quadratic in the size of the app).
    func keys(withPrefix prefix: String) -> [(key: String, rest: String)] {
        if sortedKeys.count != tests.count { sortedKeys = tests.map(\.key).sorted() }
        var low = 0, high = sortedKeys.count
        while low < high {
            let mid = (low + high) / 2
            if sortedKeys[mid] < prefix { low = mid + 1 } else { high = mid }
        }
        var out: [(key: String, rest: String)] = []
        while low < sortedKeys.count, sortedKeys[low].hasPrefix(prefix) {
            out.append((sortedKeys[low], String(sortedKeys[low].dropFirst(prefix.count))))
            low += 1
        }
        return out
    }

    private var sortedKeys: [String] = []

    /// The clauses a test cites, in the requirement's order (empty before `cite`).
    func requirements(_ key: String) -> [String] { cited[key] ?? [] }
}

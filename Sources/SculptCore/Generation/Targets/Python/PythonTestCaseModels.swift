/// What the test templates print for one constraint test, one uniqueness test and one search test.
/// Plain structs: the templates read their stored properties (`TemplateObject`).

struct PythonValueCaseModel {
    let function: String
    let fixtures: String
    let docstring: String
    /// The constant holding the URL to post to (`URL`, `REGISTER_URL`).
    let url: String
    /// The helper building a valid body (`sample_post`, `sign_up_body`).
    let makeBody: String
    let field: String
    let rejected: String
    let accepted: String
    let hasAccepted: Bool
    let headersArg: String

    /// Registers the field's constraint tests (`EdgeCase`) in `plan` and returns their models.
    static func build(for f: PythonField, refBase: String, keyBase: String, plan: TestPlan,
                      url: String, makeBody: String, withHeaders: Bool) -> [() -> PythonValueCaseModel] {
        EdgeCase.register(f.property, refBase: refBase, keyBase: keyBase, plan: plan).map { key, c in
            {
                PythonValueCaseModel(
                    function: "test_\(f.name)_\(c.constraint)", fixtures: withHeaders ? "client, headers" : "client",
                    docstring: plan.docstring(key), url: url, makeBody: makeBody, field: PythonCode.string(f.name),
                    rejected: PythonTestValues.list(c.rejected), accepted: PythonTestValues.list(c.accepted),
                    hasAccepted: !c.accepted.isEmpty, headersArg: withHeaders ? ", headers=headers" : "")
            }
        }
    }
}

struct PythonUniqueCaseModel {
    let field: String
    let fieldLiteral: String
    let labelLiteral: String
    let docstring: String
}

struct PythonSearchCaseModel {
    let field: String
    let fieldLiteral: String
    let alpha: String
    let bravo: String
    let needle: String
    let probeWildcards: Bool
    let docstring: String
}

/// A `key: value` line of a generated dict literal.
struct PythonKeyValue {
    let key: String
    let value: String
}

extension TestPlan {
    /// The test's Python docstring, indented for a function body: its summary and one `Requirement:`
    /// line per clause it cites.
    func docstring(_ key: String) -> String {
        PythonCode.docstring(summary(key), requirements: requirements(key))
    }

    /// Docstrings of the tests whose key starts with `prefix`, keyed by the rest of the key.
    func docstrings(prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        for (key, rest) in keys(withPrefix: prefix) { out[rest] = docstring(key) }
        return out
    }
}

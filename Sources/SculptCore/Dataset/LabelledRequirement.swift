/// A requirement with the spec it means: one training or evaluation pair before it is rendered
/// as chat messages. `domain` decides the held-out split, so no domain is in both halves;
/// `source` says where the pair came from, for the data card.
public struct LabelledRequirement: Sendable, Equatable {
    public enum Source: String, Sendable, CaseIterable, Codable {
        /// The understanding benchmark's gold cases, turned into specs.
        case gold
        /// Specs written for the tests, with their requirement.
        case fixture
        /// Acceptance requirements, labelled by the offline parser.
        case acceptance
        /// Requirements composed from the lexicon (synonyms, word order, terse/verbose, bullets).
        case paraphrase
    }

    public var id: String
    public var requirement: String
    public var spec: AppSpec
    public var domain: String
    public var source: Source
    /// For gold pairs, the case's `expect` object as JSON text, so evaluation can use the
    /// benchmark's own gold rather than the spec derived from it.
    public var goldExpect: String?

    public init(id: String, requirement: String, spec: AppSpec, domain: String, source: Source, goldExpect: String? = nil) {
        self.id = id
        self.requirement = requirement
        self.spec = spec
        self.domain = domain
        self.source = source
        self.goldExpect = goldExpect
    }

    /// The domain of a spec: its first entity's name, or `accounts` for an accounts-only app.
    /// Pairs about the same kind of thing share it whatever their source.
    public static func domain(of spec: AppSpec) -> String {
        spec.entities.first?.name ?? "accounts"
    }
}

/// Splits pairs into training and held-out sets by domain, so no domain is in both: a model scored
/// on held-out pairs has never seen a requirement about that kind of thing.
///
/// The choice is a stable hash of the domain name (FNV-1a), so the same corpus always splits the
/// same way and adding pairs never moves a domain across.
public struct DomainSplit: Sendable {
    /// Roughly this share of domains is held out.
    public var heldOutPercent: Int

    public init(heldOutPercent: Int = 15) {
        self.heldOutPercent = heldOutPercent
    }

    public func isHeldOut(_ domain: String) -> Bool {
        Int(Self.fnv1a(domain) % 100) < heldOutPercent
    }

    public func split(_ pairs: [LabelledRequirement]) -> (train: [LabelledRequirement], heldOut: [LabelledRequirement]) {
        var train: [LabelledRequirement] = []
        var held: [LabelledRequirement] = []
        for p in pairs { if isHeldOut(p.domain) { held.append(p) } else { train.append(p) } }
        return (train, held)
    }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

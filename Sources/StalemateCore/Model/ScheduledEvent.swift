/// What a scheduled event does (docs/model.md §10).
public enum EventKind: Sendable, Equatable, Codable {
    /// `side` concentrates forces in `region` for `weeks`: its allocation there is multiplied by `1 + boost`.
    case offensive(side: Side, region: Int, weeks: Int, boost: Double)
    /// `side` enters the opponent's `region`: it becomes active, `side` holds at least `foothold`
    /// of it, the region's home side is humiliated by `humiliation` and suffers a shock of size `shock`.
    case incursion(side: Side, region: Int, foothold: Double, humiliation: Double, shock: Double)
    /// `side` climbs `levels` rungs of the escalation ladder.
    case escalate(side: Side, levels: Int)
    /// `side` tables a standing proposal: A's share it would accept (A) or offer (B).
    case proposal(side: Side, share: Double)
    /// A mediator convenes talks: closed talks open at once.
    case convene
    /// A shock of `size` hits `side` (may make it suspend open talks).
    case shock(side: Side, size: Double)
    /// A mediator convenes talks on one partial agreement only (index into the model's
    /// `partialAgreements`): closed talks open, and their rounds can agree that and nothing else.
    case negotiate(track: Int)
}

/// An event scheduled for a week.
public struct ScheduledEvent: Sendable, Equatable, Codable {
    /// Identifier, used to switch the event off in counterfactuals.
    public var id: String
    /// Week in which it happens, at the start of the week.
    public var week: Int
    /// What it does.
    public var kind: EventKind
    /// Whether it happens at all.
    public var enabled: Bool

    public init(id: String, week: Int, kind: EventKind, enabled: Bool = true) {
        self.id = id
        self.week = week
        self.kind = kind
        self.enabled = enabled
    }
}

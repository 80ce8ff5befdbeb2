/// A piece of contested territory (MODEL.md section 1).
public struct Region: Sendable, Equatable, Codable {
    /// Identifier used in scenario files and events.
    public var id: String
    /// Display name.
    public var name: String
    /// Whose homeland the region is.
    public var home: Side
    /// Value of the region in the bargaining pie (any positive unit; only ratios matter).
    public var value: Double
    /// Symbolic weight: humiliation caused by losing a unit of control here.
    public var symbolic: Double
    /// A's share of control at week 0, in [0, 1].
    public var control: Double
    /// Whether the region is on the front at week 0 (an incursion activates a region).
    public var active: Bool
    /// Control moved per won engagement; nil means the model's `regionStep`.
    public var step: Double?

    public init(
        id: String, name: String? = nil, home: Side, value: Double, symbolic: Double = 0, control: Double,
        active: Bool = true, step: Double? = nil
    ) {
        self.id = id
        self.name = name ?? id
        self.home = home
        self.value = value
        self.symbolic = symbolic
        self.control = control
        self.active = active
        self.step = step
    }
}

/// A lever a third party pulls over a range of weeks (MODEL.md section 9).
public enum PolicyKind: Sendable, Equatable, Codable {
    /// Combat-power units per week added to `to`'s forces.
    case aid(to: Side, perWeek: Double)
    /// Raises `on`'s cost of war by this fraction.
    case sanctions(on: Side, fraction: Double)
    /// Mediators' decoupling of talks from the battlefield, `D_t` in [0, 1].
    case decoupling(level: Double)
    /// Chance per week that a mediator convenes closed talks.
    case convening(ratePerWeek: Double)
    /// Guarantees of a ceasefire, `G_t` in [0, 1].
    case guarantee(level: Double)
    /// Precision in [0, 1] with which both sides' beliefs are moved toward the truth each week.
    case information(precision: Double)
    /// Logit units of pressure toward talks on `on`.
    case pressure(on: Side, amount: Double)
    /// Fraction by which `on`'s chance of escalating is cut.
    case restraint(on: Side, fraction: Double)

    /// The policy's name in scenario files.
    public var name: String {
        switch self {
        case .aid: "aid"
        case .sanctions: "sanctions"
        case .decoupling: "decoupling"
        case .convening: "convening"
        case .guarantee: "guarantee"
        case .information: "information"
        case .pressure: "pressure"
        case .restraint: "restraint"
        }
    }
}

/// A policy of a named third party, active in weeks `fromWeek..<toWeek`.
public struct Policy: Sendable, Equatable, Codable {
    /// Identifier of the third party that applies it.
    public var party: String
    /// What the policy does.
    public var kind: PolicyKind
    /// First week in force.
    public var fromWeek: Int
    /// First week no longer in force (exclusive); `Int.max` means to the horizon.
    public var toWeek: Int

    public init(party: String, kind: PolicyKind, fromWeek: Int = 0, toWeek: Int = Int.max) {
        self.party = party
        self.kind = kind
        self.fromWeek = fromWeek
        self.toWeek = toWeek
    }
}

/// A third party (patron, mediator, sanctioning state).
public struct ThirdParty: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name ?? id
    }
}

/// What a scheduled event does (MODEL.md section 10).
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

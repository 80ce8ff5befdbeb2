/// A lever a third party pulls over a range of weeks (docs/model.md §9).
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

/// How a run ends (docs/model.md §11).
public enum Outcome: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// A ceasefire held `settleAfterWeeks` weeks.
    case settled
    /// A ceasefire still holding at the horizon, younger than `settleAfterWeeks`.
    case ceasefireHolding
    /// A was defeated.
    case defeatA
    /// B was defeated.
    case defeatB
    /// Still fighting at the horizon (censored).
    case ongoing

    public var description: String {
        switch self {
        case .settled: "settled"
        case .ceasefireHolding: "ceasefireHolding"
        case .defeatA: "defeatA"
        case .defeatB: "defeatB"
        case .ongoing: "ongoing"
        }
    }
}

/// The state of the talks between the two sides (docs/model.md §7).
public enum TalksPhase: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case closed
    case open
    case suspended
    case ceasefire
    /// The war is over (settled or a side defeated).
    case ended

    public var description: String {
        switch self {
        case .closed: "closed"
        case .open: "talks"
        case .suspended: "suspended"
        case .ceasefire: "ceasefire"
        case .ended: "ended"
        }
    }
}

/// Why a shock made a side suspend talks.
public enum SuspensionCause: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// An incursion into the side's homeland.
    case incursion
    /// An escalation by the opponent.
    case escalation
    /// A scheduled shock.
    case shock

    public var description: String {
        switch self {
        case .incursion: "incursion"
        case .escalation: "escalation"
        case .shock: "shock"
        }
    }
}

/// What kept a week of war from peace (docs/model.md §11). Several may hold at once (see
/// `BlockerFlags`); the primary one is chosen in this order: no bargaining range (why);
/// talks suspended; a side unwilling; talks open but no agreement yet. Raw values are stable
/// (stored results index by them); new cases go at the end.
public enum Blocker: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// No range, mostly because A is more optimistic about A's prospects than B is.
    case noRangeOptimism
    /// No range, mostly because humiliation hardened the demands.
    case noRangeHumiliation
    /// No range although neither optimism nor humiliation alone exceeds the costs of war:
    /// the costs are too low to absorb both together.
    case noRangeCosts
    /// A range exists, but a side that is gaining ground lost interest (momentum cost it
    /// at least one logit of willingness).
    case unwillingMomentum
    /// A range exists, but a side is unwilling for other reasons.
    case unwilling
    /// Talks suspended by A.
    case suspendedByA
    /// Talks suspended by B.
    case suspendedByB
    /// Talks are open and a range exists, but no round has yet closed the gap.
    case noMeeting
    /// No range, because agreements are expected to break: with agreements sure to hold the
    /// costs would cover optimism and humiliation (valuation 2).
    case noRangeCommitment
    /// No range whatever the costs: the sides' core demands on an issue contradict each other.
    case noRangeCoreDemands

    public var description: String {
        switch self {
        case .noRangeOptimism: "noRange.optimism"
        case .noRangeHumiliation: "noRange.humiliation"
        case .noRangeCosts: "noRange.costsTooLow"
        case .unwillingMomentum: "unwilling.momentum"
        case .unwilling: "unwilling.other"
        case .suspendedByA: "suspended.byA"
        case .suspendedByB: "suspended.byB"
        case .noMeeting: "noMeeting"
        case .noRangeCommitment: "noRange.commitment"
        case .noRangeCoreDemands: "noRange.coreDemands"
        }
    }

    /// The coarse group (docs/model.md §11): no range / unwilling / suspended / no meeting.
    public var group: BlockerGroup {
        switch self {
        case .noRangeOptimism, .noRangeHumiliation, .noRangeCosts, .noRangeCommitment, .noRangeCoreDemands: .noRange
        case .unwillingMomentum, .unwilling: .unwilling
        case .suspendedByA, .suspendedByB: .suspended
        case .noMeeting: .noMeeting
        }
    }
}

/// Every coarse blocker of peace that held in a week of war, not only the primary one.
public struct BlockerFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The bit of each `BlockerGroup`, in its order: no range, unwilling, suspended, no meeting.
    public init(_ group: BlockerGroup) { rawValue = 1 << UInt8(group.rawValue) }
    public static let noRange = BlockerFlags(.noRange)
    public static let unwilling = BlockerFlags(.unwilling)
    public static let suspended = BlockerFlags(.suspended)
    public static let noMeeting = BlockerFlags(.noMeeting)
    /// The groups that held.
    public var groups: [BlockerGroup] { BlockerGroup.allCases.filter { contains(BlockerFlags($0)) } }
}

/// The four coarse blockers of peace.
public enum BlockerGroup: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case noRange, unwilling, suspended, noMeeting
    public var description: String {
        switch self {
        case .noRange: "noRange"
        case .unwilling: "unwilling"
        case .suspended: "suspended"
        case .noMeeting: "noMeeting"
        }
    }
}

/// The record of one run: fixed size, no arrays, so ensembles aggregate without allocating.
public struct RunRecord: Sendable, Equatable {
    /// Index of the run in its ensemble.
    public var runIndex: Int = 0
    public var outcome: Outcome = .ongoing
    /// Weeks of war until the final end: through the week of the agreement whose ceasefire
    /// held, or of the defeat; the horizon for `ongoing` (censored).
    public var duration: Int = 0
    /// Week index in which talks first opened; -1 if never.
    public var firstTalksWeek: Int = -1
    /// Weeks spent in each `TalksPhase` (the `ended` slot counts weeks after the end).
    public var weeksInPhase: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)
    /// Suspensions of talks by A and by B.
    public var suspensions = SidePair(repeating: 0)
    /// Suspensions by cause: incursion, escalation, shock.
    public var suspensionsByCause: (Int, Int, Int) = (0, 0, 0)
    /// Week index of the first suspension of talks; -1 if none.
    public var firstSuspensionWeek = -1
    /// Who suspended first, and after which kind of shock (meaningful when `firstSuspensionWeek >= 0`).
    public var firstSuspensionBy = Side.a
    public var firstSuspensionCause = SuspensionCause.shock
    /// Weeks from the first suspension until talks resumed; -1 if they never did (censored).
    public var firstSuspensionLength = -1
    /// Agreements reached (each opened a ceasefire).
    public var agreements = 0
    /// Ceasefires that broke down.
    public var breakdowns = 0
    /// Highest escalation level reached.
    public var peakEscalation = 0
    /// Escalations by each side (rungs climbed by decision or event).
    public var escalations = SidePair(repeating: 0)
    /// Escalation–retaliation cycles closed.
    public var cycles = 0
    /// Cumulative attrition losses of each side, combat-power units.
    public var casualties = SidePair(repeating: 0.0)
    /// A's share in the last agreement; NaN if there was none.
    public var terms = Double.nan
    /// A's share of total value at the end of the run.
    public var finalShare = 0.0
    /// Weeks each `Blocker` held, indexed by its raw value.
    public var blockerWeeks: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    public init() {}

    /// Weeks spent in `phase`.
    public func weeks(in phase: TalksPhase) -> Int {
        switch phase {
        case .closed: weeksInPhase.0
        case .open: weeksInPhase.1
        case .suspended: weeksInPhase.2
        case .ceasefire: weeksInPhase.3
        case .ended: weeksInPhase.4
        }
    }

    /// Suspensions caused by `cause`.
    public func suspensions(by cause: SuspensionCause) -> Int {
        switch cause {
        case .incursion: suspensionsByCause.0
        case .escalation: suspensionsByCause.1
        case .shock: suspensionsByCause.2
        }
    }

    /// Weeks in which `blocker` held.
    public func weeks(blockedBy blocker: Blocker) -> Int {
        withUnsafeBytes(of: blockerWeeks) {
            $0.load(fromByteOffset: blocker.rawValue * MemoryLayout<Int>.stride, as: Int.self)
        }
    }

    mutating func addWeek(blockedBy blocker: Blocker) {
        withUnsafeMutableBytes(of: &blockerWeeks) { raw in
            let offset = blocker.rawValue * MemoryLayout<Int>.stride
            raw.storeBytes(of: raw.load(fromByteOffset: offset, as: Int.self) + 1, toByteOffset: offset, as: Int.self)
        }
    }

    mutating func addWeek(in phase: TalksPhase) {
        switch phase {
        case .closed: weeksInPhase.0 += 1
        case .open: weeksInPhase.1 += 1
        case .suspended: weeksInPhase.2 += 1
        case .ceasefire: weeksInPhase.3 += 1
        case .ended: weeksInPhase.4 += 1
        }
    }

    mutating func addSuspension(cause: SuspensionCause) {
        switch cause {
        case .incursion: suspensionsByCause.0 += 1
        case .escalation: suspensionsByCause.1 += 1
        case .shock: suspensionsByCause.2 += 1
        }
    }

    public static func == (l: RunRecord, r: RunRecord) -> Bool {
        l.runIndex == r.runIndex && l.outcome == r.outcome && l.duration == r.duration
            && l.firstTalksWeek == r.firstTalksWeek && l.firstSuspensionWeek == r.firstSuspensionWeek
            && l.firstSuspensionBy == r.firstSuspensionBy && l.firstSuspensionCause == r.firstSuspensionCause
            && l.firstSuspensionLength == r.firstSuspensionLength
            && TalksPhase.allCases.allSatisfy { l.weeks(in: $0) == r.weeks(in: $0) }
            && l.suspensions == r.suspensions
            && SuspensionCause.allCases.allSatisfy { l.suspensions(by: $0) == r.suspensions(by: $0) }
            && l.agreements == r.agreements && l.breakdowns == r.breakdowns && l.peakEscalation == r.peakEscalation
            && l.escalations == r.escalations && l.cycles == r.cycles && l.casualties == r.casualties
            && (l.terms == r.terms || (l.terms.isNaN && r.terms.isNaN)) && l.finalShare == r.finalShare
            && Blocker.allCases.allSatisfy { l.weeks(blockedBy: $0) == r.weeks(blockedBy: $0) }
    }
}

/// The state of a run at the end of a week, handed to observers (trajectories, per-week
/// aggregates). A plain struct on the stack: observing allocates nothing.
public struct WeekSnapshot: Sendable {
    /// Week index, 0-based.
    public var week: Int
    /// A's share of total value, X_t.
    public var share: Double
    public var phase: TalksPhase
    public var escalation: Int
    /// The blocker of peace this week; nil when not at war (ceasefire or ended).
    public var blocker: Blocker?
    public var forces: SidePair<Double>
    public var casualties: SidePair<Double>
    public var humiliation: SidePair<Double>
    /// Momentum of A's share, μ_A (μ_B = -μ_A), share per week.
    public var momentum: Double
    /// Each side's believed chance that A wins an engagement.
    public var belief: SidePair<Double>
    /// Reservations R_A and R_B.
    public var reservation: SidePair<Double>
    /// Standing proposals π_A and π_B (NaN before any is tabled).
    public var proposal: SidePair<Double>
    /// Willingness probabilities w_A and w_B.
    public var willingness: SidePair<Double>
    public var rangeExists: Bool
    /// While talks are suspended: the kind of shock that made the side suspend them.
    public var suspensionCause: SuspensionCause?
    /// Value of each side's home regions held by the other side (scenario value units).
    public var occupied: SidePair<Double>
    /// Every coarse blocker that held this week (empty when not at war).
    public var held: BlockerFlags = []
    /// While talks are suspended: the side that suspended them.
    public var suspendedBy: Side? = nil
    /// Engagements each side won this week (A's wins, B's wins); zero in a ceasefire.
    public var engagementsWon = SidePair(repeating: 0.0)
    /// Whether each side climbed the escalation ladder this week (by decision or event).
    public var escalated = SidePair(repeating: false)
    /// Whether each side's escalation this week answered the other's recent one, closing an
    /// escalation–retaliation cycle.
    public var retaliated = SidePair(repeating: false)
}

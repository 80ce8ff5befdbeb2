import StalemateAnalysis
import StalemateCore
import StalemateStatistics

/// A quantity a run produces week by week that can also be observed in the world
/// (docs/backtest.md). Named as on the command line: `share`, `occupied.A`,
/// `control.kursk`, `talks.open`, …
public enum Observable: Sendable, Hashable, CustomStringConvertible {
    /// A's share of the total value, X_t (a fraction).
    case share
    /// Value of side X's home regions held by the other side (scenario value units).
    case occupied(Side)
    /// A's share of one region (a fraction), by region index.
    case control(region: Int, id: String)
    /// Side X's forces (scenario force units).
    case forces(Side)
    /// Side X's cumulative casualties since week 0 (scenario force units).
    case casualties(Side)
    /// 1 when the sides are in talks (talks open), else 0.
    case talksOpen
    /// 1 when talks are suspended, else 0.
    case talksSuspended
    /// 1 when a ceasefire holds (including a settlement), else 0.
    case ceasefire
    /// The rung of the escalation ladder.
    case escalation

    public var description: String {
        switch self {
        case .share: "share"
        case .occupied(let s): "occupied.\(s.description)"
        case .control(_, let id): "control.\(id)"
        case .forces(let s): "forces.\(s.description)"
        case .casualties(let s): "casualties.\(s.description)"
        case .talksOpen: "talks.open"
        case .talksSuspended: "talks.suspended"
        case .ceasefire: "ceasefire"
        case .escalation: "escalation"
        }
    }

    /// Whether the observable takes only the values 0 and 1 (scored as a probability).
    public var isBinary: Bool {
        switch self {
        case .talksOpen, .talksSuspended, .ceasefire: true
        default: false
        }
    }

    /// What the observable measures, with its unit, for tables and charts.
    public func label(sides: [String: String]) -> String {
        func name(_ s: Side) -> String { sides[s.description] ?? s.description }
        switch self {
        case .share: return "share of the total value held by A"
        case .occupied(let s): return "value of \(name(s))'s home held by \(name(s.opponent)) (scenario value units)"
        case .control(_, let id): return "share of region \(id) held by A"
        case .forces(let s): return "forces of \(name(s)) (scenario force units)"
        case .casualties(let s): return "cumulative casualties of \(name(s)) (scenario force units)"
        case .talksOpen: return "talks open (1) or not (0)"
        case .talksSuspended: return "talks suspended (1) or not (0)"
        case .ceasefire: return "ceasefire holding (1) or not (0)"
        case .escalation: return "escalation level (rungs)"
        }
    }

    /// Every observable of a model with these region ids, in documentation order.
    public static func all(regionIDs: [String]) -> [Observable] {
        [.share, .occupied(.a), .occupied(.b)] + regionIDs.enumerated().map { .control(region: $0, id: $1) }
            + [
                .forces(.a), .forces(.b), .casualties(.a), .casualties(.b), .talksOpen, .talksSuspended,
                .ceasefire, .escalation,
            ]
    }

    /// The observable called `name` in a model with these region ids, or nil.
    public init?(name: String, regionIDs: [String]) {
        guard let match = Self.all(regionIDs: regionIDs).first(where: { $0.description == name }) else {
            return nil
        }
        self = match
    }

    /// Its value in a week's snapshot and the regions' control that week.
    public func value<Control: RandomAccessCollection<Double>>(in s: WeekSnapshot, regions control: Control) -> Double
    where Control.Index == Int {
        switch self {
        case .share: s.share
        case .occupied(let side): s.occupied[side]
        case .control(let r, _): control[r]
        case .forces(let side): s.forces[side]
        case .casualties(let side): s.casualties[side]
        case .talksOpen: s.phase == .open ? 1 : 0
        case .talksSuspended: s.phase == .suspended ? 1 : 0
        case .ceasefire: s.phase == .ceasefire ? 1 : 0
        case .escalation: Double(s.escalation)
        }
    }

    /// Its value in the weeks after a run ended, given its value in the week it ended: the
    /// state is frozen, and the phase is a ceasefire for ever after a settlement and none of
    /// the talks states after a defeat.
    public func valueAfterEnd(last: Double, outcome: Outcome) -> Double {
        switch self {
        case .talksOpen, .talksSuspended: 0
        case .ceasefire: outcome == .settled ? 1 : 0
        default: last
        }
    }
}

import StalemateAnalysis
import StalemateCore

/// How a war ended, in the three classes the calibration compares: the Correlates of War
/// outcome codes on one side, the engine's `Outcome` on the other.
public enum WarOutcomeClass: String, Sendable, Codable, CaseIterable, Hashable {
    /// A side won (COW: some participant has outcome 1; engine: `defeatA` or `defeatB`).
    case decisive
    /// A negotiated end without a winner (COW: outcome 3, compromise/tie; engine: `settled`
    /// or `ceasefireHolding`).
    case compromise
    /// No winner and no agreement (COW: outcome 6 stalemate or 7 continuing conflict; engine:
    /// `ongoing`, still at war at the horizon).
    case stalemate

    /// The class of an engine outcome.
    public init(_ outcome: Outcome) {
        switch outcome {
        case .defeatA, .defeatB: self = .decisive
        case .settled, .ceasefireHolding: self = .compromise
        case .ongoing: self = .stalemate
        }
    }

    /// The class of a COW war from its participants' outcome codes, or nil when the war is
    /// excluded: checked in order, any 1 (winner) → decisive, else any 3 → compromise, else any
    /// 6 or 7 → stalemate; wars whose participants only have 4 (transformed into another kind of
    /// war), 5 (ongoing in 2007) or 8 (changed sides) have no class.
    public init?(cowOutcomes codes: some Sequence<Int>) {
        let set = Set(codes)
        if set.contains(1) {
            self = .decisive
        } else if set.contains(3) {
            self = .compromise
        } else if set.contains(6) || set.contains(7) {
            self = .stalemate
        } else {
            return nil
        }
    }
}

/// Fearon's (1995) bargaining range: the set of peaceful divisions of a good that
/// both sides prefer to a costly war ("Rationalist Explanations for War",
/// *International Organization* 49(3), pp. 379–414, §"War as a costly lottery").
///
/// Units: `x ∈ [0, 1]` is A's share of the good; probabilities are in `[0, 1]`;
/// costs are in units of the good (the share a side would pay to avoid the war).
/// All functions are pure and exact (a few additions).
public enum Fearon {
    /// An interval `[lower, upper]` of A's share that both sides accept.
    ///
    /// `lower` and `upper` are the unclipped theoretical bounds (they may lie
    /// outside `[0, 1]` when costs are large); `clamped` intersects them with the
    /// feasible shares `[0, 1]`.
    public struct BargainingRange: Sendable, Hashable {
        /// The least share A accepts (A's reservation value, its war value).
        public var lower: Double
        /// The largest share B concedes to A (one minus B's reservation value).
        public var upper: Double

        /// Creates a range from its bounds.
        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }

        /// `upper − lower`; equals `cA + cB` in the classic model with common beliefs.
        public var width: Double { upper - lower }

        /// Whether some division is acceptable to both (`lower ≤ upper`).
        public var exists: Bool { lower <= upper }

        /// Whether the share `x` lies in the range (inclusive).
        public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }

        /// The range intersected with the feasible shares `[0, 1]`, or `nil` if the
        /// intersection is empty.
        public var clamped: BargainingRange? {
            let range = BargainingRange(lower: max(0, lower), upper: min(1, upper))
            return range.exists ? range : nil
        }

        /// The midpoint `(lower + upper)/2` (the split a neutral mediator proposes).
        public var midpoint: Double { 0.5 * (lower + upper) }
    }

    /// The classic costly-lottery range with common beliefs.
    ///
    /// War gives A the whole good with probability `p` and B with `1 − p`, and costs
    /// `cA`, `cB`. A's expected war value is `p − cA`, B's is `1 − p − cB`, so A
    /// accepts `x ≥ p − cA` and B accepts `x ≤ p + cB`: the range is
    /// `[p − cA, p + cB]` with width `cA + cB`, non-empty whenever the costs are
    /// non-negative (Fearon 1995, fig. 1).
    public static func range(probabilityAWins p: Double, costA: Double, costB: Double) -> BargainingRange {
        BargainingRange(lower: p - costA, upper: p + costB)
    }

    /// The range when the sides disagree about A's chance of winning (mutual
    /// optimism, Fearon 1995 §"Private information"; Blainey 1973).
    ///
    /// A believes A wins with `pA`; B believes A wins with `pB`. The range is
    /// `[pA − cA, pB + cB]`; it is empty iff `pA − pB > cA + cB`, i.e. when
    /// optimism exceeds the total cost of war.
    public static func range(
        beliefOfA pA: Double, beliefOfB pB: Double, costA: Double, costB: Double
    ) -> BargainingRange {
        BargainingRange(lower: pA - costA, upper: pB + costB)
    }

    /// The range from the two reservation values, as the Stalemate engine states
    /// it (docs/model.md §5): A accepts any share `≥ R_A`, B any share for itself
    /// `≥ R_B`, so A's share must lie in `[R_A, 1 − R_B]`; it exists iff
    /// `R_A + R_B ≤ 1`.
    public static func range(reservationA: Double, reservationB: Double) -> BargainingRange {
        BargainingRange(lower: reservationA, upper: 1 - reservationB)
    }
}

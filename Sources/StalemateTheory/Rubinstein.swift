/// Rubinstein's (1982) alternating-offers bargaining ("Perfect Equilibrium in a
/// Bargaining Model", *Econometrica* 50(1), pp. 97–109).
///
/// Two players split a good of size 1. A proposes in rounds 1, 3, 5, …, B in
/// rounds 2, 4, …; a rejected offer costs a round, and a player's payoff from a
/// share `x` agreed in round `t` is `δ^(t−1)·x`. Discount factors are per round,
/// in `[0, 1)` (their product must be below 1 for the infinite game).
public enum Rubinstein {
    /// The subgame-perfect offers of the infinite game.
    public struct Offers: Sendable, Hashable {
        /// A's share when A proposes: `(1 − δB)/(1 − δA δB)`.
        public var shareOfAWhenAProposes: Double
        /// B's share when B proposes: `(1 − δA)/(1 − δA δB)`.
        public var shareOfBWhenBProposes: Double

        /// Creates the offers.
        public init(shareOfAWhenAProposes: Double, shareOfBWhenBProposes: Double) {
            self.shareOfAWhenAProposes = shareOfAWhenAProposes
            self.shareOfBWhenBProposes = shareOfBWhenBProposes
        }
    }

    /// The first proposer's (A's) share in the unique subgame-perfect equilibrium,
    /// `(1 − δB)/(1 − δA·δB)`, accepted immediately (Rubinstein 1982, Theorem).
    ///
    /// Properties: equals 1/(1 + δ) for equal discount factors; tends to 1/2 as
    /// both approach 1 at the same rate; increasing in `δA`, decreasing in `δB`.
    /// - Precondition: `δA, δB ∈ [0, 1]` and `δA·δB < 1`.
    public static func split(discountA: Double, discountB: Double) -> Double {
        check(discountA, discountB)
        return (1 - discountB) / (1 - discountA * discountB)
    }

    /// Both equilibrium offers of the infinite game: each proposer leaves the
    /// responder exactly the responder's discounted value of proposing next
    /// round, `1 − x*_A = δB·x*_B` and `1 − x*_B = δA·x*_A`.
    public static func equilibriumOffers(discountA: Double, discountB: Double) -> Offers {
        check(discountA, discountB)
        let denominator = 1 - discountA * discountB
        return Offers(
            shareOfAWhenAProposes: (1 - discountB) / denominator,
            shareOfBWhenBProposes: (1 - discountA) / denominator
        )
    }

    /// A's share in round 1 of the finite game with `rounds` rounds (A proposes
    /// first; if the last offer is rejected both get 0), solved by backward
    /// induction (Ståhl 1972).
    ///
    /// The last proposer takes everything; in every earlier round the proposer
    /// offers the responder its discounted continuation value: with `v_t` the
    /// proposer's share in round `t`, `v_T = 1` and `v_t = 1 − δ_responder·v_{t+1}`.
    /// As `rounds → ∞` the result converges to `split(discountA:discountB:)`, the
    /// error shrinking by the factor `δA·δB` every two rounds, and odd and even
    /// horizons bracket the limit. Runs in O(rounds) time and O(1) memory.
    /// - Precondition: `rounds ≥ 1`.
    public static func solveByBackwardInduction(discountA: Double, discountB: Double, rounds: Int) -> Double {
        precondition(rounds >= 1, "Rubinstein: rounds must be >= 1")
        precondition(
            (0...1).contains(discountA) && (0...1).contains(discountB), "Rubinstein: discounts must be in [0, 1]")
        var proposerShare = 1.0  // v_T
        var round = rounds
        while round > 1 {
            round -= 1
            // Round `round` is A's turn when odd; its responder is the other side.
            let responderDiscount = round % 2 == 1 ? discountB : discountA
            proposerShare = 1 - responderDiscount * proposerShare
        }
        return proposerShare
    }

    private static func check(_ discountA: Double, _ discountB: Double) {
        precondition(
            (0...1).contains(discountA) && (0...1).contains(discountB), "Rubinstein: discounts must be in [0, 1]")
        precondition(discountA * discountB < 1, "Rubinstein: need discountA * discountB < 1")
    }
}

import Foundation
import StalemateTestSupport
import Testing

@testable import StalemateTheory

/// Fearon (1995) bargaining range (docs/model.md §5; docs/theory.md, reference
/// check 3) and Rubinstein (1982) alternating offers (reference check 5).
struct BargainingTests {
    struct FearonCase: Sendable {
        var p: Double, costA: Double, costB: Double
    }

    static let fearonCases: [FearonCase] = [
        FearonCase(p: 0.5, costA: 0.1, costB: 0.1),
        FearonCase(p: 0.8, costA: 0.05, costB: 0.3),
        FearonCase(p: 0.2, costA: 0.4, costB: 0.01),
        FearonCase(p: 0.6, costA: 0, costB: 0),
    ]

    @Test("Common beliefs: range [p − cA, p + cB] exists with width cA + cB", arguments: fearonCases)
    func fearonWidth(c: FearonCase) {
        let range = Fearon.range(probabilityAWins: c.p, costA: c.costA, costB: c.costB)
        #expect(range.exists)
        #expect(
            isApproximatelyEqual(range.width, c.costA + c.costB, relativeTolerance: 1e-14, absoluteTolerance: 1e-15))
        // Independent: each side's expected war utility (win 1 with p, lose 0) minus its cost.
        let warValueA = c.p * 1 + (1 - c.p) * 0 - c.costA
        let warValueB = (1 - c.p) * 1 + c.p * 0 - c.costB
        #expect(range.contains(range.midpoint))
        #expect(range.midpoint >= warValueA && 1 - range.midpoint >= warValueB - 1e-15)
        #expect(isApproximatelyEqual(range.lower, warValueA, absoluteTolerance: 1e-15))
        #expect(isApproximatelyEqual(1 - range.upper, warValueB, absoluteTolerance: 1e-15))
    }

    @Test("Mutual optimism empties the range exactly when pA − pB > cA + cB")
    func fearonOptimism() {
        let overlapping = Fearon.range(beliefOfA: 0.65, beliefOfB: 0.5, costA: 0.1, costB: 0.1)
        #expect(overlapping.exists)
        #expect(isApproximatelyEqual(overlapping.width, 0.05, relativeTolerance: 1e-12))
        let empty = Fearon.range(beliefOfA: 0.75, beliefOfB: 0.5, costA: 0.1, costB: 0.1)
        #expect(!empty.exists)
        #expect(empty.clamped == nil)
        let large = Fearon.range(probabilityAWins: 0.9, costA: 0.2, costB: 0.5)
        #expect(large.clamped == Fearon.BargainingRange(lower: 0.7, upper: 1))
        let reservations = Fearon.range(reservationA: 0.3, reservationB: 0.5)
        #expect(reservations.exists && isApproximatelyEqual(reservations.upper, 0.5))
        #expect(!Fearon.range(reservationA: 0.6, reservationB: 0.5).exists)
    }

    static let discounts: [(Double, Double)] = [(0.9, 0.9), (0.95, 0.8), (0.5, 0.99), (0.99, 0.999), (0, 0.7)]

    @Test("Backward induction of the finite game converges to (1 − δB)/(1 − δA δB)", arguments: discounts)
    func rubinsteinConvergence(discounts: (Double, Double)) {
        let (dA, dB) = discounts
        let split = Rubinstein.split(discountA: dA, discountB: dB)
        // Error shrinks by δAδB every two rounds: choose rounds so (δAδB)^(rounds/2) < 1e-14.
        let rounds = 2 * Int((log(1e-14) / log(max(dA * dB, 1e-300))).rounded(.up)) + 2
        let finite = Rubinstein.solveByBackwardInduction(discountA: dA, discountB: dB, rounds: max(rounds, 2))
        #expect(abs(finite - split) < 1e-12, "rounds=\(rounds): \(finite) vs \(split)")
        // Odd horizons (A proposes last) favour A, even ones B; they bracket the limit.
        for t in 1...20 {
            let value = Rubinstein.solveByBackwardInduction(discountA: dA, discountB: dB, rounds: t)
            #expect(t % 2 == 1 ? value >= split - 1e-15 : value <= split + 1e-15)
        }
    }

    @Test("Small horizons by hand: T = 1, 2, 3")
    func rubinsteinByHand() {
        #expect(Rubinstein.solveByBackwardInduction(discountA: 0.8, discountB: 0.7, rounds: 1) == 1)
        #expect(
            isApproximatelyEqual(Rubinstein.solveByBackwardInduction(discountA: 0.8, discountB: 0.7, rounds: 2), 0.3))
        #expect(
            isApproximatelyEqual(
                Rubinstein.solveByBackwardInduction(discountA: 0.8, discountB: 0.7, rounds: 3), 1 - 0.7 * (1 - 0.8)))
    }

    @Test("Equilibrium offers make each responder indifferent; equal δ gives 1/(1 + δ)")
    func rubinsteinOffers() {
        let offers = Rubinstein.equilibriumOffers(discountA: 0.9, discountB: 0.8)
        #expect(isApproximatelyEqual(1 - offers.shareOfAWhenAProposes, 0.8 * offers.shareOfBWhenBProposes))
        #expect(isApproximatelyEqual(1 - offers.shareOfBWhenBProposes, 0.9 * offers.shareOfAWhenAProposes))
        #expect(isApproximatelyEqual(Rubinstein.split(discountA: 0.9, discountB: 0.9), 1 / 1.9))
        #expect(Rubinstein.split(discountA: 0.95, discountB: 0.9) > Rubinstein.split(discountA: 0.9, discountB: 0.9))
    }
}

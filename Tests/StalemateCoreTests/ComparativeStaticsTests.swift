import StalemateAnalysis
import StalemateCore
import StalemateStatistics
import Testing

/// docs/theory.md, reference check 7: comparative statics of the literature as ensemble
/// properties. Each variant runs on the same seeds as its baseline (common random numbers)
/// and the paired difference of means must exceed three standard errors in the predicted
/// direction.
@Suite("Comparative statics")
struct ComparativeStaticsTests {
    static let runs = 3000

    /// Paired difference `variant - baseline` of `metric` over the same run indices.
    func pairedDifference(_ baseline: WarModel, _ variant: WarModel, metric: (RunRecord) -> Double) -> (
        mean: Double, se: Double
    ) {
        var a = Simulator(CompiledModel(baseline), seed: 2024)
        var b = Simulator(CompiledModel(variant), seed: 2024)
        var diff = MeanAccumulator()
        for i in 0..<Self.runs { diff.add(metric(b.run(i)) - metric(a.run(i))) }
        return (diff.mean, diff.standardError)
    }

    /// Smith & Stam (2004): the more the sides' priors diverge (mutual optimism), the longer the war.
    @Test func divergentPriorsLengthenWars() {
        let equal = Fixtures.bargaining(priorA: (20, 20), priorB: (20, 20))
        let divergent = Fixtures.bargaining(priorA: (30, 10), priorB: (10, 30))
        let d = pairedDifference(equal, divergent) { Double($0.duration) }
        #expect(d.mean > 3 * d.se, "duration difference \(d.mean) ± \(d.se)")
    }

    /// Filson & Werner (2002): higher costs of fighting make wars shorter.
    @Test func higherCostsShortenWars() {
        let cheap = Fixtures.bargaining(cost: 0.001)
        let costly = Fixtures.bargaining(cost: 0.004)
        let d = pairedDifference(cheap, costly) { Double($0.duration) }
        #expect(-d.mean > 3 * d.se, "duration difference \(d.mean) ± \(d.se)")
    }

    /// docs/model.md §7: decoupling by mediators makes suspensions of talks rarer.
    @Test func decouplingReducesSuspensions() {
        var base = Fixtures.bargaining()
        for side in Side.allCases {
            base.sides[side][.baseEscalation] = -2.5
            base.sides[side][.suspensionSensitivity] = 0.6
        }
        base.thirdParties = [ThirdParty(id: "un")]
        base.policies = [Policy(party: "un", kind: .convening(ratePerWeek: 0.2))]
        var decoupled = base
        decoupled.policies.append(Policy(party: "un", kind: .decoupling(level: 0.8)))
        let d = pairedDifference(base, decoupled) { Double($0.suspensions.a + $0.suspensions.b) }
        #expect(-d.mean > 3 * d.se, "suspension difference \(d.mean) ± \(d.se)")
    }
}

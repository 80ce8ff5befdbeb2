import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateStatistics
import StalemateTheory
import Testing

/// docs/theory.md, "Reference checks": the engine against the formal literature.
@Suite("Reference checks")
struct ReferenceChecksTests {
    /// Check 1 — Smith & Stam (2004): with one region, constant forces and defeat at the ends,
    /// the war is a gambler's ruin: P(A wins) = (1-(q/p)^k)/(1-(q/p)^n), and its expected
    /// duration k/(q-p) - (n/(q-p)) (1-(q/p)^k)/(1-(q/p)^n).
    @Test(arguments: [(55.0, 45.0, 3, 10), (50.0, 50.0, 4, 8), (40.0, 60.0, 6, 10)])
    func gamblersRuin(forcesA: Double, forcesB: Double, k: Int, n: Int) {
        let model = CompiledModel(Fixtures.gamblersRuin(forcesA: forcesA, forcesB: forcesB, start: k, of: n))
        let p = forcesA / (forcesA + forcesB)
        let runs = 20_000
        var sim = Simulator(model, seed: 12_345)
        var wins = 0
        var duration = MeanAccumulator()
        for i in 0..<runs {
            let r = sim.run(i)
            #expect(r.outcome == .defeatA || r.outcome == .defeatB)
            if r.outcome == .defeatB { wins += 1 }
            duration.add(Double(r.duration))
        }
        let expected = GamblersRuin.winProbability(p: p, start: k, total: n)
        let se = (expected * (1 - expected) / Double(runs)).squareRoot()
        #expect(
            abs(Double(wins) / Double(runs) - expected) < 3 * se,
            "P(A wins) \(Double(wins) / Double(runs)) vs \(expected)")
        let expectedDuration = GamblersRuin.expectedDuration(p: p, start: k, total: n)
        #expect(
            abs(duration.mean - expectedDuration) < 3 * duration.standardError,
            "duration \(duration.mean) ± \(duration.standardError) vs \(expectedDuration)")
    }

    /// Check 2 — Lanchester's square law: with no reinforcement the engine conserves
    /// k_A F_A² − k_B F_B² to 1e-9 relative and follows the cosh/sinh closed form.
    @Test func squareLawInvariantInTheEngine() {
        var wm = Fixtures.gamblersRuin(forcesA: 100, forcesB: 80, start: 5, of: 10)
        wm.parameters[.horizonWeeks] = 30
        wm.sides.a[.effectiveness] = 0.02
        wm.sides.b[.effectiveness] = 0.03
        wm.decisiveAt = nil
        let model = CompiledModel(wm)
        var sim = Simulator(model, seed: 1)
        var rec = SnapshotRecorder()
        _ = sim.run(0, observer: &rec)
        let invariant0 = 0.02 * 100 * 100 - 0.03 * 80 * 80
        #expect(!rec.snapshots.isEmpty)
        for s in rec.snapshots where s.forces.a > 0 && s.forces.b > 0 {
            let inv = 0.02 * s.forces.a * s.forces.a - 0.03 * s.forces.b * s.forces.b
            #expect(abs(inv - invariant0) <= 1e-9 * abs(invariant0))
        }
        // Closed form at week 10: F_A(t) = F_A cosh(rt) − sqrt(k_B/k_A) F_B sinh(rt), r = sqrt(k_A k_B).
        let r = (0.02 * 0.03).squareRoot()
        let t = 10.0
        let fa = 100 * cosh(r * t) - (0.03 / 0.02).squareRoot() * 80 * sinh(r * t)
        #expect(abs(rec.snapshots[9].forces.a - fa) <= 1e-9 * fa)
    }

    /// Check 3 — Fearon (1995): with equal, correct beliefs, no humiliation and positive costs a
    /// bargaining range exists and its width is C_A + C_B.
    @Test func fearonRangeWidth() {
        var wm = Fixtures.bargaining(priorA: (500, 500), priorB: (500, 500), cost: 0.003)
        wm.parameters[.humiliationDemand] = 0
        let model = CompiledModel(wm)
        var sim = Simulator(model, seed: 7)
        var rec = SnapshotRecorder()
        _ = sim.run(0, observer: &rec)
        let first = try! #require(rec.snapshots.first)
        // Costs at level 0, no sanctions: C_i = c_i Σ_{h<H} δ^h.
        let delta = 0.99
        let weeks = (1 - pow(delta, 26)) / (1 - delta)
        let costs = 2 * 0.003 * weeks
        let width = 1 - first.reservation.a - first.reservation.b
        #expect(first.rangeExists)
        // Equal beliefs give equal projections, so the width is exactly the costs (to rounding)
        // whenever the projection is not clipped; beliefs diverge only through the shared data.
        #expect(abs(width - costs) < 1e-12)
        let fearon = Fearon.range(probabilityAWins: first.share, costA: costs / 2, costB: costs / 2)
        #expect(abs(fearon.width - width) < 1e-12)
    }

    /// Check 4 — Complete information and no frictions (κ = 0, σ = 0, λ_h = 0, convening on):
    /// agreement at the first round, so no war-week is fought beyond week 0.
    @Test func completeInformationAgreesAtOnce() {
        var wm = Fixtures.bargaining(priorA: (1000, 1000), priorB: (1000, 1000), cost: 0.002)
        wm.parameters[.humiliationDemand] = 0
        wm.parameters[.humiliationWeight] = 0
        wm.parameters[.meetingRate] = 1
        wm.parameters[.mediatorNoise] = 0
        wm.parameters[.willingnessFloor] = 0
        wm.parameters[.breakdownHazard] = 0
        for side in Side.allCases {
            wm.sides[side][.contingency] = 0
            wm.sides[side][.suspensionSensitivity] = 0
        }
        wm.thirdParties = [ThirdParty(id: "mediator")]
        wm.policies = [
            Policy(party: "mediator", kind: .convening(ratePerWeek: 1)),
            Policy(party: "mediator", kind: .information(precision: 1)),
        ]
        let model = CompiledModel(wm)
        var sim = Simulator(model, seed: 3)
        for i in 0..<500 {
            let r = sim.run(i)
            #expect(r.firstTalksWeek == 0)
            #expect(r.agreements == 1)
            #expect(r.outcome == .settled)
            #expect(r.duration == 1)
            #expect(abs(r.terms - 0.5) < 0.05)
        }
    }
}

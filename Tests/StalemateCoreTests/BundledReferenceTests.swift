import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateScenario
import StalemateStatistics
import StalemateTheory
import Testing

/// The bundled textbook scenarios reproduce their closed forms through the whole stack:
/// YAML file, loader, compiled model, simulator.
@Suite("Bundled textbook scenarios")
struct BundledReferenceTests {
    /// gamblers-ruin.yaml: p = 55/(55+45), k = 3 of n = 10 (Smith & Stam 2004).
    @Test func gamblersRuinFile() throws {
        let model = CompiledModel(try ScenarioLoader.bundled(name: "gamblers-ruin").model)
        var sim = Simulator(model, seed: 77)
        let runs = 20_000
        var wins = 0
        var duration = MeanAccumulator()
        for i in 0..<runs {
            let r = sim.run(i)
            if r.outcome == .defeatB { wins += 1 }
            duration.add(Double(r.duration))
        }
        let p = GamblersRuin.winProbability(p: 0.55, start: 3, total: 10)
        let se = (p * (1 - p) / Double(runs)).squareRoot()
        #expect(abs(Double(wins) / Double(runs) - p) < 3 * se)
        let d = GamblersRuin.expectedDuration(p: 0.55, start: 3, total: 10)
        #expect(abs(duration.mean - d) < 3 * duration.standardError)
    }

    /// lanchester-duel.yaml: B (80 units, k = 0.03) against A (100, k = 0.02). The square law
    /// predicts A wins (0.02·100² > 0.03·80²); B collapses below 16 units in the week the
    /// closed form says.
    @Test func lanchesterDuelFile() throws {
        let model = CompiledModel(try ScenarioLoader.bundled(name: "lanchester-duel").model)
        var sim = Simulator(model, seed: 1)
        let r = sim.run(0)
        #expect(r.outcome == .defeatB)
        var a = 100.0
        var b = 80.0
        var week = 0
        while b >= 16 {
            (a, b) = Lanchester.squareLawStep(
                forceA: a, forceB: b, effectivenessA: 0.02, effectivenessB: 0.03, duration: 1)
            week += 1
        }
        #expect(r.duration == week)
        #expect(abs(r.casualties.b - (80 - b)) < 1e-9 * 80)
    }

    /// complete-information.yaml: no war under complete information (Fearon 1995).
    @Test func completeInformationFile() throws {
        let model = CompiledModel(try ScenarioLoader.bundled(name: "complete-information").model)
        let acc = Ensemble(model: model, seed: 5, runs: 1000, threads: 2).run()
        #expect(acc.outcomes[Outcome.settled.rawValue] == 1000)
        #expect(acc.warEnd.quantile(1.0) == 1)
    }
}

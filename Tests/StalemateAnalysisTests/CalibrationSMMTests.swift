import StalemateAnalysis
import StalemateCalibration
import StalemateCore
import StalemateScenario
import Testing

/// The simulated-method-of-moments machinery: optimiser, KS distance, moments, and recovery of
/// known parameters from pseudo-data simulated with them.
@Suite struct CalibrationSMMTests {
    @Test func nelderMeadFindsTheRosenbrockMinimum() {
        // Rosenbrock (1960): minimum 0 at (1, 1), a curved valley.
        let result = NelderMead.minimize(start: [-1.2, 1], step: 0.5, tolerance: 1e-10, maxEvaluations: 5000) { x in
            let (a, b) = (1 - x[0], x[1] - x[0] * x[0])
            return a * a + 100 * b * b
        }
        #expect(result.converged)
        #expect(abs(result.point[0] - 1) < 1e-4 && abs(result.point[1] - 1) < 1e-4, "\(result.point)")
        #expect(result.value < 1e-8)
    }

    @Test func nelderMeadFindsAQuadraticMinimum() {
        let centre = [0.3, -2, 5]
        let result = NelderMead.minimize(start: [0, 0, 0], step: 1, tolerance: 1e-10) { x in
            zip(x, centre).enumerated().reduce(0) {
                $0 + Double($1.offset + 1) * ($1.element.0 - $1.element.1) * ($1.element.0 - $1.element.1)
            }
        }
        #expect(zip(result.point, centre).allSatisfy { abs($0 - $1) < 1e-4 }, "\(result.point)")
    }

    /// By hand: F₁ of {1, 2, 3} and F₂ of {2.5→3, 4} (weeks 1, 2, 3 vs 3, 4; two wars of four still
    /// open). At t = 1: 1/3 − 0; t = 2: 2/3 − 0; t = 3: 1 − 1/4; t = 4: 1 − 2/4. Sup = 3/4 at t = 3.
    @Test func kolmogorovSmirnovMatchesAHandComputedCase() {
        let a = DurationSample(endedWeeks: [1, 2, 3], total: 3)
        let b = DurationSample(endedWeeks: [3, 4], total: 4)
        #expect(abs(DurationSample.kolmogorovSmirnov(a, b, horizon: 10) - 0.75) < 1e-12)
        // Censoring at 2 weeks: only t ≤ 2 counts, sup = 2/3.
        #expect(abs(DurationSample.kolmogorovSmirnov(a, b, horizon: 2) - 2.0 / 3) < 1e-12)
        #expect(DurationSample.kolmogorovSmirnov(a, a, horizon: 10) == 0)
    }

    @Test func momentsAndWeightsOfAToySample() {
        let wars = [
            ObservedWar(id: 1, durationWeeks: 3, outcome: .decisive),
            ObservedWar(id: 2, durationWeeks: 20, outcome: .compromise),
            ObservedWar(id: 3, durationWeeks: 60, outcome: .decisive),
            ObservedWar(id: 4, durationWeeks: 600, outcome: .stalemate),  // past the horizon: censored
        ]
        let m = CalibrationMoments(of: wars, horizon: 520)
        #expect(m.values == [0.25, 0.25, 0.5, 0.5, 0.75, 0.5, 0.25, 0.25])
        let w = m.inverseVarianceWeights(count: 4)
        #expect(abs(w[0] - 4 / 0.1875) < 1e-9 && abs(w[2] - 16) < 1e-9)
        #expect(m.objective(against: m, weights: w) == 0)
        // Model v2 matches the joint share of ends without a winner: compromise + stalemate.
        let joint = CalibrationMoments(of: wars, horizon: 520, outcomes: .noWinner)
        #expect(joint.values == [0.25, 0.25, 0.5, 0.5, 0.75, 0.5])
        #expect(joint.names.last == "noWinner" && CalibrationMoments.outcomeCount(.noWinner) == 1)
    }

    @Test func badParametersAreErrors() throws {
        let scenario = try ScenarioLoader.bundled(name: "interstate-generic")
        #expect(throws: CalibrationError.self) { try Calibration(scenario: scenario, parameters: []) }
        let unknown = CalibrationParameter(name: "x", keys: ["model.noSuchThing"], lower: 0, upper: 1)
        #expect(throws: CalibrationError.self) { try Calibration(scenario: scenario, parameters: [unknown]) }
        let outOfRange = CalibrationParameter(name: "m", keys: ["model.meetingRate"], lower: 0.5, upper: 2)
        #expect(throws: CalibrationError.self) { try Calibration(scenario: scenario, parameters: [outOfRange]) }
    }

    @Test func interstateGenericLoadsAndIsValid() throws {
        let scenario = try ScenarioLoader.bundled(name: "interstate-generic")
        #expect(scenario.model.problems().isEmpty)
        #expect(scenario.model.horizon == 520)
        // Survives the writer's round trip, as BundledScenarioTests checks for the others.
        let reloaded = try ScenarioLoader.load(
            text: scenario.canonicalYAML(), fileName: "interstate-generic-resolved.yaml")
        #expect(reloaded.model == scenario.model && reloaded.run == scenario.run)
    }

    /// Recovery: 2000 pseudo-wars simulated from interstate-generic at regionStep = 0.04,
    /// baseWillingness = −3 (seed 99), calibrated on other random numbers (seed 7, 300 runs per
    /// evaluation, at most 25 Nelder–Mead evaluations per start, to keep the debug test fast) from the centre of the bounds (0.063, −3.5). Tolerance: 15% on regionStep,
    /// 0.5 logit on baseWillingness — several times the Monte Carlo spread of the estimate.
    @Test func recoversKnownParametersFromPseudoData() throws {
        let scenario = try ScenarioLoader.bundled(name: "interstate-generic")
        let parameters = [
            CalibrationParameter(
                name: "regionStep", keys: ["model.regionStep"], lower: 0.01, upper: 0.4, logScale: true),
            CalibrationParameter(
                name: "baseWillingness", keys: ["sides.A.baseWillingness", "sides.B.baseWillingness"], lower: -6,
                upper: -1),
        ]
        let truth = [0.04, -3.0]
        let generator = try Calibration(scenario: scenario, parameters: parameters, runsPerEvaluation: 2000, seed: 99)
        let pseudo = try generator.simulate(at: truth)
        let calibration = try Calibration(
            scenario: scenario, parameters: parameters, runsPerEvaluation: 300, seed: 7, scanPoints: 0,
            maxEvaluations: 25)
        let result = try calibration.fit(to: pseudo)
        let step = try #require(result.value(of: "regionStep"))
        let willingness = try #require(result.value(of: "baseWillingness"))
        #expect(abs(step / truth[0] - 1) < 0.15, "\(result.text)")
        #expect(abs(willingness - truth[1]) < 0.5, "\(result.text)")
        #expect(result.kolmogorovSmirnov < 0.1, "\(result.text)")
    }
}

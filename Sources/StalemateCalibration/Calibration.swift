import StalemateAnalysis
import StalemateCore
import StalemateScenario

/// Simulated method of moments (SMM; McFadden 1989, Pakes & Pollard 1989): finds the values
/// `θ` of a few scenario parameters whose simulated wars best match observed ones.
///
/// * **Moments** (`CalibrationMoments`): shares of wars ended within 4, 13, 26, 52 and 104
///   weeks, and the shares of decisive, compromise and stalemate outcomes.
/// * **Objective**: `J(θ) = Σ_k w_k (m_k(θ) − o_k)²`, with `w_k` the inverse binomial variance
///   of the observed share `o_k` (floored at `p = 0.05`). Simulated moments `m_k(θ)` come from
///   `runsPerEvaluation` runs on **common random numbers** (runs `0..<R` of `seed` at every
///   `θ`), so `J` is a deterministic function of `θ`.
/// * **Optimiser**, on the unit cube of the bounds (`CalibrationParameter`): a Latin-hypercube
///   scan of `scanPoints` points, Nelder–Mead from the best of them, and one restart of
///   Nelder–Mead from its result with a smaller simplex. Points outside the cube are clamped and
///   penalised by `1000·(distance outside)²`.
/// * **Goodness of fit**: `J` at the estimate, each moment's standardised error, and the
///   Kolmogorov–Smirnov distance between the simulated and observed duration distributions,
///   both right-censored at the horizon.
public struct Calibration: Sendable {
    /// The scenario whose parameters are calibrated (its horizon censors the durations).
    public var scenario: Scenario
    /// The calibrated parameters.
    public var parameters: [CalibrationParameter]
    /// Runs simulated per evaluation of `J`.
    public var runsPerEvaluation: Int
    /// Master seed of the common random numbers.
    public var seed: UInt64
    /// Worker threads per evaluation (results do not depend on it).
    public var threads: Int
    /// Points of the Latin-hypercube scan before Nelder–Mead (0: start at the cube's centre).
    public var scanPoints: Int
    /// Budget of Nelder–Mead evaluations (per start; there are two starts).
    public var maxEvaluations: Int
    /// Floor `p` of the binomial variance in the weights.
    public var weightFloor: Double
    /// The week checkpoints of the duration moments.
    public var checkpoints: [Int]
    /// The outcome shares matched after the durations.
    public var outcomes: OutcomeMoments
    /// Optional log-normal heterogeneity across wars of one parameter, with calibrated spread.
    public var heterogeneity: CalibrationHeterogeneity?

    /// A calibration of `parameters` of `scenario`.
    /// - Throws: `CalibrationError` when no parameter is given, one is given twice, a key or a
    ///   bound is rejected by the scenario, a count is not positive, or `heterogeneity` names no
    ///   log-scale parameter.
    public init(
        scenario: Scenario, parameters: [CalibrationParameter], runsPerEvaluation: Int = 2000,
        seed: UInt64 = 1, threads: Int = 1, scanPoints: Int = 16, maxEvaluations: Int = 150,
        weightFloor: Double = 0.05, checkpoints: [Int] = CalibrationMoments.defaultCheckpoints,
        heterogeneity: CalibrationHeterogeneity? = nil, outcomes: OutcomeMoments = .threeClasses
    ) throws(CalibrationError) {
        guard !parameters.isEmpty else { throw .noParameters() }
        var names = Set<String>()
        for p in parameters where !names.insert(p.name).inserted { throw .duplicateParameter(p.name) }
        guard runsPerEvaluation > 0, threads > 0, scanPoints >= 0, maxEvaluations > 0 else {
            throw .badSettings(
                "runs per evaluation, threads and the evaluation budget must be positive and scan points >= 0. Fix: e.g. --runs 2000 --threads 2"
            )
        }
        guard (0..<0.5).contains(weightFloor) else {
            throw .badSettings("the weight floor must be in [0, 0.5). Fix: use e.g. 0.05")
        }
        self.scenario = scenario
        self.parameters = parameters
        self.runsPerEvaluation = runsPerEvaluation
        self.seed = seed
        self.threads = threads
        self.scanPoints = scanPoints
        self.maxEvaluations = maxEvaluations
        self.weightFloor = weightFloor
        self.checkpoints = checkpoints
        self.outcomes = outcomes
        self.heterogeneity = heterogeneity
        if let h = heterogeneity, !parameters.contains(where: { $0.name == h.parameter && $0.logScale }) {
            throw .badSettings(
                "heterogeneity of '\(h.parameter)': no calibrated log-scale parameter has that name. Fix: name one of \(parameters.filter(\.logScale).map(\.name))"
            )
        }
        for p in parameters {
            for value in [p.lower, p.upper] {
                do {
                    _ = try scenario.applying(p.overrides(value))
                } catch {
                    throw .badOverride(parameter: p.name, value: value, errors: error)
                }
            }
        }
    }

    /// The horizon (weeks) at which durations are censored.
    public var horizon: Int { scenario.model.horizon }

    /// The calibrated coordinates: `parameters`, then the spread of `heterogeneity` if any.
    public var allParameters: [CalibrationParameter] { parameters + (heterogeneity.map { [$0.spread] } ?? []) }

    /// The scenario with the parameters set to `values` (one per parameter, in order; a trailing
    /// spread is ignored).
    /// - Throws: `CalibrationError` when the scenario rejects a value.
    public func scenario(at values: [Double]) throws(CalibrationError) -> Scenario {
        precondition(values.count >= parameters.count, "Calibration: one value per parameter")
        var result = scenario
        for (p, value) in zip(parameters, values) {
            do {
                result = try result.applying(p.overrides(value))
            } catch {
                throw .badOverride(parameter: p.name, value: value, errors: error)
            }
        }
        return result
    }

    /// The simulated wars at `values` (one per entry of `allParameters`), on the common random
    /// numbers: runs `0..<runsPerEvaluation`, split into the strata of `heterogeneity` if any.
    public func simulate(at values: [Double]) throws(CalibrationError) -> [ObservedWar] {
        precondition(values.count == allParameters.count, "Calibration: one value per calibrated coordinate")
        guard let h = heterogeneity, let index = parameters.firstIndex(where: { $0.name == h.parameter }) else {
            let model = CompiledModel(try scenario(at: values).model)
            return SimulatedWars.simulate(model, seed: seed, runs: runsPerEvaluation, threads: threads)
        }
        let base = Array(values.prefix(parameters.count))
        let strata = h.stratumValues(median: base[index], spread: values[parameters.count], bounds: parameters[index])
        var wars: [ObservedWar] = []
        for (s, value) in strata.enumerated() {
            var stratum = base
            stratum[index] = value
            let model = CompiledModel(try scenario(at: stratum).model)
            let lo = runsPerEvaluation * s / strata.count
            let hi = runsPerEvaluation * (s + 1) / strata.count
            wars += SimulatedWars.simulate(model, seed: seed, runs: hi - lo, firstRun: lo, threads: threads)
        }
        return wars
    }

    /// `J(θ)` against `observed` moments with `weights`; `+∞` where the scenario rejects `θ`.
    public func objective(at values: [Double], observed: CalibrationMoments, weights: [Double]) -> Double {
        guard let wars = try? simulate(at: values) else { return .infinity }
        return CalibrationMoments(of: wars, horizon: horizon, checkpoints: checkpoints, outcomes: outcomes)
            .objective(against: observed, weights: weights)
    }

    /// The most evaluations of the objective a fit makes: the scan, two Nelder–Mead passes
    /// and the final simulation at the estimate (a fit that converges makes fewer).
    public var evaluationBudget: Int { scanPoints + 2 * maxEvaluations + 1 }

    /// Fits the parameters to `observed` wars. `progress` receives the evaluations made so
    /// far (at most `evaluationBudget`); once `stop` is set the fit throws `Stopped`.
    /// - Throws: `CalibrationError` when there are fewer wars than moments.
    /// The objective at the scan's points `only` (all by default), in point order: what one
    /// task of a cluster plan computes. The scan's points depend only on `scanPoints`, the
    /// number of parameters and the seed, and each objective on its point and the seed.
    public func scanValues(to observed: [ObservedWar], only: Range<Int>? = nil) throws -> [Double] {
        let (target, weights) = try targetAndWeights(observed)
        let design = LatinHypercube.points(scanPoints, dimensions: allParameters.count, seed: seed)
        return Array(design[only ?? 0..<design.count]).map { u in
            objective(at: zip(allParameters, u).map { $0.value(atUnit: $1) }, observed: target, weights: weights)
        }
    }

    func targetAndWeights(_ observed: [ObservedWar]) throws -> (CalibrationMoments, [Double]) {
        let momentCount = checkpoints.count + CalibrationMoments.outcomeCount(outcomes)
        guard observed.count >= momentCount else {
            throw CalibrationError.tooFewWars(found: observed.count, needed: momentCount)
        }
        let target = CalibrationMoments(of: observed, horizon: horizon, checkpoints: checkpoints, outcomes: outcomes)
        return (target, target.inverseVarianceWeights(count: observed.count, floor: weightFloor))
    }

    /// `scanned`: the objective at every scan point, computed before (a collected cluster
    /// job); the fit then starts from the best of them as if it had evaluated them itself.
    public func fit(
        to observed: [ObservedWar], progress: ((Int) -> Void)? = nil, stop: StopFlag? = nil,
        scanned: [Double]? = nil
    ) throws -> CalibrationResult {
        let (target, weights) = try targetAndWeights(observed)
        let coordinates = allParameters
        var evaluations = 0
        let unitObjective: ([Double]) -> Double = { u in
            // Once stopped, the remaining evaluations end the search at once.
            if stop?.isSet == true { return .infinity }
            evaluations += 1
            progress?(evaluations)
            let clamped = u.map { min(1, max(0, $0)) }
            let outside = zip(u, clamped).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let values = zip(coordinates, clamped).map { $0.value(atUnit: $1) }
            return objective(at: values, observed: target, weights: weights) + 1000 * outside
        }
        var start = [Double](repeating: 0.5, count: coordinates.count)
        if scanPoints > 0 {
            let design = LatinHypercube.points(scanPoints, dimensions: coordinates.count, seed: seed)
            let values: [Double]
            if let scanned, scanned.count == design.count {
                values = scanned
                evaluations += scanned.count
                progress?(evaluations)
            } else {
                values = design.map(unitObjective)
            }
            start = design[values.indices.min { values[$0] < values[$1] }!]
        }
        let first = NelderMead.minimize(
            start: start, step: 0.15, tolerance: 1e-4, maxEvaluations: maxEvaluations,
            unitObjective)
        let second = NelderMead.minimize(
            start: first.point, step: 0.05, tolerance: 1e-4,
            maxEvaluations: maxEvaluations, unitObjective)
        try stop.throwIfSet()
        let best = second.value <= first.value ? second : first
        let unit = best.point.map { min(1, max(0, $0)) }
        let estimate = zip(coordinates, unit).map { $0.value(atUnit: $1) }
        let wars = try simulate(at: estimate)
        let fitted = CalibrationMoments(of: wars, horizon: horizon, checkpoints: checkpoints, outcomes: outcomes)
        let result = CalibrationResult(
            parameters: coordinates, estimate: estimate, objective: fitted.objective(against: target, weights: weights),
            observedCount: observed.count,
            moments: .init(
                names: target.names, observed: target.values,
                simulated: fitted.values, weights: weights),
            kolmogorovSmirnov: DurationSample.kolmogorovSmirnov(
                DurationSample(wars, horizon: horizon), DurationSample(observed, horizon: horizon), horizon: horizon),
            evaluations: evaluations, converged: second.converged, runsPerEvaluation: runsPerEvaluation, seed: seed,
            horizon: horizon)
        progress?(evaluationBudget)
        return result
    }

    /// Checks a fitted result on wars it was not fitted to: simulates at `result.estimate` and
    /// compares with `heldOut` (moments, standardised errors, `J`, Kolmogorov–Smirnov distance).
    public func validate(_ result: CalibrationResult, on heldOut: [ObservedWar]) throws(CalibrationError)
        -> HeldOutValidation
    {
        guard !heldOut.isEmpty else { throw .tooFewWars(found: 0, needed: 1) }
        let target = CalibrationMoments(of: heldOut, horizon: horizon, checkpoints: checkpoints, outcomes: outcomes)
        let weights = target.inverseVarianceWeights(count: heldOut.count, floor: weightFloor)
        let wars = try simulate(at: result.estimate)
        let simulated = CalibrationMoments(of: wars, horizon: horizon, checkpoints: checkpoints, outcomes: outcomes)
        return HeldOutValidation(
            count: heldOut.count,
            moments: .init(names: target.names, observed: target.values, simulated: simulated.values, weights: weights),
            objective: simulated.objective(against: target, weights: weights),
            kolmogorovSmirnov: DurationSample.kolmogorovSmirnov(
                DurationSample(wars, horizon: horizon), DurationSample(heldOut, horizon: horizon), horizon: horizon))
    }
}

/// Deterministic Latin-hypercube designs on the unit cube.
enum LatinHypercube {
    /// `count` points in `[0, 1]^dimensions`: in each dimension, one point in each of `count`
    /// equal strata (at a uniformly drawn position), strata shuffled independently per dimension.
    static func points(_ count: Int, dimensions: Int, seed: UInt64) -> [[Double]] {
        var state = seed ^ 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
        var columns: [[Double]] = []
        for _ in 0..<dimensions {
            var strata = Array(0..<count)
            for i in stride(from: count - 1, to: 0, by: -1) { strata.swapAt(i, Int(next() % UInt64(i + 1))) }
            columns.append(strata.map { (Double($0) + uniform()) / Double(count) })
        }
        return (0..<count).map { i in columns.map { $0[i] } }
    }
}

import Foundation
import StalemateCore
import StalemateScenario
import StalemateSensitivity
import StalemateStatistics

/// The job behind `stalemate sensitivity`: a Morris or Sobol design over scenario parameters,
/// one ensemble per design point (all on the same master seed), and the indices of one output
/// metric (the ensemble mean of a `RunMetric`, e.g. P(settled by 104 weeks)).
public struct SensitivityJob: Sendable {
    public enum Method: String, Sendable, CaseIterable, Codable {
        case morris, sobol
    }

    public let base: RunJob
    public let method: Method
    public let metric: RunMetric
    public let inputs: [SensitivityInput]
    /// Points of the design in parameter units, and the resolved model of each.
    public let points: [[Double]]
    let models: [CompiledModel]
    let morris: MorrisDesign?
    let sobol: SobolDesign?

    /// - Parameters:
    ///   - parameters: `key=lo:hi[:log]` as for sweeps.
    ///   - size: trajectories for Morris, base samples N for Sobol.
    public init(
        scenario: Scenario, overrides: [String] = [], parameters: [String], method: Method, metric: String,
        size: Int, runs: Int? = nil, seed: UInt64? = nil, weeks: Int? = nil, threads: Int? = nil
    ) throws {
        base = try RunJob(
            scenario: scenario, overrides: overrides, runs: runs, seed: seed, weeks: weeks, threads: threads)
        guard let m = RunMetric.allCases.first(where: { $0.key == metric }), m != .terms, m != .firstSuspensionLength
        else {
            let valid = RunMetric.allCases.filter { $0 != .terms && $0 != .firstSuspensionLength }.map(\.key)
            throw SweepError("--metric \(metric) is not an output metric: use one of \(valid.joined(separator: ", "))")
        }
        self.method = method
        self.metric = m
        let params = try parameters.map(SweepParameter.init(parsing:))
        guard !params.isEmpty else { throw SweepError("give at least one --param key=lo:hi[:log]") }
        inputs = try params.map {
            try $0.requireNumeric(for: method == .sobol ? "a Sobol' analysis" : "a Morris screening")
            return try SensitivityInput(name: $0.key, lower: $0.lower, upper: $0.upper, logScale: $0.logScale)
        }
        // Checked before the design is drawn: a size from a job file may be any integer.
        let count = Double(size) * Double(inputs.count + (method == .sobol ? 2 : 1))
        guard count <= Double(SweepDesign.maximumPoints) else {
            throw SweepError(
                "--size \(size) over \(inputs.count) parameters makes \(Int(count)) points, more than \(SweepDesign.maximumPoints): use a smaller --size"
            )
        }
        switch method {
        case .morris:
            let design = try MorrisDesign(inputs: inputs, trajectories: size, seed: base.seed)
            morris = design
            sobol = nil
            points = design.points
        case .sobol:
            // The Sobol' sequence has 64 dimensions (2k for k inputs); beyond, sample pseudo-randomly.
            let sampling: SobolDesign.Sampling =
                inputs.count > SobolDesign.maxSequenceInputs ? .pseudoRandom : .sobolSequence
            let design = try SobolDesign(inputs: inputs, baseSamples: size, seed: base.seed, sampling: sampling)
            sobol = design
            morris = nil
            points = design.points
        }
        let keys = params.map(\.key)
        models = try points.map { values in
            let point = SweepJob.pointOverrides(keys: keys, values: values)
            return try RunJob(scenario: scenario, overrides: overrides + point, runs: runs, seed: seed, weeks: weeks)
                .compiled
        }
    }

    /// The ensemble mean of the metric at every point, in design order.
    /// With `only`, just those points (one task of a cluster plan).
    public func evaluate(
        progress: (@Sendable (Int) -> Void)? = nil, stop: StopFlag? = nil, only: Range<Int>? = nil
    ) throws(Stopped) -> [Double] {
        let range = only ?? 0..<models.count
        return try Self.ensembleMeans(
            models: Array(models[range]), metrics: [metric], runs: base.runs, seed: base.seed, threads: base.threads,
            progress: progress, stop: stop
        ).map { $0[0].mean }
    }

    /// The means of `metrics` over runs `0..<runs` of each model, on the same seed (common
    /// random numbers), in model order; `progress` receives the number of models done.
    static func ensembleMeans(
        models: [CompiledModel], metrics: [RunMetric], runs: Int, seed: UInt64, threads: Int,
        progress: (@Sendable (Int) -> Void)?, stop: StopFlag? = nil
    ) throws(Stopped) -> [[MeanAccumulator]] {
        let outputs = Locked([[MeanAccumulator]]())
        OrderedChunks.run(
            count: models.count, threads: threads,
            work: { p in
                var simulator = Simulator(models[p], seed: seed)
                var means = [MeanAccumulator](repeating: MeanAccumulator(), count: metrics.count)
                for i in 0..<runs {
                    let values = RunMetric.values(of: simulator.run(i))
                    for (k, m) in metrics.enumerated() { means[k].add(values[m.rawValue]) }
                }
                return means
            },
            merge: { _, value in
                let done = outputs.withLock { o in
                    o.append(value)
                    return o.count
                }
                progress?(done)
            }, shouldStop: stop?.check)
        try stop.throwIfSet()
        return outputs.withLock { $0 }
    }

    /// The result: Morris effects or Sobol indices of the metric.
    public struct Result: Codable, Sendable {
        public var schema = "stalemate.sensitivity/1"
        public var scenario: EnsembleSummary.ScenarioInfo
        public var method: Method
        public var metric: String
        public var runsPerPoint: Int
        public var points: Int
        public var seed: UInt64
        public var morris: [MorrisEffect]?
        public var sobol: [SobolIndex]?
        /// How a Sobol design sampled the base matrices: `sobolSequence`, or `pseudoRandom` for
        /// more than 32 inputs.
        public var sampling: String?
        /// Why the indices may not mean much, with the size that would fix it (empty: none).
        public var warnings: [String]?
    }

    /// Warnings when the sample is too small for the indices to mean anything. Bootstrap
    /// intervals shrink as 1/√size, so the size that would bring the widest interval's
    /// half-width to `target` is `size · (halfWidth / target)²`.
    static func warnings(
        method: Method, size: Int, morris: [MorrisEffect]?, sobol: [SobolIndex]?
    ) -> [String] {
        var out: [String] = []
        func suggested(_ halfWidth: Double, target: Double) -> Int {
            Int((Double(size) * (halfWidth / target) * (halfWidth / target)).rounded(.up))
        }
        if let sobol, !sobol.isEmpty {
            let widest =
                sobol.flatMap { [$0.firstOrderInterval, $0.totalInterval] }
                .map { ($0.upper - $0.lower) / 2 }.max() ?? 0
            let outside = sobol.contains { $0.firstOrder < -0.05 || $0.firstOrder > 1.05 || $0.total > 1.05 }
            if widest > 0.1 || outside {
                out.append(
                    String(
                        format:
                            "the sample is too small for these Sobol indices: the widest 95%% interval is ±%.2f%@; --size %d (N) would bring it to about ±0.05",
                        widest, outside ? " and some indices fall outside [0, 1]" : "",
                        max(size * 2, suggested(widest, target: 0.05))))
            }
        }
        if let morris, !morris.isEmpty {
            let top = morris.map(\.muStar).max() ?? 0
            let widest = morris.map { ($0.muStarInterval.upper - $0.muStarInterval.lower) / 2 }.max() ?? 0
            if size < 10 || (top > 0 && widest > 0.5 * top) {
                out.append(
                    String(
                        format:
                            "the sample is too small to rank these inputs: %d trajectories, and the widest 95%% interval of μ* is ±%.3g against a largest μ* of %.3g; --size %d would halve it",
                        size, widest, top, max(10, size * 4)))
            }
        }
        return out
    }

    /// `outputs`: every point's mean already computed (a collected cluster job).
    public func execute(
        progress: (@Sendable (Int) -> Void)? = nil, stop: StopFlag? = nil, outputs given: [Double]? = nil
    ) throws -> Result {
        let outputs = try given ?? evaluate(progress: progress, stop: stop)
        let s = base.scenario
        var result = Result(
            scenario: .init(id: s.id, title: s.title, hash: s.sourceHash), method: method, metric: metric.key,
            runsPerPoint: base.runs, points: points.count, seed: base.seed)
        if let morris { result.morris = try MorrisAnalysis.analyze(design: morris, outputs: outputs) }
        if let sobol {
            result.sobol = try SobolAnalysis.analyze(design: sobol, outputs: outputs)
            result.sampling = sobol.sampling.rawValue
        }
        let size = morris?.trajectories ?? sobol?.baseSamples ?? 0
        let warnings = Self.warnings(method: method, size: size, morris: result.morris, sobol: result.sobol)
        result.warnings = warnings.isEmpty ? nil : warnings
        return result
    }
}

extension SensitivityJob.Result {
    /// Tidy CSV: one row per parameter and measure (`muStar`, `mu`, `sigma`; `S1`, `ST`), with
    /// the bootstrap interval where there is one.
    public func csv() -> String {
        var csv = CSVWriter(columns: ["parameter", "method", "metric", "measure", "value", "lower", "upper"])
        func row(_ name: String, _ measure: String, _ value: Double, _ interval: SensitivityInterval? = nil) {
            csv.row(
                [name, method.rawValue, metric, measure]
                    + [value, interval?.lower, interval?.upper].map(CSVWriter.number))
        }
        for e in morris ?? [] {
            row(e.name, "muStar", e.muStar, e.muStarInterval)
            row(e.name, "mu", e.mu)
            row(e.name, "sigma", e.sigma)
        }
        for i in sobol ?? [] {
            row(i.name, "S1", i.firstOrder, i.firstOrderInterval)
            row(i.name, "ST", i.total, i.totalInterval)
        }
        return csv.text
    }

    public func table() -> String {
        var out =
            "\(scenario.title) [\(scenario.id)]: \(method) sensitivity of \(metric), \(points) points × \(runsPerPoint) runs, seed \(seed)"
            + (sampling == "pseudoRandom" ? " (pseudo-random sampling: more than 32 inputs)" : "") + "\n"
        func f(_ x: Double) -> String { String(format: "%.4f", x) }
        if let morris {
            out +=
                "parameter".padding(toLength: 40, withPad: " ", startingAt: 0)
                + "mu*       95% CI of mu*           mu         sigma\n"
            for e in morris.sorted(by: { $0.muStar > $1.muStar }) {
                out +=
                    e.name.padding(toLength: 40, withPad: " ", startingAt: 0) + f(e.muStar) + "    ["
                    + f(e.muStarInterval.lower) + ", " + f(e.muStarInterval.upper) + "]   " + f(e.mu) + "    "
                    + f(e.sigma) + "\n"
            }
        }
        if let sobol {
            out +=
                "parameter".padding(toLength: 40, withPad: " ", startingAt: 0)
                + "S1        95% CI              ST        95% CI\n"
            for i in sobol.sorted(by: { $0.total > $1.total }) {
                out +=
                    i.name.padding(toLength: 40, withPad: " ", startingAt: 0) + f(i.firstOrder) + "   ["
                    + f(i.firstOrderInterval.lower) + ", " + f(i.firstOrderInterval.upper) + "]  " + f(i.total) + "   ["
                    + f(i.totalInterval.lower) + ", " + f(i.totalInterval.upper) + "]\n"
            }
        }
        for warning in warnings ?? [] { out += "warning: \(warning)\n" }
        return out
    }
}

import Foundation
import StalemateCore
import StalemateScenario
import StalemateStatistics

/// Parameter uncertainty of a scenario's headline numbers: the assumptions are drawn together
/// from their ranges (a Latin hypercube), an ensemble runs at every draw on the same seeds,
/// and each headline metric is reported as the spread of its ensemble means across the draws
/// beside its value at the scenario's own numbers. The spread is what the assumptions leave
/// open; the Monte Carlo error of each point is much smaller (`monteCarloSE`).
public struct UncertaintyJob: Sendable {
    public let base: RunJob
    public let design: SweepDesign
    let models: [CompiledModel]

    /// The metrics reported, in order.
    public static let metrics: [RunMetric] = [
        .settledBy52, .settledBy104, .settledBy156, .duration, .weeksNoRange, .weeksUnwilling, .weeksSuspended,
    ]

    /// - Parameter parameters: `key=lo:hi[:log]`, as for sweeps (e.g. `Scenario.assumptions`).
    public init(
        scenario: Scenario, overrides: [String] = [], parameters: [String], points: Int, runs: Int? = nil,
        seed: UInt64? = nil, threads: Int? = nil
    ) throws {
        base = try RunJob(scenario: scenario, overrides: overrides, runs: runs, seed: seed, threads: threads)
        design = try SweepDesign(
            parameters: try parameters.map {
                let p = try SweepParameter(parsing: $0)
                try p.requireNumeric(for: "an uncertainty analysis")
                return p
            }, kind: .lhs, points: points, seed: base.seed)
        let keys = design.parameters.map(\.key)
        models = try design.values.map { values in
            let point = SweepJob.pointOverrides(keys: keys, values: values)
            return try RunJob(scenario: scenario, overrides: overrides + point, runs: runs, seed: seed).compiled
        }
    }

    public struct Metric: Codable, Sendable, Equatable {
        public var key: String
        public var label: String
        /// The ensemble mean at the scenario's own numbers.
        public var atScenario: Double
        /// The largest standard error of an ensemble mean over the points (Monte Carlo error).
        public var monteCarloSE: Double
        /// Quantiles 5%, 25%, 50%, 75%, 95% of the ensemble means across the draws.
        public var quantiles: [Double]
        public var min: Double
        public var max: Double
    }

    public struct Result: Codable, Sendable, Equatable {
        public var schema = "stalemate.uncertainty/1"
        public var scenario: EnsembleSummary.ScenarioInfo
        public var parameters: [SweepParameter]
        public var points: Int
        public var runsPerPoint: Int
        public var seed: UInt64
        public var metrics: [Metric]
    }

    public func execute(progress: (@Sendable (Int) -> Void)? = nil, stop: StopFlag? = nil) throws(Stopped) -> Result {
        let points = try SensitivityJob.ensembleMeans(
            models: [base.compiled] + models, metrics: Self.metrics, runs: base.runs, seed: base.seed,
            threads: base.threads, progress: progress, stop: stop)
        let metrics = Self.metrics.enumerated().map { k, m in
            let draws = points.dropFirst().map { $0[k].mean }.sorted()
            let se = points.map { $0[k].standardError }.max() ?? 0
            return Metric(
                key: m.key, label: m.description, atScenario: points[0][k].mean, monteCarloSE: se,
                quantiles: [0.05, 0.25, 0.5, 0.75, 0.95].map { Quantile.type7(sorted: draws, $0) },
                min: draws.first ?? .nan,
                max: draws.last ?? .nan)
        }
        let s = base.scenario
        return Result(
            scenario: .init(id: s.id, title: s.title, hash: s.sourceHash), parameters: design.parameters,
            points: design.points, runsPerPoint: base.runs, seed: base.seed, metrics: metrics)
    }
}

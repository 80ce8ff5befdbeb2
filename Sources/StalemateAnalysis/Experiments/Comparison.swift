import Foundation
import StalemateCore
import StalemateStatistics

/// Paired comparison of each variant with the baseline (schema `stalemate.compare/1`, docs/experiments.md).
public struct Comparison: Codable, Sendable, Equatable {
    public static let schema = "stalemate.compare/1"

    public struct ArmInfo: Codable, Sendable, Equatable {
        public var name: String
        public var overrides: [String]
        /// Outcome shares of the arm (Wilson intervals), in `Outcome` order.
        public var outcomes: [EnsembleSummary.OutcomeShare]
    }

    public struct Difference: Codable, Sendable, Equatable {
        public var metric: String
        public var key: String
        public var baseline: Double?
        public var variant: Double?
        /// Mean of the paired differences `variant - baseline`.
        public var difference: Double?
        /// 95% interval of the difference (normal approximation on the paired differences;
        /// bootstrap percentile for the median).
        public var ci95: [Double]?
        /// Var(independent difference) / Var(paired difference): how many times more runs
        /// independent seeds would need for the same precision. Nil when undefined.
        public var varianceReduction: Double?
        /// Pairs used (runs where the metric is defined in both arms).
        public var pairs: Int
    }

    public struct VariantComparison: Codable, Sendable, Equatable {
        public var name: String
        public var differences: [Difference]
        /// Blockers of peace whose weeks per run fell, with the 95% interval below zero.
        public var blockersReduced: [String]
        /// Blockers of peace whose weeks per run rose, with the 95% interval above zero.
        public var blockersIncreased: [String]
    }

    public var schema: String
    public var scenario: EnsembleSummary.ScenarioInfo
    public var runs: Int
    public var seed: UInt64
    public var weeks: Int
    public var baseline: ArmInfo
    public var variants: [ArmInfo]
    public var comparisons: [VariantComparison]
}

extension Comparison {
    /// Builds the comparison from an experiment's per-run values.
    public init(experiment e: Experiment, outcome o: Experiment.Outcome, scenario: EnsembleSummary.ScenarioInfo) {
        schema = Self.schema
        self.scenario = scenario
        runs = e.runs
        seed = e.seed
        weeks = e.baseline.model.horizon
        func info(_ arm: Experiment.Arm, _ acc: EnsembleAccumulator) -> ArmInfo {
            ArmInfo(
                name: arm.name, overrides: arm.overrides,
                outcomes: StalemateCore.Outcome.allCases.map {
                    EnsembleSummary.OutcomeShare(
                        outcome: $0.description, count: acc.outcomes[$0.rawValue], trials: acc.runs)
                })
        }
        baseline = info(e.baseline, o.accumulators[0])
        variants = e.variants.enumerated().map { info($0.element, o.accumulators[$0.offset + 1]) }
        comparisons = e.variants.indices.map { v in
            let base = o.values[0]
            let alt = o.values[v + 1]
            var diffs = RunMetric.allCases.map { m in
                Self.paired(metric: m, base[m.rawValue], alt[m.rawValue])
            }
            diffs.insert(
                Self.medianDuration(
                    base[RunMetric.duration.rawValue], alt[RunMetric.duration.rawValue],
                    horizon: e.baseline.model.horizon, seed: e.seed),
                at: RunMetric.duration.rawValue + 1)
            var reduced: [String] = []
            var increased: [String] = []
            for m in RunMetric.allCases {
                guard let group = m.blockerGroup, let d = diffs.first(where: { $0.key == m.key }), let ci = d.ci95
                else { continue }
                if ci[1] < 0 { reduced.append(group.description) }
                if ci[0] > 0 { increased.append(group.description) }
            }
            return VariantComparison(
                name: e.variants[v].name, differences: diffs, blockersReduced: reduced, blockersIncreased: increased)
        }
    }

    static func paired(metric m: RunMetric, _ a: [Double], _ b: [Double]) -> Difference {
        var base = MeanAccumulator()
        var alt = MeanAccumulator()
        var diff = MeanAccumulator()
        for i in a.indices where !a[i].isNaN && !b[i].isNaN {
            base.add(a[i])
            alt.add(b[i])
            diff.add(b[i] - a[i])
        }
        guard diff.count > 1 else {
            return Difference(
                metric: m.description, key: m.key, baseline: nil, variant: nil, difference: nil, ci95: nil,
                varianceReduction: nil, pairs: diff.count)
        }
        let z = Proportion.z95
        let half = z * diff.standardError
        let independent = base.variance + alt.variance
        return Difference(
            metric: m.description, key: m.key, baseline: base.mean, variant: alt.mean, difference: diff.mean,
            ci95: [diff.mean - half, diff.mean + half],
            varianceReduction: diff.variance > 0 ? independent / diff.variance : nil, pairs: diff.count)
    }

    /// Median weeks of war in each arm (censored at the horizon: the median of min(duration, T),
    /// which equals the Kaplan–Meier median when every censoring is at T), and a bootstrap
    /// percentile interval of the paired difference (1,000 resamples of run pairs).
    static func medianDuration(_ a: [Double], _ b: [Double], horizon: Int, seed: UInt64) -> Difference {
        // Durations are whole weeks in 0...T, so medians come from counts in O(n + T).
        func median(_ counts: [Int], _ n: Int) -> Double {
            var seen = 0
            for (w, c) in counts.enumerated() {
                seen += c
                if 2 * seen >= n + 1 { return Double(w) }
            }
            return Double(horizon)
        }
        func counts(_ x: [Double]) -> [Int] {
            var c = [Int](repeating: 0, count: horizon + 1)
            for v in x { c[min(horizon, max(0, Int(v)))] += 1 }
            return c
        }
        let n = a.count
        let ma = median(counts(a), n)
        let mb = median(counts(b), n)
        var deltas: [Double] = []
        let random = CounterRandom(seed: seed ^ 0x5EED, runIndex: 0)
        var counter = 0
        var ca = [Int](repeating: 0, count: horizon + 1)
        var cb = ca
        for _ in 0..<1000 where n > 1 {
            for w in ca.indices {
                ca[w] = 0
                cb[w] = 0
            }
            for _ in 0..<n {
                let j = min(n - 1, Int(random.uniform(counter) * Double(n)))
                counter += 1
                ca[min(horizon, max(0, Int(a[j])))] += 1
                cb[min(horizon, max(0, Int(b[j])))] += 1
            }
            deltas.append(median(cb, n) - median(ca, n))
        }
        deltas.sort()
        let ci = n > 1 ? [deltas[24], deltas[974]] : nil
        return Difference(
            metric: "median weeks of war (\(horizon) = not reached)", key: "medianDuration", baseline: ma, variant: mb,
            difference: mb - ma, ci95: ci, varianceReduction: nil, pairs: n)
    }
}

import StalemateCore

/// A baseline and variants run on the same seeds (common random numbers): run `i` of every
/// arm uses the random stream of (seed, i), so differences between arms are paired.
public struct Experiment: Sendable {
    public struct Arm: Sendable {
        public var name: String
        /// The overrides that define it (empty for the baseline).
        public var overrides: [String]
        public var model: CompiledModel
        public init(name: String, overrides: [String], model: CompiledModel) {
            self.name = name
            self.overrides = overrides
            self.model = model
        }
    }

    public var baseline: Arm
    public var variants: [Arm]
    public var seed: UInt64
    public var runs: Int
    public var threads: Int
    public var chunkSize = 256

    public init(baseline: Arm, variants: [Arm], seed: UInt64, runs: Int, threads: Int) {
        self.baseline = baseline
        self.variants = variants
        self.seed = seed
        self.runs = runs
        self.threads = threads
    }

    /// Per-run metric values of every arm, and each arm's ensemble tallies.
    public struct Outcome: Sendable {
        /// `values[arm][metric][run]`; arm 0 is the baseline.
        public var values: [[[Double]]]
        public var accumulators: [EnsembleAccumulator]
    }

    /// Simulates all arms. Memory: one Double per run, metric and arm. Once `shouldStop`
    /// returns true no new chunk starts, and the outcome holds only the runs finished.
    public func run(progress: (@Sendable (Int) -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil) -> Outcome {
        let arms = [baseline] + variants
        let metricCount = RunMetric.allCases.count
        let chunkCount = (runs + chunkSize - 1) / chunkSize
        let empty = arms.map {
            EnsembleAccumulator(horizon: $0.model.horizon, ladderMax: Int($0.model.model.parameters[.ladderMax]))
        }
        let merged = Locked(
            (
                values: [[[Double]]](
                    repeating: [[Double]](repeating: [], count: metricCount), count: arms.count),
                accumulators: empty, done: 0
            ))
        let (seed, runs, chunkSize) = (seed, runs, chunkSize)
        OrderedChunks.run(
            count: chunkCount, threads: threads,
            work: { chunk in
                let lo = chunk * chunkSize
                let hi = min(runs, lo + chunkSize)
                var values = [[[Double]]](
                    repeating: [[Double]](repeating: [], count: metricCount), count: arms.count)
                var accs = empty
                for (a, arm) in arms.enumerated() {
                    var simulator = Simulator(arm.model, seed: seed)
                    for i in lo..<hi {
                        let record = simulator.run(i, observer: &accs[a])
                        for (m, v) in RunMetric.values(of: record).enumerated() { values[a][m].append(v) }
                    }
                }
                return (values, accs, hi - lo)
            },
            merge: { _, result in
                let done = merged.withLock { m in
                    for a in arms.indices {
                        for k in 0..<metricCount { m.values[a][k] += result.0[a][k] }
                        m.accumulators[a].merge(result.1[a])
                    }
                    m.done += result.2
                    return m.done
                }
                progress?(done)
            }, shouldStop: shouldStop)
        return merged.withLock { Outcome(values: $0.values, accumulators: $0.accumulators) }
    }
}

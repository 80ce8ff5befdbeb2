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

    /// One arm's whole result: `values[metric][run]` and its tallies.
    public struct ArmResult: Sendable {
        public var values: [[Double]]
        public var accumulator: EnsembleAccumulator
    }

    /// Simulates all arms but those in `known` (by arm index, 0 the baseline), whose results
    /// are taken as given: run `i` of an arm depends only on its model, the seed and `i`, so
    /// an arm simulated before with the same settings gives the same values and tallies.
    /// Memory: one Double per run, metric and arm. Once `shouldStop` returns true no new chunk
    /// starts, and the outcome holds only the runs finished (with `known` arms whole).
    /// One chunk of every arm: `values[arm][metric][run]` and each arm's tallies.
    public struct Chunk: Codable, Sendable {
        public var values: [[[Double]]]
        public var accumulators: [EnsembleAccumulator]
        public init(values: [[[Double]]], accumulators: [EnsembleAccumulator]) {
            self.values = values
            self.accumulators = accumulators
        }
    }

    /// `preloaded` chunks (a collected cluster job) are merged instead of simulated; with
    /// `only`, just those chunks are simulated and merged, each handed to `onChunk` (a task).
    public func run(
        known: [Int: ArmResult] = [:], preloaded: [Int: Chunk] = [:], only: Range<Int>? = nil,
        onChunk: (@Sendable (Int, Chunk) -> Void)? = nil, progress: (@Sendable (Int) -> Void)? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) -> Outcome {
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
        let range = only ?? 0..<chunkCount
        OrderedChunks.run(
            count: range.count, threads: threads,
            work: { k in
                let chunk = range.lowerBound + k
                if let stored = preloaded[chunk] {
                    return (stored.values, stored.accumulators, stored.accumulators[0].runs)
                }
                let lo = chunk * chunkSize
                let hi = min(runs, lo + chunkSize)
                var values = [[[Double]]](
                    repeating: [[Double]](repeating: [], count: metricCount), count: arms.count)
                var accs = empty
                for (a, arm) in arms.enumerated() where known[a] == nil {
                    var simulator = Simulator(arm.model, seed: seed)
                    for i in lo..<hi {
                        let record = simulator.run(i, observer: &accs[a])
                        for (m, v) in RunMetric.values(of: record).enumerated() { values[a][m].append(v) }
                    }
                }
                return (values, accs, hi - lo)
            },
            merge: { k, result in
                onChunk?(range.lowerBound + k, Chunk(values: result.0, accumulators: result.1))
                let done = merged.withLock { m in
                    for a in arms.indices where known[a] == nil {
                        for k in 0..<metricCount { m.values[a][k] += result.0[a][k] }
                        m.accumulators[a].merge(result.1[a])
                    }
                    m.done += result.2
                    return m.done
                }
                progress?(done)
            }, shouldStop: shouldStop)
        return merged.withLock { m in
            var outcome = Outcome(values: m.values, accumulators: m.accumulators)
            for (a, result) in known where arms.indices.contains(a) {
                outcome.values[a] = result.values
                outcome.accumulators[a] = result.accumulator
            }
            return outcome
        }
    }
}

/// Arms of experiments simulated before, for experiments that repeat them: the dashboard's
/// comparisons all share their baseline. Keyed by everything an arm's results depend on (the
/// scenario's text, its overrides, seed, runs and chunk size); the least recently used go first.
public final class ArmCache: Sendable {
    public struct Key: Hashable, Sendable {
        public var scenarioHash: String
        public var overrides: [String]
        public var seed: UInt64
        public var runs: Int
        public var chunkSize: Int
    }

    private struct State {
        var entries: [Key: (result: Experiment.ArmResult, used: Int)] = [:]
        var clock = 0
        var hits = 0
    }

    private let state = Locked(State())
    public let capacity: Int

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Arms found in the cache so far.
    public var hits: Int { state.withLock { $0.hits } }

    public func result(_ key: Key) -> Experiment.ArmResult? {
        state.withLock { s in
            guard let entry = s.entries[key] else { return nil }
            s.clock += 1
            s.entries[key] = (entry.result, s.clock)
            s.hits += 1
            return entry.result
        }
    }

    public func store(_ result: Experiment.ArmResult, for key: Key) {
        state.withLock { s in
            s.clock += 1
            s.entries[key] = (result, s.clock)
            while s.entries.count > capacity, let oldest = s.entries.min(by: { $0.value.used < $1.value.used }) {
                s.entries.removeValue(forKey: oldest.key)
            }
        }
    }
}

extension Experiment {
    /// Why `stored` cannot stand for chunk `index` of every arm; nil when it can.
    public func misfit(_ stored: Chunk, index: Int) -> String? {
        let arms = [baseline] + variants
        let chunkCount = (runs + chunkSize - 1) / chunkSize
        guard (0..<chunkCount).contains(index) else { return "this comparison has chunks 0..<\(chunkCount)" }
        let expected = min(runs, (index + 1) * chunkSize) - index * chunkSize
        guard stored.accumulators.count == arms.count, stored.values.count == arms.count else {
            return
                "\(stored.accumulators.count) arms of tallies and \(stored.values.count) of values, not \(arms.count)"
        }
        for (a, arm) in arms.enumerated() {
            let metrics = stored.values[a]
            guard metrics.count == RunMetric.allCases.count, metrics.allSatisfy({ $0.count == expected }) else {
                return "arm \(arm.name) holds values other than \(RunMetric.allCases.count) metrics of \(expected) runs"
            }
            let ladder = Int(arm.model.model.parameters[.ladderMax])
            if let why = stored.accumulators[a].misfit(horizon: arm.model.horizon, ladderMax: ladder, runs: expected) {
                return "arm \(arm.name): \(why)"
            }
        }
        return nil
    }
}

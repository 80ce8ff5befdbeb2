import StalemateCore

/// Runs an ensemble of independent runs of one model on a fixed pool of worker threads.
///
/// Runs are cut into chunks of `chunkSize`; each chunk is simulated by one worker into its own
/// accumulator, and chunks are merged strictly in chunk order. Because run `i`'s random stream
/// depends only on (seed, i) and the merge order is fixed, the result is identical for every
/// thread count. Memory is one accumulator per worker plus the few chunks waiting for their turn.
public struct Ensemble: Sendable {
    public let model: CompiledModel
    public let seed: UInt64
    public let runs: Int
    /// Index of the first run (for sharding an ensemble over processes).
    public let firstRun: Int
    public let threads: Int
    public let chunkSize: Int

    public init(
        model: CompiledModel, seed: UInt64, runs: Int, firstRun: Int = 0, threads: Int = 1, chunkSize: Int = 256
    ) {
        precondition(runs >= 0 && threads >= 1 && chunkSize >= 1)
        self.model = model
        self.seed = seed
        self.runs = runs
        self.firstRun = firstRun
        self.threads = threads
        self.chunkSize = chunkSize
    }

    /// An empty accumulator of this model's shape.
    public func makeAccumulator() -> EnsembleAccumulator {
        EnsembleAccumulator(horizon: model.horizon, ladderMax: Int(model.model.parameters[.ladderMax]))
    }

    /// Simulates every run and returns the merged tallies. `progress` is called from worker
    /// threads with the number of runs completed so far.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) -> EnsembleAccumulator {
        let chunkCount = (runs + chunkSize - 1) / chunkSize
        let merged = Locked((accumulator: makeAccumulator(), runs: 0))
        OrderedChunks.run(
            count: chunkCount, threads: threads,
            work: { chunk in
                var simulator = Simulator(model, seed: seed)
                var acc = makeAccumulator()
                let lo = firstRun + chunk * chunkSize
                let hi = min(firstRun + runs, lo + chunkSize)
                for i in lo..<hi { _ = simulator.run(i, observer: &acc) }
                return acc
            },
            merge: { _, acc in
                let done = merged.withLock { m in
                    m.accumulator.merge(acc)
                    m.runs += acc.runs
                    return m.runs
                }
                progress?(done)
            })
        return merged.withLock { $0.accumulator }
    }
}

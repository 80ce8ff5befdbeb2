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
    public func run(
        progress: (@Sendable (Int) -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil
    ) -> EnsembleAccumulator {
        run(preloaded: [:], onChunk: nil, progress: progress, shouldStop: shouldStop)
    }

    /// The number of chunks of `chunkSize` runs.
    public var chunkCount: Int { (runs + chunkSize - 1) / chunkSize }

    /// Simulates the chunks not in `preloaded` and merges every chunk in chunk order, so a run
    /// resumed from stored chunks gives exactly the numbers of an uninterrupted one.
    /// `onChunk` receives each newly simulated chunk with its run records, in chunk order,
    /// before it is merged (for storing it). Once `shouldStop` returns true no new chunk starts:
    /// the result then holds fewer than `runs` runs (its `runs` says how many).
    /// With `only`, just those chunks are simulated and merged (one task of a cluster plan).
    public func run(
        preloaded: [Int: EnsembleAccumulator],
        onChunk: (@Sendable (_ chunk: Int, _ accumulator: EnsembleAccumulator, _ records: [RunRecord]) -> Void)?,
        progress: (@Sendable (Int) -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil,
        only: Range<Int>? = nil, keepRecords: Bool? = nil
    ) -> EnsembleAccumulator {
        let merged = Locked((accumulator: makeAccumulator(), runs: 0))
        let keepRecords = keepRecords ?? (onChunk != nil)
        let range = only ?? 0..<chunkCount
        OrderedChunks.run(
            count: range.count, threads: threads,
            work: { k -> (EnsembleAccumulator, [RunRecord], Bool) in
                let chunk = range.lowerBound + k
                if let stored = preloaded[chunk] { return (stored, [], true) }
                var simulator = Simulator(model, seed: seed)
                var acc = makeAccumulator()
                var records: [RunRecord] = []
                let lo = firstRun + chunk * chunkSize
                let hi = min(firstRun + runs, lo + chunkSize)
                if keepRecords { records.reserveCapacity(hi - lo) }
                for i in lo..<hi {
                    let r = simulator.run(i, observer: &acc)
                    if keepRecords { records.append(r) }
                }
                return (acc, records, false)
            },
            merge: { k, result in
                let chunk = range.lowerBound + k
                if !result.2 { onChunk?(chunk, result.0, result.1) }
                let done = merged.withLock { m in
                    m.accumulator.merge(result.0)
                    m.runs += result.0.runs
                    return m.runs
                }
                progress?(done)
            }, shouldStop: shouldStop)
        return merged.withLock { $0.accumulator }
    }
}

extension Ensemble {
    /// Runs in chunk `chunk` (0 past the last).
    public func runs(inChunk chunk: Int) -> Int { max(0, min(runs, (chunk + 1) * chunkSize) - chunk * chunkSize) }

    /// Why `stored` cannot stand for chunk `chunk` of this ensemble; nil when it can.
    public func misfit(_ stored: EnsembleAccumulator, chunk: Int) -> String? {
        guard (0..<chunkCount).contains(chunk) else { return "this ensemble has chunks 0..<\(chunkCount)" }
        let acc = makeAccumulator()
        return stored.misfit(horizon: acc.horizon, ladderMax: acc.ladderMax, runs: runs(inChunk: chunk))
    }
}

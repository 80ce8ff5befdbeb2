import Dispatch
import StalemateCore
import Synchronization

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
        let shared = Shared(empty: makeAccumulator())
        let work: @Sendable (Int) -> Void = { _ in
            var simulator = Simulator(model, seed: seed)
            while let chunk = shared.claim(limit: chunkCount) {
                var acc = makeAccumulator()
                let lo = firstRun + chunk * chunkSize
                let hi = min(firstRun + runs, lo + chunkSize)
                for i in lo..<hi { _ = simulator.run(i, observer: &acc) }
                let done = shared.complete(chunk: chunk, accumulator: acc, runs: hi - lo)
                progress?(done)
            }
        }
        if threads == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: threads, execute: work)
        }
        return shared.result()
    }
}

/// The state workers share: the next chunk to claim and the ordered merge.
private final class Shared: Sendable {
    struct State {
        var next = 0
        var nextToMerge = 0
        var pending: [Int: EnsembleAccumulator] = [:]
        var merged: EnsembleAccumulator
        var completedRuns = 0
    }
    let state: Mutex<State>

    init(empty: EnsembleAccumulator) { state = Mutex(State(merged: empty)) }

    func claim(limit: Int) -> Int? {
        state.withLock { s in
            guard s.next < limit else { return nil }
            defer { s.next += 1 }
            return s.next
        }
    }

    func complete(chunk: Int, accumulator: sending EnsembleAccumulator, runs: Int) -> Int {
        state.withLock { s in
            s.pending[chunk] = accumulator
            while let ready = s.pending.removeValue(forKey: s.nextToMerge) {
                s.merged.merge(ready)
                s.nextToMerge += 1
            }
            s.completedRuns += runs
            return s.completedRuns
        }
    }

    func result() -> EnsembleAccumulator { state.withLock { $0.merged } }
}

import Dispatch
import StalemateAnalysis
import StalemateCore
import Synchronization

/// Simulates an ensemble of one model and keeps, per run, only what the calibration compares:
/// the duration and the class of the outcome (`WarOutcomeClass(_:)`; a run still at war at the
/// horizon is a stalemate lasting the horizon, i.e. censored).
///
/// Runs `0..<runs` use the engine's per-run streams of `seed` (common random numbers: the
/// same seed gives the same random numbers at every parameter value). Runs are split into
/// `threads` contiguous blocks simulated in parallel; the result does not depend on `threads`.
public enum SimulatedWars {
    /// Simulates runs `firstRun..<firstRun + runs` of `model` and returns them as wars, in run order.
    /// - Precondition: `runs >= 0`, `firstRun >= 0`, `threads >= 1`.
    public static func simulate(
        _ model: CompiledModel, seed: UInt64, runs: Int, firstRun: Int = 0, threads: Int = 1
    ) -> [ObservedWar] {
        precondition(runs >= 0 && firstRun >= 0 && threads >= 1)
        let blocks = max(1, min(threads, runs / 64))
        let results = Mutex([[ObservedWar]](repeating: [], count: blocks))
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            var simulator = Simulator(model, seed: seed)
            let lo = runs * block / blocks
            let hi = runs * (block + 1) / blocks
            var wars: [ObservedWar] = []
            wars.reserveCapacity(hi - lo)
            for index in (firstRun + lo)..<(firstRun + hi) {
                let record = simulator.run(index)
                wars.append(
                    ObservedWar(id: index, durationWeeks: record.duration, outcome: WarOutcomeClass(record.outcome)))
            }
            results.withLock { $0[block] = wars }
        }
        return results.withLock { $0.flatMap { $0 } }
    }
}

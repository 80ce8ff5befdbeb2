import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateScenario
import StalemateStore
import Synchronization

/// Records one command's experiment in the store: begun as `running`, each chunk as it
/// completes, then `complete` with the summary (or `failed`/`interrupted`).
final class StoreRecorder: Sendable {
    let store: Store
    let id: Int64
    /// The first error of a chunk write (worker threads cannot throw); later chunks are skipped.
    private let chunkError = Mutex<String?>(nil)

    init(store: Store, id: Int64) {
        self.store = store
        self.id = id
    }

    /// Starts recording, or returns nil with `--no-store`. `scenario` is the scenario as
    /// loaded (its text is what `resume` reloads); `resolved` the scenario after overrides.
    static func begin<Options: Encodable>(
        _ storage: StoreOptions, kind: ExperimentKind, scenario: Scenario, resolved: Scenario, overrides: [String],
        options: Options, seed: UInt64, runs: Int, threads: Int, chunkSize: Int? = nil
    ) throws -> StoreRecorder? {
        guard let store = try storage.open() else { return nil }
        let parameters: String
        do {
            parameters = try jsonText(Parameters(overrides: overrides, options: options), pretty: false)
        } catch {
            throw fail(error)
        }
        let new = NewExperiment(
            kind: kind, scenarioID: scenario.id, scenarioTitle: scenario.title, scenarioText: scenario.sourceText,
            scenarioHash: scenario.sourceHash, parametersJSON: parameters,
            resolvedScenario: ScenarioWriter.yaml(resolved), seed: seed, runs: runs,
            weeks: resolved.model.horizon, threads: threads, chunkSize: chunkSize,
            programVersion: StalemateVersion.current, commandLine: commandLineText)
        do {
            return StoreRecorder(store: store, id: try store.begin(new))
        } catch {
            throw fail(error)
        }
    }

    /// Starts recording a `RunJob`-based command.
    static func begin<Options: Encodable>(
        _ storage: StoreOptions, kind: ExperimentKind, job: RunJob, base: Scenario, options: Options,
        chunkSize: Int? = nil
    ) throws -> StoreRecorder? {
        try begin(
            storage, kind: kind, scenario: base, resolved: job.scenario, overrides: job.overrides, options: options,
            seed: job.seed, runs: job.runs, threads: job.threads, chunkSize: chunkSize)
    }

    /// The `onChunk` callback of `Ensemble.run`: stores the chunk synchronously.
    func chunkHandler(arm: String) -> @Sendable (Int, EnsembleAccumulator, [RunRecord]) -> Void {
        { [self] chunk, acc, records in
            if chunkError.withLock({ $0 != nil }) { return }
            do {
                try store.saveChunk(
                    experiment: id, arm: arm, chunk: chunk, runs: acc.runs, accumulator: try acc.encoded(),
                    records: records)
            } catch {
                chunkError.withLock { if $0 == nil { $0 = "\(error)" } }
            }
        }
    }

    /// Completes the experiment; returns a message when anything could not be stored (the
    /// command still prints its results, then exits 65).
    func complete(summaryJSON: String, weekly: [WeeklyRow] = [], results: [ResultRow] = []) -> String? {
        if let e = chunkError.withLock({ $0 }) {
            try? store.fail(id, message: e)
            return "results were not fully stored: \(e)"
        }
        do {
            try store.complete(id, summaryJSON: summaryJSON, weekly: weekly, results: results)
            return nil
        } catch {
            try? store.fail(id, message: "\(error)")
            return "\(error)"
        }
    }

    /// Records a failure (best effort) and returns the exit code of `fail`.
    func failed(_ error: Error) -> ExitCode {
        try? store.fail(id, message: "\(error)")
        return fail(error)
    }

    /// Records an interruption with the rows finished so far (best effort).
    func interrupted(results: [ResultRow]) {
        try? store.interrupt(id, results: results)
    }

    /// Tells the user where the record went (on a terminal only: pipes get clean output).
    func announce() {
        guard isatty(STDERR_FILENO) != 0 else { return }
        FileHandle.standardError.write(Data("recorded as experiment \(id) in \(store.path)\n".utf8))
    }
}

/// `parameters_json`: the overrides and the command's other options.
private struct Parameters<O: Encodable>: Encodable {
    var overrides: [String]
    var options: O
}

/// JSON text in the one form of every output (`StableJSON`).
func jsonText<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
    try StableJSON.text(value, pretty: pretty)
}

/// Result rows of encodable values, numbered in order.
func resultRows<T: Encodable>(_ section: String, _ values: [T], name: (T) -> String) -> [ResultRow] {
    values.enumerated().compactMap { i, v in
        guard let json = try? jsonText(v, pretty: false) else { return nil }
        return ResultRow(section: section, index: i, name: name(v), json: json)
    }
}

/// The per-week rows of an arm's merged accumulator (table `weekly`).
func weeklyRows(_ acc: EnsembleAccumulator, arm: String) -> [WeeklyRow] {
    let w = acc.weekly
    return (0..<acc.horizon).map { t in
        WeeklyRow(
            arm: arm, week: t, runs: acc.runs, phases: TalksPhase.allCases.map { w.count(week: t, phase: $0) },
            blockers: Blocker.allCases.map { w.count(week: t, blocker: $0) },
            held: BlockerGroup.allCases.map { w.count(week: t, held: $0) },
            suspendedAfter: Side.allCases.flatMap { s in
                SuspensionCause.allCases.map { w.count(week: t, suspendedBy: s, cause: $0) }
            },
            escalationMean: w.meanLevel(week: t), shareQuantiles: w.shareQuantiles(week: t, WeeklyRow.shareLevels))
    }
}

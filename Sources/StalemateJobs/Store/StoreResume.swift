import Foundation
import StalemateAnalysis
import StalemateScenario
import StalemateStore

/// Finishing an interrupted run experiment: its job comes back from the store, its stored
/// chunks are checked and merged, and only the missing ones are simulated, so the result is
/// byte for byte that of an uninterrupted run.
public struct StoreResume: Sendable {
    /// The job to run again.
    public let spec: JobSpec
    /// The sink that continues the experiment (pass it to `JobRunner.run`).
    public let sink: StoreSink
    /// Runs per chunk the experiment was stored in (the runner must use the same).
    public let chunkSize: Int
    /// Chunks already stored, and in all.
    public let storedChunks: Int
    public let chunks: Int

    /// Claims experiment `id` (it becomes `running`, owned by this process) and prepares its
    /// job. Only run experiments of this program version can be resumed.
    public init(_ id: Int64, store: Store, commandLine: String) throws {
        guard let found = try store.experiment(id) else {
            throw StoreError(
                "there is no experiment \(id) in \(store.path): see `stalemate history --store \(store.path)`")
        }
        guard found.kind == .run else {
            throw JobError(
                "experiment \(found.id) is of kind '\(found.kind.rawValue)': only run experiments can be resumed; run the command again"
                    + (found.kind == .sweep
                        ? " (a sweep resumes from its own file with `stalemate sweep … --resume`)" : ""))
        }
        guard found.programVersion == StalemateVersion.current else {
            throw JobError(
                "experiment \(found.id) was started by stalemate \(found.programVersion), this is \(StalemateVersion.current): resume it with that version, or rerun it"
            )
        }
        let e = try store.claim(found.id)
        do {
            let chunkSize = e.chunkSize ?? JobRunner.defaultChunkSize
            let spec: JobSpec
            if let json = e.jobJSON {
                spec = try JobSpec.decode(json: json)
            } else {
                // Stored before jobs were recorded: the job is the scenario text, overrides, runs and seed.
                spec = .run(
                    RunSpec(
                        scenario: ScenarioInput(name: "", text: e.scenarioText),
                        ensemble: EnsembleSettings(overrides: e.overrides, runs: e.runs, seed: e.seed)))
            }
            guard case .run(var run) = spec else { throw JobError("experiment \(e.id): its stored job is not a run") }
            run.scenario.name = "\(e.scenarioID) (experiment \(e.id))"
            guard SourceHash.hex(run.scenario.text) == e.scenarioHash else {
                throw JobError(
                    "experiment \(e.id): the stored scenario text does not match its hash; the store was edited")
            }
            let chunks = (e.runs + chunkSize - 1) / chunkSize
            var restored: [Int: EnsembleAccumulator] = [:]
            for batch in try StoredBatch.all(of: e, in: store) {
                guard let acc = batch.accumulator else {
                    throw JobError(
                        "experiment \(e.id): stored batch \(batch.chunk) cannot be read (\(batch.decodeError.map { "\($0)" } ?? "")); rerun the command"
                    )
                }
                guard batch.isSound else {
                    throw JobError(
                        "experiment \(e.id): stored batch \(batch.chunk) is inconsistent (\(batch.runs) runs, \(batch.records) run records, \(batch.expected) expected); rerun the command"
                    )
                }
                restored[batch.chunk] = acc
            }
            self.spec = .run(run)
            self.chunkSize = chunkSize
            self.chunks = chunks
            storedChunks = restored.count
            sink = StoreSink(
                store: store, continuing: e.id, kind: .run, restored: RestoredWork(chunks: restored),
                commandLine: commandLine)
        } catch {
            try? store.fail(e.id, message: "\(error)")
            throw error
        }
    }
}

/// The store's health: SQLite's integrity and foreign-key checks, and every stored batch of a
/// chunked experiment against its run records.
public struct StoreCheck: Sendable {
    /// What is wrong, one line each (empty: nothing).
    public let problems: [String]
    /// Batches checked.
    public let batches: Int

    public init(_ store: Store) throws {
        var problems = try store.integrityProblems()
        var batches = 0
        for e in try store.experiments() where StoreSink.chunkedKinds.contains(e.kind) {
            for batch in try StoredBatch.all(of: e, in: store) {
                batches += 1
                if !batch.isSound {
                    problems.append(
                        "experiment \(e.id), batch \(batch.chunk): \(batch.accumulator == nil ? "undecodable, " : "")\(batch.runs) runs, \(batch.records) run records, \(batch.expected) expected"
                    )
                }
            }
        }
        // A comparison keeps each arm's whole tallies in one batch.
        for e in try store.experiments() where e.kind == .compare && e.status == .complete {
            guard let json = e.summaryJSON,
                let c = try? JSONDecoder().decode(Comparison.self, from: Data(json.utf8))
            else { continue }
            for arm in [c.baseline.name] + c.variants.map(\.name) {
                for (chunk, batch) in try store.batches(experiment: e.id, arm: arm) {
                    batches += 1
                    let runs = (try? EnsembleAccumulator.decoded(from: batch.data))?.runs
                    if chunk != 0 || batch.runs != e.runs || runs != e.runs {
                        problems.append(
                            "experiment \(e.id), arm \(arm), batch \(chunk): \(runs.map { "\($0) runs in its tallies" } ?? "undecodable"), \(batch.runs) in its row, \(e.runs) expected"
                        )
                    }
                }
            }
        }
        self.problems = problems
        self.batches = batches
    }
}

/// A stored batch of a chunked experiment's baseline, decoded and set against its run records:
/// what resume merges and check-store checks.
struct StoredBatch {
    let chunk: Int
    /// Runs the batch row says it holds, and run records stored for its chunk.
    let runs: Int
    let records: Int
    /// Runs the chunk must hold (0 or less for a chunk past the experiment's runs).
    let expected: Int
    /// The decoded tallies; nil when they cannot be decoded (`decodeError` says why).
    let accumulator: EnsembleAccumulator?
    let decodeError: (any Error)?
    /// Whether the experiment was collected from a cluster plan's shards: its run records
    /// stayed on the nodes, only the chunks' tallies were stored.
    var collected = false

    /// Whether the batch can be merged: decodable, in range, and its tallies, its row and its
    /// run records (none for a collected job) all count the chunk's runs.
    var isSound: Bool {
        expected > 0 && accumulator?.runs == expected && runs == expected && records == (collected ? 0 : expected)
    }

    /// Whether `e` was recorded by `stalemate collect` (its options name the plan).
    static func isCollected(_ e: ExperimentInfo) -> Bool { e.parametersJSON.contains(#""collected""#) }

    /// Every stored batch of `e`, in chunk order.
    static func all(of e: ExperimentInfo, in store: Store) throws -> [StoredBatch] {
        let chunkSize = e.chunkSize ?? JobRunner.defaultChunkSize
        let counts = try store.runCounts(experiment: e.id, arm: "baseline", chunkSize: chunkSize)
        return try store.batches(experiment: e.id, arm: "baseline").sorted { $0.key < $1.key }.map { chunk, batch in
            var accumulator: EnsembleAccumulator? = nil
            var decodeError: (any Error)? = nil
            do { accumulator = try EnsembleAccumulator.decoded(from: batch.data) } catch { decodeError = error }
            return StoredBatch(
                chunk: chunk, runs: batch.runs, records: counts[chunk] ?? 0,
                expected: min(chunkSize, e.runs - chunk * chunkSize), accumulator: accumulator,
                decodeError: decodeError, collected: isCollected(e))
        }
    }
}

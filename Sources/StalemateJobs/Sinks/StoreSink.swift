import Dispatch
import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateScenario
import StalemateStore
import Synchronization

/// Records a job as an experiment in the store: begun as `running` (with the job's JSON and
/// identity), each ensemble chunk of a resumable job as it finishes, then `complete` with the
/// result's JSON, weekly aggregates and tidy rows, or `interrupted`/`failed`. Fits and
/// analyses are not recorded (the store has no kind for them).
public final class StoreSink: JobSink {
    public let store: Store
    let commandLine: String
    let programVersion: String
    private struct State {
        var id: Int64?
        var kind: ExperimentKind?
        var sweep: SweepJob?
        var restored = RestoredWork()
        /// The first failure to store something; later chunks are skipped.
        var problem: String?
    }
    private let state: Mutex<State>
    /// Chunks are encoded and written on this serial queue, in chunk order, so the
    /// simulation's workers never wait for SQLite; at most `maxPending` chunks wait in it
    /// (memory stays flat when the disk is slower than the simulation).
    private let writer = DispatchQueue(label: "stalemate.store-writer")
    private let pending = DispatchSemaphore(value: StoreSink.maxPending)
    static let maxPending = 32

    /// Settings of the front end recorded beside the job's (e.g. a sweep's result file).
    let extraOptions: [String: String]

    /// - Parameters:
    ///   - commandLine: what started the job, as `history` shows it (a command line, a request).
    ///   - extraOptions: front-end settings to record in `parameters_json` beside the job's.
    public init(
        store: Store, commandLine: String, extraOptions: [String: String] = [:],
        programVersion: String = StalemateVersion.current
    ) {
        self.store = store
        self.commandLine = commandLine
        self.extraOptions = extraOptions
        self.programVersion = programVersion
        state = Mutex(State())
    }

    /// Marks a completed experiment failed after the fact: the front end could not deliver
    /// its results (e.g. a sweep's result file could not be written).
    public func failAfterCompletion(_ message: String) {
        guard let id = experimentID else { return }
        try? store.fail(id, message: message)
    }

    /// A sink that continues experiment `id` (claimed by `StoreResume`) with its stored chunks.
    init(store: Store, continuing id: Int64, kind: ExperimentKind, restored: RestoredWork, commandLine: String) {
        self.store = store
        self.commandLine = commandLine
        extraOptions = [:]
        programVersion = StalemateVersion.current
        state = Mutex(State(id: id, kind: kind, restored: restored))
    }

    /// The experiment's id once begun (nil for jobs the store does not record).
    public var experimentID: Int64? { state.withLock { $0.id } }

    /// What could not be stored, if anything: the results are still good, the record is not.
    public var problem: String? { state.withLock { $0.problem } }

    /// The ensemble kinds whose chunks are stored, so that they can be resumed or exported per run.
    static let chunkedKinds: Set<ExperimentKind> = [.run, .backtest]

    public var wantsRunRecords: Bool { state.withLock { $0.kind.map(Self.chunkedKinds.contains) ?? false } }

    public func begin(_ job: JobContext) throws -> RestoredWork {
        let existing = state.withLock { s -> RestoredWork? in
            s.sweep = job.sweep
            return s.id != nil ? s.restored : nil
        }
        if let existing { return existing }
        guard let kind = ExperimentKind(rawValue: job.spec.kind), let scenario = job.scenario else {
            return RestoredWork()
        }
        let resolved = job.resolved ?? scenario
        let new = NewExperiment(
            kind: kind, scenarioID: scenario.id, scenarioTitle: scenario.title, scenarioText: scenario.sourceText,
            scenarioHash: scenario.sourceHash, parametersJSON: try Self.parameters(job, extra: extraOptions),
            resolvedScenario: ScenarioWriter.yaml(resolved), seed: job.seed, runs: job.runs,
            weeks: resolved.model.horizon, threads: job.threads,
            chunkSize: Self.chunkedKinds.contains(kind) ? job.chunkSize : nil, programVersion: programVersion,
            commandLine: commandLine, jobID: job.identity, jobJSON: try job.spec.canonicalJSON())
        let id = try store.begin(new)
        state.withLock {
            $0.id = id
            $0.kind = kind
        }
        return RestoredWork()
    }

    public func chunk(arm: String, index: Int, accumulator: EnsembleAccumulator, records: [RunRecord]) {
        guard state.withLock({ $0.problem == nil && $0.id != nil }) else { return }
        pending.wait()
        writer.async { [self] in
            defer { pending.signal() }
            guard let id = state.withLock({ $0.problem == nil ? $0.id : nil }) else { return }
            do {
                try store.saveChunk(
                    experiment: id, arm: arm, chunk: index, runs: accumulator.runs,
                    accumulator: try accumulator.encoded(), records: records)
            } catch {
                state.withLock { if $0.problem == nil { $0.problem = "results were not fully stored: \(error)" } }
            }
        }
    }

    /// Waits until every chunk handed to the writer is stored.
    private func drain() { writer.sync {} }

    public func complete(_ result: JobResult) {
        drain()
        guard let id = experimentID else { return }
        if let problem {
            try? store.fail(id, message: problem)
            return
        }
        do {
            // A comparison's arms are not stored chunk by chunk: their whole tallies are, for
            // the report's charts of each arm.
            if case .compare(_, let outcome, let arms) = result {
                for (arm, accumulator) in zip(arms, outcome.accumulators) {
                    try store.saveChunk(
                        experiment: id, arm: arm, chunk: 0, runs: accumulator.runs,
                        accumulator: try accumulator.encoded(), records: [])
                }
            }
            try store.complete(
                id, summaryJSON: try result.json(), weekly: result.weeklyRows, results: result.resultRows)
        } catch {
            try? store.fail(id, message: "\(error)")
            state.withLock { $0.problem = "\(error)" }
        }
    }

    public func stopped(points: [SweepRow]) {
        drain()
        guard let id = experimentID else { return }
        let sweep = state.withLock { $0.sweep }
        let rows = sweep.map { SweepOutput.storedRows(points, job: $0) } ?? []
        try? store.interrupt(id, results: rows)
    }

    public func failed(_ error: any Error) {
        drain()
        guard let id = experimentID else { return }
        try? store.fail(id, message: "\(error)")
    }

    /// `parameters_json`: the overrides and the job's own settings (its JSON without the
    /// scenario and data texts, which have their own columns or are too large to repeat).
    static func parameters(_ job: JobContext, extra: [String: String]) throws -> String {
        let json = try StableJSON.text(job.spec, pretty: false)
        var options: [String: Any] = [:]
        if let inner = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] {
            for (key, value) in inner where !["scenario", "ensemble", "schema", "kind"].contains(key) {
                if var data = value as? [String: Any], data["text"] != nil {
                    data.removeValue(forKey: "text")
                    options[key] = data
                } else {
                    options[key] = value
                }
            }
        }
        for (key, value) in extra { options[key] = value }
        return try parametersJSON(overrides: job.overrides, options: options)
    }

    /// `parameters_json` of any experiment, a job's or an analysis of stored results:
    /// `{"options": …, "overrides": […]}`, keys sorted.
    public static func parametersJSON(overrides: [String], options: [String: Any]) throws -> String {
        let object: [String: Any] = ["overrides": overrides, "options": options]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

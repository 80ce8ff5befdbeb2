import StalemateAnalysis
import StalemateCore
import StalemateScenario

/// A job as the runner is about to execute it: the value, its identity, and what it
/// resolved to, for the sinks that record it.
public struct JobContext: Sendable {
    public let spec: JobSpec
    /// `spec.identity()`.
    public let identity: String
    /// The scenario as loaded (before overrides), when the job has one.
    public let scenario: Scenario?
    /// The scenario after the job's overrides.
    public let resolved: Scenario?
    /// The job's overrides, runs and seed as the store records them.
    public let overrides: [String]
    public let runs: Int
    public let seed: UInt64
    public let threads: Int
    /// Runs per ensemble chunk (the unit a run experiment is stored and resumed by).
    public let chunkSize: Int
    /// A sweep's job (for its checkpoint's header).
    public let sweep: SweepJob?
}

/// Work a sink already holds for a job, which the runner merges instead of recomputing.
public struct RestoredWork: Sendable {
    /// Ensemble chunks by index (a resumed run).
    public var chunks: [Int: EnsembleAccumulator]
    /// Finished sweep points by index (a resumed sweep).
    public var points: [Int: SweepRow]
    /// A comparison's chunks by index (a collected cluster job).
    public var armChunks: [Int: Experiment.Chunk]
    /// A sensitivity analysis's point means by index (a collected cluster job).
    public var outputs: [Int: Double]

    public init(
        chunks: [Int: EnsembleAccumulator] = [:], points: [Int: SweepRow] = [:],
        armChunks: [Int: Experiment.Chunk] = [:], outputs: [Int: Double] = [:]
    ) {
        self.chunks = chunks
        self.points = points
        self.armChunks = armChunks
        self.outputs = outputs
    }

    var isEmpty: Bool { chunks.isEmpty && points.isEmpty && armChunks.isEmpty && outputs.isEmpty }
}

/// Where a job's finished tasks and result go: the store, files, memory. The runner calls
/// `begin` once, then `chunk` or `point` for each finished task in task order, then exactly
/// one of `complete`, `stopped` or `failed`.
public protocol JobSink: AnyObject, Sendable {
    /// Prepares to record `job`; returns work it already holds (resume), if any.
    func begin(_ job: JobContext) throws -> RestoredWork
    /// Whether `chunk` should receive every run's record (costs memory and time).
    var wantsRunRecords: Bool { get }
    /// A finished ensemble chunk of `arm` (run, explain, backtest), in chunk order, called
    /// from a worker thread. It cannot fail the job: a sink remembers its own failure.
    func chunk(arm: String, index: Int, accumulator: EnsembleAccumulator, records: [RunRecord])
    /// A finished sweep point, in point order; a failure stops the job.
    func point(_ row: SweepRow) throws
    /// The job finished with `result`.
    func complete(_ result: JobResult)
    /// The job stopped at the user's request; `points` are the sweep points finished.
    func stopped(points: [SweepRow])
    /// The job failed with `error`.
    func failed(_ error: any Error)
}

extension JobSink {
    public func begin(_ job: JobContext) throws -> RestoredWork { RestoredWork() }
    public var wantsRunRecords: Bool { false }
    public func chunk(arm: String, index: Int, accumulator: EnsembleAccumulator, records: [RunRecord]) {}
    public func point(_ row: SweepRow) throws {}
    public func complete(_ result: JobResult) {}
    public func stopped(points: [SweepRow]) {}
    public func failed(_ error: any Error) {}
}

import StalemateAnalysis
import StalemateCore
import Synchronization

/// Keeps what a job hands its sinks in memory, in the order it arrived: for tests, and for a
/// server that answers from memory.
public final class MemorySink: JobSink {
    /// Everything received, in order.
    public enum Received: Sendable {
        case begun(identity: String)
        case chunk(arm: String, index: Int, runs: Int, records: Int)
        case point(SweepRow)
        case completed
        case stopped(points: Int)
        case failed(String)
    }

    private let log = Mutex<[Received]>([])
    private let keepChunks: Bool

    /// - Parameter chunks: whether to ask for ensemble chunks and their run records.
    public init(chunks: Bool = false) { keepChunks = chunks }

    public var received: [Received] { log.withLock { $0 } }
    public var wantsRunRecords: Bool { keepChunks }

    public func begin(_ job: JobContext) throws -> RestoredWork {
        log.withLock { $0.append(.begun(identity: job.identity)) }
        return RestoredWork()
    }
    public func chunk(arm: String, index: Int, accumulator: EnsembleAccumulator, records: [RunRecord]) {
        log.withLock {
            $0.append(.chunk(arm: arm, index: index, runs: accumulator.runs, records: records.count))
        }
    }
    public func point(_ row: SweepRow) throws { log.withLock { $0.append(.point(row)) } }
    public func complete(_ result: JobResult) { log.withLock { $0.append(.completed) } }
    public func stopped(points: [SweepRow]) { log.withLock { $0.append(.stopped(points: points.count)) } }
    public func failed(_ error: any Error) { log.withLock { $0.append(.failed("\(error)")) } }
}

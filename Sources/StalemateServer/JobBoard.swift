import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateStore
import Synchronization

/// Where a submitted job is.
public enum JobStatus: String, Codable, Sendable {
    case queued, running, complete, failed, cancelled, interrupted

    var finished: Bool { self != .queued && self != .running }
}

/// What `GET /api/jobs/{id}` answers and the event stream sends.
public struct JobState: Codable, Sendable, Equatable {
    public var id: Int
    public var kind: String
    /// The job's identity (SHA-256 of its canonical JSON, docs/jobs.md).
    public var identity: String
    public var status: JobStatus
    /// The stage under way and the runs done of it.
    public var stage: String?
    public var done: Int
    public var total: Int
    public var notes: [String]
    public var error: String?
    /// The experiment that records it in the store, when there is a store.
    public var experiment: Int64?
    public var submittedAt: String
    public var finishedAt: String?
}

/// The server's jobs: a bounded queue, at most `maxRunningJobs` computed at once on
/// dedicated threads (never on the server's event loops), their states, results and
/// listeners. A job stopped by a cancel is `cancelled`; by the server's shutdown,
/// `interrupted` (its experiment in the store too, so `stalemate resume` can finish a run).
final class JobBoard: Sendable {
    private struct Entry {
        var state: JobState
        let spec: JobSpec
        let stop = StopFlag()
        var result: String?
        /// The result itself, for the job's report.
        var output: JobResult?
        var listeners: [Int: AsyncStream<JobState>.Continuation] = [:]
    }

    private struct Board {
        var entries: [Int: Entry] = [:]
        var queue: [Int] = []
        var running = 0
        var nextID = 1
        var nextListener = 1
        var accepting = true
        var finishedOrder: [Int] = []
    }

    private let board = Mutex(Board())
    let options: ServerOptions
    let store: Store?
    private let runner: JobRunner

    init(options: ServerOptions, store: Store?) {
        self.options = options
        self.store = store
        // The dashboard compares every lever change with the same baseline: kept, it is
        // simulated once (an arm of 10,000 runs holds about 2 MB).
        runner = JobRunner(threads: max(1, options.threads), armCache: ArmCache(capacity: 16))
    }

    private static func now() -> String { Date.now.formatted(.iso8601) }

    /// Queues `spec`; throws 429 when the queue is full, 503 once the server is stopping.
    func submit(_ spec: JobSpec, identity: String) throws(APIError) -> JobState {
        let (state, start) = try board.withLock { b throws(APIError) -> (JobState, [Int]) in
            guard b.accepting else { throw APIError(.serviceUnavailable, "the server is shutting down") }
            guard b.queue.count < options.maxQueuedJobs else {
                throw APIError(
                    .tooManyRequests,
                    "\(b.queue.count) jobs are waiting, the most this server queues (--max-queued); try again when one has run",
                    headers: [.retryAfter: "5"])
            }
            let id = b.nextID
            b.nextID += 1
            let state = JobState(
                id: id, kind: spec.kind, identity: identity, status: .queued, stage: nil, done: 0, total: 0, notes: [],
                error: nil, experiment: nil, submittedAt: Self.now(), finishedAt: nil)
            b.entries[id] = Entry(state: state, spec: spec)
            b.queue.append(id)
            return (state, Self.startable(&b, max: options.maxRunningJobs))
        }
        launch(start)
        return state
    }

    /// Takes the jobs that may start now off the queue and marks them running.
    private static func startable(_ b: inout Board, max: Int) -> [Int] {
        var start: [Int] = []
        while b.running < max, !b.queue.isEmpty {
            let id = b.queue.removeFirst()
            b.running += 1
            b.entries[id]?.state.status = .running
            start.append(id)
        }
        return start
    }

    private func launch(_ ids: [Int]) {
        for id in ids {
            publish(id)
            // A thread of its own: a job blocked on a dispatch queue would hold one of the few
            // threads (one per core) that also run Swift's tasks.
            let thread = Thread { self.execute(id) }
            thread.name = "stalemate job \(id)"
            thread.start()
        }
    }

    private func execute(_ id: Int) {
        guard let (spec, stop) = board.withLock({ b in b.entries[id].map { ($0.spec, $0.stop) } }) else { return }
        let sink = store.map { StoreSink(store: $0, commandLine: "stalemate serve: POST /api/jobs (job \(id))") }
        let events: JobEvents = { [weak self] event in
            self?.update(id) { s in
                switch event {
                case .stage(let name, let runs):
                    s.stage = name
                    s.done = 0
                    s.total = runs
                case .progress(let done, let total):
                    s.done = done
                    s.total = total
                case .note(let text):
                    s.notes.append(text)
                }
                if s.experiment == nil { s.experiment = sink?.experimentID }
            }
        }
        var status = JobStatus.complete
        var result: String?
        var output: JobResult?
        var error: String?
        do {
            output = try runner.run(spec, sinks: sink.map { [$0] } ?? [], stop: stop, events: events)
            result = try output?.json()
        } catch is Stopped {
            status = board.withLock { $0.accepting } ? .cancelled : .interrupted
        } catch let e {
            status = .failed
            error = String(describing: e)
        }
        let start = board.withLock { b -> [Int] in
            b.running -= 1
            if var entry = b.entries[id] {
                entry.state.status = status
                entry.state.error = error
                entry.state.finishedAt = Self.now()
                entry.state.experiment = entry.state.experiment ?? sink?.experimentID
                entry.result = result
                entry.output = output
                b.entries[id] = entry
                b.finishedOrder.append(id)
            }
            return b.accepting ? Self.startable(&b, max: options.maxRunningJobs) : []
        }
        publish(id, finished: true)
        evict()
        launch(start)
    }

    private func update(_ id: Int, _ change: (inout JobState) -> Void) {
        let (state, listeners) = board.withLock { b -> (JobState?, [AsyncStream<JobState>.Continuation]) in
            guard b.entries[id] != nil else { return (nil, []) }
            change(&b.entries[id]!.state)
            return (b.entries[id]!.state, Array(b.entries[id]!.listeners.values))
        }
        if let state { for l in listeners { l.yield(state) } }
    }

    /// Sends the job's state to its listeners; a finished job's streams end.
    private func publish(_ id: Int, finished: Bool = false) {
        let (state, listeners) = board.withLock { b -> (JobState?, [AsyncStream<JobState>.Continuation]) in
            guard let entry = b.entries[id] else { return (nil, []) }
            if finished { b.entries[id]!.listeners = [:] }
            return (entry.state, Array(entry.listeners.values))
        }
        guard let state else { return }
        for l in listeners {
            l.yield(state)
            if finished { l.finish() }
        }
    }

    /// Forgets the oldest finished jobs past `keepFinishedJobs` (the store keeps them).
    private func evict() {
        board.withLock { b in
            while b.finishedOrder.count > options.keepFinishedJobs {
                b.entries[b.finishedOrder.removeFirst()] = nil
            }
        }
    }

    func state(_ id: Int) -> JobState? { board.withLock { $0.entries[id]?.state } }

    func states() -> [JobState] { board.withLock { b in b.entries.keys.sorted().compactMap { b.entries[$0]?.state } } }

    /// The result's JSON (the CLI's `--format json` bytes) of a complete job.
    func result(_ id: Int) -> (JobState, String?)? {
        board.withLock { b in b.entries[id].map { ($0.state, $0.result) } }
    }

    /// A complete job's result value and its spec (for its report).
    func output(_ id: Int) -> (JobState, JobResult?, JobSpec)? {
        board.withLock { b in b.entries[id].map { ($0.state, $0.output, $0.spec) } }
    }

    /// Cancels a job: a queued one at once, a running one after the tasks under way.
    func cancel(_ id: Int) -> JobState? {
        let (state, wasQueued) = board.withLock { b -> (JobState?, Bool) in
            guard var entry = b.entries[id] else { return (nil, false) }
            if let k = b.queue.firstIndex(of: id) {
                b.queue.remove(at: k)
                entry.state.status = .cancelled
                entry.state.finishedAt = Self.now()
                b.entries[id] = entry
                b.finishedOrder.append(id)
                return (entry.state, true)
            }
            if entry.state.status == .running { entry.stop.set() }
            return (entry.state, false)
        }
        if wasQueued { publish(id, finished: true) }
        return state
    }

    /// A stream of the job's states: the current one at once, then each change; it ends when
    /// the job finishes (at once for a finished job).
    func updates(_ id: Int) -> AsyncStream<JobState>? {
        let (stream, continuation) = AsyncStream<JobState>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let registered = board.withLock { b -> JobState? in
            guard let entry = b.entries[id] else { return nil }
            if !entry.state.status.finished {
                let key = b.nextListener
                b.nextListener += 1
                b.entries[id]!.listeners[key] = continuation
                continuation.onTermination = { [weak self] _ in
                    _ = self?.board.withLock { $0.entries[id]?.listeners.removeValue(forKey: key) }
                }
            }
            return entry.state
        }
        guard let registered else { return nil }
        continuation.yield(registered)
        if registered.status.finished { continuation.finish() }
        return stream
    }

    /// Stops accepting jobs, cancels the queued ones and stops the running ones after their
    /// tasks under way (they become `interrupted`), and waits until none runs.
    func shutdown() async {
        let queued = board.withLock { b -> [Int] in
            b.accepting = false
            let queued = b.queue
            b.queue = []
            for id in queued {
                b.entries[id]?.state.status = .cancelled
                b.entries[id]?.state.finishedAt = Self.now()
            }
            for entry in b.entries.values where entry.state.status == .running { entry.stop.set() }
            return queued
        }
        for id in queued { publish(id, finished: true) }
        while board.withLock({ $0.running }) > 0 {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

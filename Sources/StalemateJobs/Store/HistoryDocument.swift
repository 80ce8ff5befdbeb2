import StalemateStore

/// `history --format json` (schema `stalemate.history/1`, docs/store.md).
public struct HistoryDocument: Encodable, Sendable {
    public var schema = "stalemate.history/1"
    public var store: String
    public var experiments: [HistoryItem]

    public init(store: String, experiments: [HistoryItem]) {
        self.store = store
        self.experiments = experiments
    }
}

public struct HistoryItem: Encodable, Sendable {
    public var id: Int64
    public var kind, scenario, status, startedAt, programVersion, commandLine: String
    public var endedAt: String?
    public var runs: Int
    public var seed: UInt64
    public var batches: Int
    public var durationSeconds: Double?
    public var job: String?

    public init(_ e: ExperimentInfo) {
        id = e.id
        kind = e.kind.rawValue
        scenario = e.scenarioID
        status = e.status.rawValue
        startedAt = e.startedAt
        programVersion = e.programVersion
        commandLine = e.commandLine
        endedAt = e.endedAt
        runs = e.runs
        seed = e.seed
        batches = e.batches
        durationSeconds = e.duration
        job = e.jobID
    }
}

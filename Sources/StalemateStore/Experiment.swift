import Foundation
import GRDB

/// What kind of command an experiment records.
public enum ExperimentKind: String, CaseIterable, Sendable, Codable {
    case run, compare, sweep, sensitivity, calibrate, explain, backtest, discovery, robust
}

/// The life of an experiment. `interrupted` is also what a `running` experiment whose
/// process has died is shown as (see `ProcessIdentity.isAlive`).
public enum ExperimentStatus: String, CaseIterable, Sendable, Codable {
    case running, complete, interrupted, failed
}

/// The settings of an experiment as it starts.
public struct NewExperiment: Sendable {
    public var kind: ExperimentKind
    public var scenarioID: String
    public var scenarioTitle: String
    /// The scenario's YAML text as loaded (before overrides).
    public var scenarioText: String
    /// SHA-256 of `scenarioText`.
    public var scenarioHash: String
    /// JSON object: `overrides` (the `--set` list, in order) and `options` (the command's other settings).
    public var parametersJSON: String
    /// The scenario after overrides, as YAML (every resolved parameter).
    public var resolvedScenario: String
    public var seed: UInt64
    public var runs: Int
    public var weeks: Int
    public var threads: Int
    /// Runs per stored batch (run experiments only).
    public var chunkSize: Int?
    public var programVersion: String
    public var commandLine: String
    /// The job's identity (SHA-256 of its canonical JSON) and its JSON, when it was run as a job.
    public var jobID: String?
    public var jobJSON: String?

    public init(
        kind: ExperimentKind, scenarioID: String, scenarioTitle: String, scenarioText: String, scenarioHash: String,
        parametersJSON: String, resolvedScenario: String, seed: UInt64, runs: Int, weeks: Int, threads: Int,
        chunkSize: Int? = nil, programVersion: String, commandLine: String, jobID: String? = nil,
        jobJSON: String? = nil
    ) {
        self.jobID = jobID
        self.jobJSON = jobJSON
        self.kind = kind
        self.scenarioID = scenarioID
        self.scenarioTitle = scenarioTitle
        self.scenarioText = scenarioText
        self.scenarioHash = scenarioHash
        self.parametersJSON = parametersJSON
        self.resolvedScenario = resolvedScenario
        self.seed = seed
        self.runs = runs
        self.weeks = weeks
        self.threads = threads
        self.chunkSize = chunkSize
        self.programVersion = programVersion
        self.commandLine = commandLine
    }
}

/// A stored experiment, as `history` and `show` present it.
public struct ExperimentInfo: Sendable, Codable, Equatable {
    /// The schema of `show --format json` (docs/store.md).
    public var schema = "stalemate.experiment/1"
    public var id: Int64
    public var kind: ExperimentKind
    /// The status to present: a `running` experiment whose process is gone is `interrupted`.
    public var status: ExperimentStatus
    /// The status column as stored.
    public var storedStatus: ExperimentStatus
    public var scenarioID: String
    public var scenarioTitle: String
    public var scenarioText: String
    public var scenarioHash: String
    public var parametersJSON: String
    public var resolvedScenario: String
    public var seed: UInt64
    public var runs: Int
    public var weeks: Int
    public var threads: Int
    public var chunkSize: Int?
    public var programVersion: String
    public var commandLine: String
    public var startedAt: String
    public var endedAt: String?
    /// The job's identity and JSON (nil for experiments stored before jobs were recorded).
    public var jobID: String?
    public var jobJSON: String?
    public var pid: Int32?
    public var host: String?
    public var summaryJSON: String?
    public var error: String?
    /// Stored batches and run records (all arms).
    public var batches: Int
    public var runRecords: Int

    /// The `--set` overrides recorded in `parametersJSON`.
    public var overrides: [String] {
        struct P: Decodable { var overrides: [String]? }
        return (try? JSONDecoder().decode(P.self, from: Data(parametersJSON.utf8)))?.overrides ?? []
    }

    /// Seconds from start to end (or to now while running).
    public var duration: TimeInterval? {
        guard let start = Store.date(startedAt) else { return nil }
        let end = endedAt.flatMap(Store.date) ?? (status == .running ? Date() : nil)
        return end.map { $0.timeIntervalSince(start) }
    }

    init(row: Row, batches: Int, runRecords: Int) throws {
        id = row["id"]
        let kindText: String = row["kind"]
        let statusText: String = row["status"]
        guard let kind = ExperimentKind(rawValue: kindText), let stored = ExperimentStatus(rawValue: statusText) else {
            throw StoreError("experiment \(row["id"] as Int64): unknown kind '\(kindText)' or status '\(statusText)'")
        }
        self.kind = kind
        storedStatus = stored
        scenarioID = row["scenario_id"]
        scenarioTitle = row["scenario_title"]
        scenarioText = row["scenario_text"]
        scenarioHash = row["scenario_hash"]
        parametersJSON = row["parameters_json"]
        resolvedScenario = row["resolved_scenario"]
        seed = UInt64(row["seed"] as String) ?? 0
        runs = row["runs"]
        weeks = row["weeks"]
        threads = row["threads"]
        chunkSize = row["chunk_size"]
        programVersion = row["program_version"]
        commandLine = row["command_line"]
        startedAt = row["started_at"]
        jobID = row["job_id"]
        jobJSON = row["job_json"]
        endedAt = row["ended_at"]
        pid = row["pid"]
        host = row["host"]
        summaryJSON = row["summary_json"]
        error = row["error"]
        self.batches = batches
        self.runRecords = runRecords
        status = stored
        if stored == .running, let pid, let host {
            let owner = ProcessIdentity(pid: pid, host: host, token: row["process_token"] ?? "")
            if !owner.isAlive { status = .interrupted }
        }
    }
}

/// Filters of `history`.
public struct ExperimentFilter: Sendable {
    public var scenario: String?
    public var status: ExperimentStatus?
    public var kind: ExperimentKind?
    /// Only experiments of this job (its identity, or a prefix of it).
    public var job: String?
    public var limit: Int?

    public init(
        scenario: String? = nil, status: ExperimentStatus? = nil, kind: ExperimentKind? = nil, job: String? = nil,
        limit: Int? = nil
    ) {
        self.job = job
        self.scenario = scenario
        self.status = status
        self.kind = kind
        self.limit = limit
    }
}

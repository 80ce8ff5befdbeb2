import Foundation
import GRDB
import StalemateCore

/// One week of an arm's per-week aggregates over all runs (table `weekly`).
public struct WeeklyRow: Sendable, Equatable {
    public var arm: String
    public var week: Int
    public var runs: Int
    /// Runs in each talks phase: closed, talks, suspended, ceasefire, ended.
    public var phases: [Int]
    /// Runs in which each `Blocker` was the primary one, in `Blocker` order.
    public var blockers: [Int]
    /// Runs at war in which each coarse blocker held (with or without others): no range,
    /// unwilling, suspended, no meeting.
    public var held: [Int]
    /// Runs with talks suspended by A after an incursion, escalation, shock, then by B.
    public var suspendedAfter: [Int]
    /// Mean escalation level among runs still going; nil when none is.
    public var escalationMean: Double?
    /// A's share quantiles 0.05, 0.25, 0.5, 0.75, 0.95 among runs still going.
    public var shareQuantiles: [Double?]

    public init(
        arm: String, week: Int, runs: Int, phases: [Int], blockers: [Int], held: [Int], suspendedAfter: [Int],
        escalationMean: Double?, shareQuantiles: [Double?]
    ) {
        precondition(
            phases.count == 5 && blockers.count == Blocker.allCases.count && held.count == 4
                && suspendedAfter.count == 6 && shareQuantiles.count == 5)
        self.arm = arm
        self.week = week
        self.runs = runs
        self.phases = phases
        self.blockers = blockers
        self.held = held
        self.suspendedAfter = suspendedAfter
        self.escalationMean = escalationMean
        self.shareQuantiles = shareQuantiles
    }

    /// The quantile levels of `shareQuantiles`.
    public static let shareLevels = [0.05, 0.25, 0.5, 0.75, 0.95]
}

/// One row of a compare, sweep, sensitivity or calibrate result (table `result_row`).
public struct ResultRow: Sendable, Equatable {
    /// What the row is: `difference`, `arm`, `point`, `morris`, `sobol`, `estimate`, `moment`, …
    public var section: String
    public var index: Int
    /// The row's label: a variant, sweep task, parameter or moment.
    public var name: String
    /// The row as a JSON object.
    public var json: String

    /// A row whose JSON is `object` with its keys sorted.
    public init(section: String, index: Int, name: String, object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        self.init(section: section, index: index, name: name, json: String(decoding: data, as: UTF8.self))
    }

    public init(section: String, index: Int, name: String, json: String) {
        self.section = section
        self.index = index
        self.name = name
        self.json = json
    }
}

extension Store {
    /// Stores one finished chunk of an ensemble (its encoded accumulator and its run records)
    /// in one transaction: after a crash a chunk is either wholly stored or absent.
    public func saveChunk(
        experiment id: Int64, arm: String, chunk: Int, runs: Int, accumulator: Data, records: [RunRecord]
    ) throws(StoreError) {
        try write("store a batch in") { db in
            try db.execute(
                sql: """
                    INSERT INTO batch (experiment_id, arm, chunk_index, runs, accumulator, stored_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [id, arm, chunk, runs, accumulator, Self.now()])
            let statement = try db.cachedStatement(sql: Self.insertRunSQL)
            var insert = RunRecordInsert(statement.sqliteStatement, connection: db.sqliteConnection)
            defer { insert.finish() }
            for r in records { try insert.insert(r, experiment: id, arm: arm) }
        }
    }

    /// The stored batches of an arm: chunk index to (runs, encoded accumulator).
    public func batches(experiment id: Int64, arm: String) throws(StoreError) -> [Int: (runs: Int, data: Data)] {
        try read { db in
            var out: [Int: (runs: Int, data: Data)] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT chunk_index, runs, accumulator FROM batch WHERE experiment_id = ? AND arm = ?",
                arguments: [id, arm])
            while let row = try rows.next() { out[row["chunk_index"]] = (row["runs"], row["accumulator"]) }
            return out
        }
    }

    /// Run records stored per chunk of an arm (to check batches against their runs).
    public func runCounts(experiment id: Int64, arm: String, chunkSize: Int) throws(StoreError) -> [Int: Int] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT run_index / ? AS chunk, count(*) AS n FROM run_record
                    WHERE experiment_id = ? AND arm = ? GROUP BY chunk
                    """, arguments: [chunkSize, id, arm])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["chunk"] as Int, $0["n"] as Int) })
        }
    }

    /// The result rows of an experiment, in section and index order.
    public func results(experiment id: Int64) throws(StoreError) -> [ResultRow] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM result_row WHERE experiment_id = ? ORDER BY section, row_index",
                arguments: [id]
            ).map { ResultRow(section: $0["section"], index: $0["row_index"], name: $0["name"], json: $0["json"]) }
        }
    }

    static let runColumns = [
        "experiment_id", "arm", "run_index", "outcome", "duration", "first_talks_week", "weeks_closed", "weeks_talks",
        "weeks_suspended", "weeks_ceasefire", "weeks_ended", "suspensions_a", "suspensions_b",
        "suspensions_incursion", "suspensions_escalation", "suspensions_shock", "first_suspension_week",
        "first_suspension_by", "first_suspension_cause", "first_suspension_length", "agreements", "breakdowns",
        "peak_escalation", "escalations_a", "escalations_b", "cycles", "casualties_a", "casualties_b", "terms",
        "final_share", "blocked_no_range_optimism", "blocked_no_range_humiliation", "blocked_no_range_costs",
        "blocked_unwilling_momentum", "blocked_unwilling_other", "blocked_suspended_by_a", "blocked_suspended_by_b",
        "blocked_no_meeting", "blocked_no_range_commitment", "blocked_no_range_core_demands",
    ]

    static let insertRunSQL =
        "INSERT INTO run_record (\(runColumns.joined(separator: ", "))) VALUES (\(runColumns.map { _ in "?" }.joined(separator: ", ")))"

    /// The values of `insertRunSQL`, in column order, as `DatabaseValue`s (the bulk insert,
    /// `RunRecordInsert`, binds the same row directly; the tests compare the two).
    static func values(of r: RunRecord, experiment id: Int64, arm: String) -> [DatabaseValue] {
        var row = DatabaseValueRow()
        writeRun(r, experiment: id, arm: arm, to: &row)
        return row.values
    }

    /// Writes run record `r`'s row, the columns of `runColumns` in order: the one place that
    /// says which value goes in which column.
    static func writeRun(_ r: RunRecord, experiment id: Int64, arm: String, to row: inout some RunRowWriter) {
        let suspended = r.firstSuspensionWeek >= 0
        row.int(Int(id))
        row.text(arm)
        row.int(r.runIndex)
        row.text(r.outcome.description)
        row.int(r.duration)
        row.optional(r.firstTalksWeek, r.firstTalksWeek >= 0)
        for phase in TalksPhase.allCases { row.int(r.weeks(in: phase)) }
        row.int(r.suspensions.a)
        row.int(r.suspensions.b)
        for cause in SuspensionCause.allCases { row.int(r.suspensions(by: cause)) }
        row.optional(r.firstSuspensionWeek, suspended)
        if suspended { row.text(r.firstSuspensionBy == .a ? "A" : "B") } else { row.null() }
        if suspended { row.text(r.firstSuspensionCause.description) } else { row.null() }
        row.optional(r.firstSuspensionLength, suspended && r.firstSuspensionLength >= 0)
        row.int(r.agreements)
        row.int(r.breakdowns)
        row.int(r.peakEscalation)
        row.int(r.escalations.a)
        row.int(r.escalations.b)
        row.int(r.cycles)
        row.double(r.casualties.a)
        row.double(r.casualties.b)
        if r.terms.isNaN { row.null() } else { row.double(r.terms) }
        row.double(r.finalShare)
        for blocker in Blocker.allCases { row.int(r.weeks(blockedBy: blocker)) }
    }

    static let weeklyColumns = [
        "experiment_id", "arm", "week", "runs", "runs_closed", "runs_talks", "runs_suspended", "runs_ceasefire",
        "runs_ended", "runs_at_war", "blocked_no_range_optimism", "blocked_no_range_humiliation",
        "blocked_no_range_costs", "blocked_unwilling_momentum", "blocked_unwilling_other", "blocked_suspended_by_a",
        "blocked_suspended_by_b", "blocked_no_meeting", "blocked_no_range_commitment", "blocked_no_range_core_demands",
        "suspended_a_incursion", "suspended_a_escalation",
        "suspended_a_shock", "suspended_b_incursion", "suspended_b_escalation", "suspended_b_shock",
        "escalation_mean", "share_q05", "share_q25", "share_q50", "share_q75", "share_q95", "held_no_range",
        "held_unwilling", "held_suspended", "held_no_meeting",
    ]

    static func insert(_ weekly: [WeeklyRow], experiment id: Int64, db: Database) throws {
        guard !weekly.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql:
                "INSERT INTO weekly (\(weeklyColumns.joined(separator: ", "))) VALUES (\(weeklyColumns.map { _ in "?" }.joined(separator: ", ")))"
        )
        for w in weekly {
            var values: [(any DatabaseValueConvertible)?] = [id, w.arm, w.week, w.runs]
            values += w.phases
            values.append(w.phases[0] + w.phases[1] + w.phases[2])
            values += w.blockers
            values += w.suspendedAfter
            values.append(w.escalationMean)
            values += w.shareQuantiles
            values += w.held
            try statement.execute(arguments: StatementArguments(values))
        }
    }

    static func insert(_ results: [ResultRow], experiment id: Int64, db: Database) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO result_row (experiment_id, section, row_index, name, json) VALUES (?, ?, ?, ?, ?)")
        for r in results { try statement.execute(arguments: [id, r.section, r.index, r.name, r.json]) }
    }
}

/// Receives the values of one row, column by column.
protocol RunRowWriter {
    mutating func int(_ x: Int)
    mutating func double(_ x: Double)
    mutating func text(_ s: String)
    mutating func null()
}

extension RunRowWriter {
    mutating func optional(_ x: Int, _ present: Bool) { if present { int(x) } else { null() } }
}

/// A row as `DatabaseValue`s.
struct DatabaseValueRow: RunRowWriter {
    var values: [DatabaseValue] = []

    init() { values.reserveCapacity(40) }

    mutating func int(_ x: Int) { values.append(Int64(x).databaseValue) }
    mutating func double(_ x: Double) { values.append(x.databaseValue) }
    mutating func text(_ s: String) { values.append(s.databaseValue) }
    mutating func null() { values.append(.null) }
}

import Foundation
import GRDB
import Testing

@testable import StalemateCore
@testable import StalemateStore

/// A fresh store path in its own scratch directory.
func scratchStorePath(_ name: String = "store.sqlite") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stalemate-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

func sampleExperiment(kind: ExperimentKind = .run, scenario: String = "kursk-2024") -> NewExperiment {
    NewExperiment(
        kind: kind, scenarioID: scenario, scenarioTitle: "Title", scenarioText: "id: \(scenario)\n",
        scenarioHash: "abc123", parametersJSON: #"{"options":{},"overrides":["weeks=52"]}"#,
        resolvedScenario: "id: \(scenario)\n", seed: UInt64.max, runs: 3, weeks: 52, threads: 2, chunkSize: 2,
        programVersion: "test", commandLine: "stalemate run")
}

func sampleRecord(_ i: Int) -> RunRecord {
    var r = RunRecord()
    r.runIndex = i
    r.outcome = i == 0 ? .settled : .ongoing
    r.duration = 10 + i
    r.firstTalksWeek = i == 0 ? 3 : -1
    r.casualties = SidePair(a: 1.5, b: 2.25)
    r.terms = i == 0 ? 0.4 : .nan
    r.finalShare = 0.7
    return r
}

@Suite("StalemateStore")
struct StoreTests {
    func count(_ store: Store, _ table: String, _ id: Int64) throws -> Int {
        try store.pool.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table) WHERE experiment_id = ?", arguments: [id]) ?? -1
        }
    }

    @Test func migrationsCreateTheSchemaAndReopen() throws {
        let path = try scratchStorePath()
        do {
            let store = try Store(path: path)
            let tables = try store.pool.read {
                try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            }
            #expect(Set(tables).isSuperset(of: ["experiment", "batch", "run_record", "weekly", "result_row"]))
            let mode = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
            #expect(try store.begin(sampleExperiment()) == 1)
        }
        let again = try Store(path: path)
        let applied = try again.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1", "v2", "v3", "v4", "v5"])
        #expect(try again.experiments().count == 1)
        #expect(try again.integrityProblems().isEmpty)
    }

    /// A store written before the `backtest` kind (schema v1) is upgraded in place: its
    /// experiments, batches and ids survive, cascading deletes still work, and a backtest can
    /// be recorded.
    @Test func aVersion1StoreIsUpgradedInPlace() throws {
        let path = try scratchStorePath()
        do {
            let queue = try DatabaseQueue(path: path)
            try Store.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                for id in [7, 8] {
                    try db.execute(
                        sql: """
                            INSERT INTO experiment (id, kind, status, scenario_id, scenario_title, scenario_text,
                              scenario_hash, parameters_json, resolved_scenario, seed, runs, weeks, threads,
                              program_version, command_line, started_at)
                            VALUES (?, 'run', 'complete', 's', 'S', 'text', 'h', '{}', 'yaml', '1', 10, 52, 1,
                              '0.1', 'stalemate run', '2026-01-01T00:00:00Z')
                            """, arguments: [id])
                }
                try db.execute(
                    sql: "INSERT INTO batch VALUES (7, 'baseline', 0, 10, x'0102', '2026-01-01T00:00:00Z')")
                try db.execute(sql: "DELETE FROM experiment WHERE id = 8")
            }
        }
        let store = try Store(path: path)
        let applied = try store.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1", "v2", "v3", "v4", "v5"])
        #expect(try store.experiments().map(\.id) == [7])
        #expect(try count(store, "batch", 7) == 1)
        #expect(try store.begin(sampleExperiment(kind: .backtest)) == 9)  // ids are never reused
        #expect(try store.integrityProblems().isEmpty)
        let violations = try store.pool.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
        #expect(violations.isEmpty)
        try store.pool.write { try $0.execute(sql: "DELETE FROM experiment WHERE id = 7") }
        #expect(try count(store, "batch", 7) == 0)
    }

    /// The bulk insert binds values itself: they must be those of `Store.values`, column
    /// by column, for records with every optional field present and absent.
    @Test func storedRunRecordsHoldTheirArguments() throws {
        let store = try Store(path: try scratchStorePath())
        let id = try store.begin(sampleExperiment())
        var suspended = sampleRecord(2)
        suspended.firstSuspensionWeek = 5
        suspended.firstSuspensionBy = .b
        suspended.firstSuspensionCause = .escalation
        suspended.firstSuspensionLength = 3
        // Distinct values, so that two columns bound in each other's place are caught.
        suspended.suspensions = SidePair(a: 7, b: 8)
        for _ in 0..<9 { suspended.addSuspension(cause: .escalation) }
        suspended.escalations = SidePair(a: 4, b: 5)
        suspended.peakEscalation = 3
        suspended.cycles = 6
        suspended.agreements = 1
        suspended.breakdowns = 2
        for _ in 0..<11 { suspended.addWeek(in: .suspended) }
        for _ in 0..<12 { suspended.addWeek(blockedBy: .suspendedByB) }
        var unresumed = suspended
        unresumed.runIndex = 3
        unresumed.firstSuspensionLength = -1
        let records = [sampleRecord(0), sampleRecord(1), suspended, unresumed]
        try store.saveChunk(
            experiment: id, arm: "variant 1", chunk: 0, runs: records.count, accumulator: Data([1]), records: records)
        let stored = try store.pool.read {
            try Row.fetchAll(
                $0, sql: "SELECT \(Store.runColumns.joined(separator: ", ")) FROM run_record ORDER BY run_index")
        }
        #expect(stored.count == records.count)
        for (row, record) in zip(stored, records) {
            let expected = Store.values(of: record, experiment: id, arm: "variant 1")
            let values = Array(row.databaseValues)
            #expect(values.count == Store.runColumns.count)
            for (k, column) in Store.runColumns.enumerated() {
                #expect(values[k] == expected[k], "run \(record.runIndex), column \(column)")
            }
        }
    }

    @Test func roundTripOfAnExperiment() throws {
        let store = try Store(path: try scratchStorePath())
        let id = try store.begin(sampleExperiment())
        let blob = Data([1, 2, 3, 0, 255])
        try store.saveChunk(
            experiment: id, arm: "baseline", chunk: 0, runs: 2, accumulator: blob,
            records: [sampleRecord(0), sampleRecord(1)])
        try store.saveChunk(
            experiment: id, arm: "baseline", chunk: 1, runs: 1, accumulator: blob, records: [sampleRecord(2)])
        var e = try #require(try store.experiment(id))
        #expect(e.status == .running && e.seed == UInt64.max && e.overrides == ["weeks=52"])
        #expect(e.batches == 2 && e.runRecords == 3)
        let batches = try store.batches(experiment: id, arm: "baseline")
        #expect(batches[0]?.data == blob && batches[1]?.runs == 1)
        #expect(try store.runCounts(experiment: id, arm: "baseline", chunkSize: 2) == [0: 2, 1: 1])

        let runs = try store.runsTable(experiment: id)
        #expect(runs.rows.count == 3)
        let col = { (name: String) in runs.columns.firstIndex(of: name)! }
        #expect(runs.rows[0][col("outcome")] == .text("settled"))
        #expect(runs.rows[0][col("terms")] == .real(0.4))
        #expect(runs.rows[1][col("terms")] == .null)
        #expect(runs.rows[1][col("first_talks_week")] == .null)
        #expect(runs.rows[2][col("casualties_b")] == .real(2.25))
        #expect(runs.csv().split(separator: "\n").count == 4)

        let week = WeeklyRow(
            arm: "baseline", week: 0, runs: 3, phases: [0, 1, 2, 0, 0], blockers: [0, 0, 0, 0, 1, 0, 2, 0, 0, 0],
            held: [1, 2, 2, 0], suspendedAfter: [0, 0, 0, 2, 0, 0], escalationMean: 0.5,
            shareQuantiles: [0.1, 0.2, 0.3, 0.4, nil])
        try store.complete(
            id, summaryJSON: #"{"a": 1}"#, weekly: [week],
            results: [ResultRow(section: "point", index: 0, name: "p0", json: #"{"x": [1, 2.5], "y": {"z": "t"}}"#)])
        e = try #require(try store.experiment(id))
        #expect(e.status == .complete && e.summaryJSON == #"{"a": 1}"# && e.endedAt != nil)
        let weekly = try store.weeklyTable(experiment: id)
        #expect(weekly.rows.count == 1)
        #expect(weekly.rows[0][weekly.columns.firstIndex(of: "runs_at_war")!] == .integer(3))
        #expect(weekly.rows[0][weekly.columns.firstIndex(of: "share_q95")!] == .null)
        #expect(weekly.rows[0][weekly.columns.firstIndex(of: "held_suspended")!] == .integer(2))
        let rows = try store.resultsTable(experiment: id)
        #expect(rows.columns == ["experiment_id", "section", "row_index", "name", "x_lower", "x_upper", "y.z"])
        #expect(rows.rows[0][5] == .real(2.5))

        #expect(try store.experiments(.init(status: .complete)).map(\.id) == [id])
        #expect(try store.experiments(.init(scenario: "other")).isEmpty)
        #expect(try store.experiments(.init(kind: .compare)).isEmpty)
        #expect(throws: StoreError.self) { try store.claim(id) }
    }

    @Test func removingAnExperimentRemovesAllItsRows() throws {
        let store = try Store(path: try scratchStorePath())
        let keep = try store.begin(sampleExperiment())
        let id = try store.begin(sampleExperiment())
        for e in [keep, id] {
            try store.saveChunk(
                experiment: e, arm: "baseline", chunk: 0, runs: 2, accumulator: Data([1]),
                records: [sampleRecord(0), sampleRecord(1)])
            let week = WeeklyRow(
                arm: "baseline", week: 0, runs: 2, phases: [2, 0, 0, 0, 0], blockers: [0, 0, 0, 0, 2, 0, 0, 0, 0, 0],
                held: [0, 2, 0, 0], suspendedAfter: [0, 0, 0, 0, 0, 0], escalationMean: nil,
                shareQuantiles: [nil, nil, nil, nil, nil])
            try store.complete(
                e, summaryJSON: "{}", weekly: [week],
                results: [ResultRow(section: "s", index: 0, name: "n", json: "{}")])
        }
        #expect(try store.delete(id))
        #expect(try !store.delete(id))
        for table in ["batch", "run_record", "weekly", "result_row"] {
            #expect(try count(store, table, id) == 0, "\(table)")
            #expect(try count(store, table, keep) > 0, "\(table)")
        }
        #expect(try store.experiment(id) == nil)
        #expect(try store.integrityProblems().isEmpty)
    }

    @Test func aRunningExperimentWhoseProcessIsGoneIsInterrupted() throws {
        let store = try Store(path: try scratchStorePath())
        let id = try store.begin(sampleExperiment())
        #expect(try store.experiment(id)?.status == .running)  // this process is alive
        // A process that has exited and been reaped.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exit 0"]
        try p.run()
        p.waitUntilExit()
        try store.pool.write {
            try $0.execute(
                sql: "UPDATE experiment SET pid = ? WHERE id = ?", arguments: [Int(p.processIdentifier), id])
        }
        let e = try #require(try store.experiment(id))
        #expect(e.status == .interrupted && e.storedStatus == .running)
        #expect(try store.experiments(.init(status: .interrupted)).map(\.id) == [id])
        #expect(try store.experiments(.init(status: .running)).isEmpty)
        #expect(store.markDeadAsInterrupted() == 1)
        #expect(try store.experiment(id)?.storedStatus == .interrupted)
        // resume takes it over atomically, once
        #expect(try store.claim(id).status == .running)
        #expect(throws: StoreError.self) { try store.claim(id) }
        // A reused pid (same id, different start token) is not the owner either.
        try store.pool.write {
            try $0.execute(
                sql: "UPDATE experiment SET pid = ?, process_token = 'x/1' WHERE id = ?",
                arguments: [Int(getpid()), id])
        }
        #expect(
            try store.experiment(id)?.status == (ProcessIdentity.token(of: getpid()) == nil ? .running : .interrupted))
    }

    @Test func badPathsAreClearErrorsAndNothingIsDeleted() throws {
        let text = try scratchStorePath("notes.csv")
        try "a,b\n1,2\n".write(toFile: text, atomically: true, encoding: .utf8)
        #expect {
            try Store(path: text)
        } throws: { ($0 as? StoreError)?.description.contains("not a stalemate store") == true }
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "a,b\n1,2\n")

        let dir = URL(fileURLWithPath: text).deletingLastPathComponent().path
        #expect(throws: StoreError.self) { try Store(path: dir) }
        #expect(throws: StoreError.self) { try Store(path: dir + "/missing/dir/store.sqlite") }
        #expect(throws: StoreError.self) { try Store(path: "/proc/stalemate-store.sqlite") }

        // A store with its header overwritten (corrupt) is refused and left as it is.
        let good = try scratchStorePath()
        _ = try Store(path: good).begin(sampleExperiment())
        var bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        bytes.replaceSubrange(0..<16, with: Data(repeating: 0x41, count: 16))
        try bytes.write(to: URL(fileURLWithPath: good))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: good + suffix) }
        #expect(throws: StoreError.self) { try Store(path: good) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: good)) == bytes)
    }

    @Test func concurrentWritersFromManyThreadsAllSucceed() async throws {
        let path = try scratchStorePath()
        _ = try Store(path: path)
        // Separate Store instances act like separate processes (separate connections).
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let store = try Store(path: path)
                    let id = try store.begin(sampleExperiment())
                    for c in 0..<10 {
                        try store.saveChunk(
                            experiment: id, arm: "baseline", chunk: c, runs: 1, accumulator: Data([1]),
                            records: [sampleRecord(c)])
                    }
                    try store.complete(id, summaryJSON: "{}")
                }
            }
            try await group.waitForAll()
        }
        let store = try Store(path: path)
        #expect(try store.experiments(.init(status: .complete)).count == 4)
        #expect(try store.experiments().allSatisfy { $0.batches == 10 })
    }
}

import Foundation
import GRDB

extension Store {
    /// Records a new experiment as `running`, owned by this process; returns its id.
    public func begin(_ e: NewExperiment) throws(StoreError) -> Int64 {
        let me = ProcessIdentity.current
        return try write("record an experiment in") { db in
            try db.execute(
                sql: """
                    INSERT INTO experiment (kind, status, scenario_id, scenario_title, scenario_text, scenario_hash,
                        parameters_json, resolved_scenario, seed, runs, weeks, threads, chunk_size, program_version,
                        command_line, started_at, pid, host, process_token, job_id, job_json)
                    VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    e.kind.rawValue, e.scenarioID, e.scenarioTitle, e.scenarioText, e.scenarioHash, e.parametersJSON,
                    e.resolvedScenario, String(e.seed), e.runs, e.weeks, e.threads, e.chunkSize, e.programVersion,
                    e.commandLine, Self.now(), Int(me.pid), me.host, me.token, e.jobID, e.jobJSON,
                ])
            return db.lastInsertedRowID
        }
    }

    /// Marks the experiment complete with its final output (`summaryJSON`), its weekly
    /// aggregates and result rows, all in one transaction.
    public func complete(
        _ id: Int64, summaryJSON: String, weekly: [WeeklyRow] = [], results: [ResultRow] = []
    ) throws(StoreError) {
        try write("complete the experiment in") { db in
            try db.execute(
                sql:
                    "UPDATE experiment SET status = 'complete', ended_at = ?, summary_json = ?, error = NULL WHERE id = ?",
                arguments: [Self.now(), summaryJSON, id])
            guard db.changesCount == 1 else { throw StoreError("experiment \(id) was removed while it ran") }
            try db.execute(sql: "DELETE FROM weekly WHERE experiment_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM result_row WHERE experiment_id = ?", arguments: [id])
            try Self.insert(weekly, experiment: id, db: db)
            try Self.insert(results, experiment: id, db: db)
        }
    }

    /// Marks the experiment `failed` with `message`, keeping what it stored.
    public func fail(_ id: Int64, message: String) throws(StoreError) {
        try write("record the failure in") { db in
            try db.execute(
                sql: "UPDATE experiment SET status = 'failed', ended_at = ?, error = ? WHERE id = ?",
                arguments: [Self.now(), message, id])
        }
    }

    /// Marks the experiment `interrupted` (e.g. after Ctrl-C), keeping what it stored and
    /// adding the result rows finished so far.
    public func interrupt(_ id: Int64, results: [ResultRow] = []) throws(StoreError) {
        try write("record the interruption in") { db in
            try db.execute(
                sql: "UPDATE experiment SET status = 'interrupted', ended_at = ? WHERE id = ?",
                arguments: [Self.now(), id])
            try db.execute(sql: "DELETE FROM result_row WHERE experiment_id = ?", arguments: [id])
            try Self.insert(results, experiment: id, db: db)
        }
    }

    /// Takes over an interrupted or failed experiment for `resume`: it becomes `running`,
    /// owned by this process. Atomic, so two resumes of the same experiment cannot both run.
    public func claim(_ id: Int64) throws(StoreError) -> ExperimentInfo {
        let me = ProcessIdentity.current
        return try write("resume the experiment in") { db in
            guard let info = try Self.experiment(id, db: db) else {
                throw StoreError("there is no experiment \(id) in \(path): see `stalemate history --store \(path)`")
            }
            switch info.status {
            case .complete:
                throw StoreError(
                    "experiment \(id) is already complete: see `stalemate show \(id)`; rerun the command for a new one")
            case .running:
                throw StoreError(
                    "experiment \(id) is still running (pid \(info.pid.map(String.init) ?? "?") on \(info.host ?? "?")): wait for it, or stop it first"
                )
            case .interrupted, .failed:
                break
            }
            try db.execute(
                sql: """
                    UPDATE experiment SET status = 'running', ended_at = NULL, error = NULL, pid = ?, host = ?,
                        process_token = ? WHERE id = ?
                    """, arguments: [Int(me.pid), me.host, me.token, id])
            var claimed = info
            claimed.status = .running
            claimed.storedStatus = .running
            return claimed
        }
    }

    /// Persists `interrupted` for every `running` experiment whose process is gone, so plain
    /// SQL sees it too. Best effort: a read-only store is left as it is.
    @discardableResult
    public func markDeadAsInterrupted() -> Int {
        (try? pool.write { db -> Int in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, pid, host, process_token FROM experiment WHERE status = 'running'")
            var n = 0
            for row in rows {
                guard let pid: Int32 = row["pid"], let host: String = row["host"] else { continue }
                let token: String = row["process_token"] ?? ""
                guard !ProcessIdentity(pid: pid, host: host, token: token).isAlive else { continue }
                try db.execute(
                    sql: """
                        UPDATE experiment SET status = 'interrupted'
                        WHERE id = ? AND status = 'running' AND pid = ? AND host = ? AND process_token IS ?
                        """, arguments: [row["id"] as Int64, Int(pid), host, row["process_token"] as String?])
                n += db.changesCount
            }
            return n
        }) ?? 0
    }

    /// One experiment, or nil.
    public func experiment(_ id: Int64) throws(StoreError) -> ExperimentInfo? {
        try read { db in try Self.experiment(id, db: db) }
    }

    static func experiment(_ id: Int64, db: Database) throws -> ExperimentInfo? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM experiment WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let batches = try Int.fetchOne(db, sql: "SELECT count(*) FROM batch WHERE experiment_id = ?", arguments: [id])
        let records = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM run_record WHERE experiment_id = ?", arguments: [id])
        return try ExperimentInfo(row: row, batches: batches ?? 0, runRecords: records ?? 0)
    }

    /// Experiments matching `filter`, newest first (the status filter applies to the
    /// presented status, so `interrupted` finds dead `running` ones).
    public func experiments(_ filter: ExperimentFilter = .init()) throws(StoreError) -> [ExperimentInfo] {
        try read { db in
            var sql =
                "SELECT e.*, (SELECT count(*) FROM batch b WHERE b.experiment_id = e.id) AS n_batches FROM experiment e"
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let s = filter.scenario {
                conditions.append("(e.scenario_id = ? OR e.scenario_hash LIKE ?)")
                arguments += [s, s + "%"]
            }
            if let j = filter.job {
                conditions.append("e.job_id LIKE ?")
                arguments.append(j + "%")
            }
            if let k = filter.kind {
                conditions.append("e.kind = ?")
                arguments.append(k.rawValue)
            }
            if let st = filter.status {
                // Dead `running` rows present as interrupted; filter those in memory.
                conditions.append(st == .interrupted ? "e.status IN ('interrupted', 'running')" : "e.status = ?")
                if st != .interrupted { arguments.append(st.rawValue) }
            }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY e.id DESC"
            var out: [ExperimentInfo] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try cursor.next() {
                let info = try ExperimentInfo(row: row, batches: row["n_batches"], runRecords: 0)
                if let st = filter.status, info.status != st { continue }
                out.append(info)
                if let limit = filter.limit, out.count >= limit { break }
            }
            return out
        }
    }

    /// Deletes an experiment and, by cascade, its batches, runs, weekly and result rows.
    /// Returns false when there is no such experiment.
    @discardableResult
    public func delete(_ id: Int64) throws(StoreError) -> Bool {
        try write("delete from") { db in
            try db.execute(sql: "DELETE FROM experiment WHERE id = ?", arguments: [id])
            return db.changesCount == 1
        }
    }
}

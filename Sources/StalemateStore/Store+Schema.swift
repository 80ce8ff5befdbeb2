import GRDB

extension Store {
    /// The schema, created and upgraded by GRDB migrations. Never edit a shipped migration:
    /// add `v2`, `v3`, … (docs/store.md documents every table and column).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE experiment (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (kind IN ('run','compare','sweep','sensitivity','calibrate','explain')),
                        status TEXT NOT NULL CHECK (status IN ('running','complete','interrupted','failed')),
                        scenario_id TEXT NOT NULL,
                        scenario_title TEXT NOT NULL,
                        scenario_text TEXT NOT NULL,
                        scenario_hash TEXT NOT NULL,
                        parameters_json TEXT NOT NULL,
                        resolved_scenario TEXT NOT NULL,
                        seed TEXT NOT NULL,
                        runs INTEGER NOT NULL,
                        weeks INTEGER NOT NULL,
                        threads INTEGER NOT NULL,
                        chunk_size INTEGER,
                        program_version TEXT NOT NULL,
                        command_line TEXT NOT NULL,
                        started_at TEXT NOT NULL,
                        ended_at TEXT,
                        pid INTEGER,
                        host TEXT,
                        process_token TEXT,
                        summary_json TEXT,
                        error TEXT
                    );
                    CREATE INDEX experiment_scenario ON experiment(scenario_id);
                    CREATE INDEX experiment_status ON experiment(status);

                    CREATE TABLE batch (
                        experiment_id INTEGER NOT NULL REFERENCES experiment(id) ON DELETE CASCADE,
                        arm TEXT NOT NULL,
                        chunk_index INTEGER NOT NULL,
                        runs INTEGER NOT NULL,
                        accumulator BLOB NOT NULL,
                        stored_at TEXT NOT NULL,
                        PRIMARY KEY (experiment_id, arm, chunk_index)
                    ) WITHOUT ROWID;

                    CREATE TABLE run_record (
                        experiment_id INTEGER NOT NULL REFERENCES experiment(id) ON DELETE CASCADE,
                        arm TEXT NOT NULL,
                        run_index INTEGER NOT NULL,
                        outcome TEXT NOT NULL,
                        duration INTEGER NOT NULL,
                        first_talks_week INTEGER,
                        weeks_closed INTEGER NOT NULL,
                        weeks_talks INTEGER NOT NULL,
                        weeks_suspended INTEGER NOT NULL,
                        weeks_ceasefire INTEGER NOT NULL,
                        weeks_ended INTEGER NOT NULL,
                        suspensions_a INTEGER NOT NULL,
                        suspensions_b INTEGER NOT NULL,
                        suspensions_incursion INTEGER NOT NULL,
                        suspensions_escalation INTEGER NOT NULL,
                        suspensions_shock INTEGER NOT NULL,
                        first_suspension_week INTEGER,
                        first_suspension_by TEXT,
                        first_suspension_cause TEXT,
                        first_suspension_length INTEGER,
                        agreements INTEGER NOT NULL,
                        breakdowns INTEGER NOT NULL,
                        peak_escalation INTEGER NOT NULL,
                        escalations_a INTEGER NOT NULL,
                        escalations_b INTEGER NOT NULL,
                        cycles INTEGER NOT NULL,
                        casualties_a REAL NOT NULL,
                        casualties_b REAL NOT NULL,
                        terms REAL,
                        final_share REAL NOT NULL,
                        blocked_no_range_optimism INTEGER NOT NULL,
                        blocked_no_range_humiliation INTEGER NOT NULL,
                        blocked_no_range_costs INTEGER NOT NULL,
                        blocked_unwilling_momentum INTEGER NOT NULL,
                        blocked_unwilling_other INTEGER NOT NULL,
                        blocked_suspended_by_a INTEGER NOT NULL,
                        blocked_suspended_by_b INTEGER NOT NULL,
                        blocked_no_meeting INTEGER NOT NULL,
                        PRIMARY KEY (experiment_id, arm, run_index)
                    ) WITHOUT ROWID;

                    CREATE TABLE weekly (
                        experiment_id INTEGER NOT NULL REFERENCES experiment(id) ON DELETE CASCADE,
                        arm TEXT NOT NULL,
                        week INTEGER NOT NULL,
                        runs INTEGER NOT NULL,
                        runs_closed INTEGER NOT NULL,
                        runs_talks INTEGER NOT NULL,
                        runs_suspended INTEGER NOT NULL,
                        runs_ceasefire INTEGER NOT NULL,
                        runs_ended INTEGER NOT NULL,
                        runs_at_war INTEGER NOT NULL,
                        blocked_no_range_optimism INTEGER NOT NULL,
                        blocked_no_range_humiliation INTEGER NOT NULL,
                        blocked_no_range_costs INTEGER NOT NULL,
                        blocked_unwilling_momentum INTEGER NOT NULL,
                        blocked_unwilling_other INTEGER NOT NULL,
                        blocked_suspended_by_a INTEGER NOT NULL,
                        blocked_suspended_by_b INTEGER NOT NULL,
                        blocked_no_meeting INTEGER NOT NULL,
                        suspended_a_incursion INTEGER NOT NULL,
                        suspended_a_escalation INTEGER NOT NULL,
                        suspended_a_shock INTEGER NOT NULL,
                        suspended_b_incursion INTEGER NOT NULL,
                        suspended_b_escalation INTEGER NOT NULL,
                        suspended_b_shock INTEGER NOT NULL,
                        escalation_mean REAL,
                        share_q05 REAL,
                        share_q25 REAL,
                        share_q50 REAL,
                        share_q75 REAL,
                        share_q95 REAL,
                        PRIMARY KEY (experiment_id, arm, week)
                    ) WITHOUT ROWID;

                    CREATE TABLE result_row (
                        experiment_id INTEGER NOT NULL REFERENCES experiment(id) ON DELETE CASCADE,
                        section TEXT NOT NULL,
                        row_index INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        json TEXT NOT NULL,
                        PRIMARY KEY (experiment_id, section, row_index)
                    ) WITHOUT ROWID;
                    """)
        }
        // v2: the `backtest` kind. SQLite cannot change a CHECK constraint in place, so the
        // table is rebuilt as its documentation prescribes (sqlite.org/lang_altertable.html,
        // "other kinds of table schema changes"); GRDB runs migrations with foreign keys off.
        migrator.registerMigration("v2") { db in
            try widenKinds(
                db, from: "'run','compare','sweep','sensitivity','calibrate','explain'",
                to: "'run','compare','sweep','sensitivity','calibrate','explain','backtest'",
                indexes: ["experiment_scenario ON experiment(scenario_id)", "experiment_status ON experiment(status)"])
        }
        // v3: the blockers `noRange.commitment` and `noRange.coreDemands` (model v2), and per
        // week every coarse blocker that held (NULL in rows stored before v3).
        migrator.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    ALTER TABLE run_record ADD COLUMN blocked_no_range_commitment INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE run_record ADD COLUMN blocked_no_range_core_demands INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE weekly ADD COLUMN blocked_no_range_commitment INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE weekly ADD COLUMN blocked_no_range_core_demands INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE weekly ADD COLUMN held_no_range INTEGER;
                    ALTER TABLE weekly ADD COLUMN held_unwilling INTEGER;
                    ALTER TABLE weekly ADD COLUMN held_suspended INTEGER;
                    ALTER TABLE weekly ADD COLUMN held_no_meeting INTEGER;
                    """)
        }
        // v4: the job each experiment ran (its canonical JSON and identity), so a resumed job,
        // a server request and a cluster task can be matched to what is stored (NULL before v4).
        migrator.registerMigration("v4") { db in
            try db.execute(
                sql: """
                    ALTER TABLE experiment ADD COLUMN job_id TEXT;
                    ALTER TABLE experiment ADD COLUMN job_json TEXT;
                    CREATE INDEX experiment_job ON experiment(job_id);
                    """)
        }
        // v5: the `discovery` and `robust` kinds (scenario discovery and robust levers), the
        // table rebuilt as in v2.
        migrator.registerMigration("v5") { db in
            try widenKinds(
                db, from: "'run','compare','sweep','sensitivity','calibrate','explain','backtest'",
                to: "'run','compare','sweep','sensitivity','calibrate','explain','backtest','discovery','robust'",
                indexes: [
                    "experiment_scenario ON experiment(scenario_id)", "experiment_status ON experiment(status)",
                    "experiment_job ON experiment(job_id)",
                ])
        }
        return migrator
    }

    /// Rebuilds the experiment table with the kinds `after` allowed instead of `before`, its
    /// rows, `indexes` and id sequence kept (sqlite.org/lang_altertable.html).
    static func widenKinds(_ db: Database, from before: String, to after: String, indexes: [String]) throws {
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'experiment'")
        guard
            let create = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'experiment'"),
            create.contains("kind IN (\(before))")
        else { throw StoreError("the experiment table does not allow the kinds \(before), as it should here") }
        // SQLite keeps the name quoted after a rename (so from v2 on).
        try db.execute(
            sql: create.replacingOccurrences(of: "kind IN (\(before))", with: "kind IN (\(after))")
                .replacingOccurrences(of: "CREATE TABLE \"experiment\"", with: "CREATE TABLE experiment_new")
                .replacingOccurrences(of: "CREATE TABLE experiment ", with: "CREATE TABLE experiment_new "))
        try db.execute(sql: "INSERT INTO experiment_new SELECT * FROM experiment")
        try db.execute(sql: "DROP TABLE experiment")
        try db.execute(sql: "ALTER TABLE experiment_new RENAME TO experiment")
        for index in indexes { try db.execute(sql: "CREATE INDEX \(index)") }
        if let sequence {
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'experiment'", arguments: [sequence])
        }
    }
}

import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateStore

extension ExperimentKind: ExpressibleByArgument {}
extension ExperimentStatus: ExpressibleByArgument {}

/// Parses an experiment id (a positive integer).
struct ExperimentID: ExpressibleByArgument {
    let value: Int64
    init?(argument: String) {
        guard let v = Int64(argument), v > 0 else { return nil }
        value = v
    }
}

/// Loads experiment `id` or fails with a message that says where to look.
func loadExperiment(_ id: Int64, from store: Store) throws -> ExperimentInfo {
    let found: ExperimentInfo?
    found = try store.experiment(id)
    guard let info = found else {
        throw Message("there is no experiment \(id) in \(store.path): see `stalemate history --store \(store.path)`")
    }
    return info
}

func formatDuration(_ seconds: TimeInterval?) -> String {
    guard let s = seconds else { return "" }
    if s < 60 { return String(format: "%.1fs", s) }
    if s < 3600 { return String(format: "%dm%02ds", Int(s) / 60, Int(s) % 60) }
    return String(format: "%dh%02dm", Int(s) / 3600, (Int(s) % 3600) / 60)
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the experiments recorded in the store, newest first.")

    @OptionGroup var location: StoreLocation

    @Option(help: "Only this scenario (its id, or a prefix of its hash).")
    var scenario: String?

    @Option(help: "Only this status: running, complete, interrupted or failed.")
    var status: ExperimentStatus?

    @Option(help: "Only this kind: run, compare, sweep, sensitivity, calibrate, explain or backtest.")
    var kind: ExperimentKind?

    @Option(help: "At most this many experiments.")
    var limit: Int?

    /// table, or json (schema stalemate.history/1).
    @OptionGroup var out: OutputOptions

    @Option(help: "Only the experiments of this job (its identity, or a prefix of it; `stalemate show ID` prints it).")
    var job: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (got \(limit))") }
        try out.require([.table, .json], command: "history")
    }

    func run() throws {
        let store = try location.openExisting()
        store.markDeadAsInterrupted()
        let list: [ExperimentInfo]
        list = try store.experiments(.init(scenario: scenario, status: status, kind: kind, job: job, limit: limit))
        if out.format == .json {
            try out.emit(
                try StableJSON.text(HistoryDocument(store: store.path, experiments: list.map(HistoryItem.init)))
                    .withNewline)
            return
        }
        if list.isEmpty {
            try out.emit("no experiments in \(store.path)\n")
            return
        }
        var table = TextTable(
            columns: ["id", "kind", "scenario", "status", "runs", "seed", "started (UTC)", "duration", "job"],
            rightAligned: [0, 4])
        for e in list {
            table.row([
                String(e.id), e.kind.rawValue, e.scenarioID, e.status.rawValue, String(e.runs), String(e.seed),
                String(e.startedAt.prefix(19)).replacingOccurrences(of: "T", with: " "),
                formatDuration(e.duration), e.jobID.map { String($0.prefix(12)) } ?? "",
            ])
        }
        try out.emit(table.text)
    }
}

/// `history --format json` (schema `stalemate.history/1`, docs/store.md).
struct HistoryDocument: Encodable {
    var schema = "stalemate.history/1"
    var store: String
    var experiments: [HistoryItem]
}

struct HistoryItem: Encodable {
    var id: Int64
    var kind, scenario, status, startedAt, programVersion, commandLine: String
    var endedAt: String?
    var runs: Int
    var seed: UInt64
    var batches: Int
    var durationSeconds: Double?
    var job: String?

    init(_ e: ExperimentInfo) {
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

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an experiment's settings and its results.")

    @Argument(help: "The experiment id (see `stalemate history`).")
    var id: ExperimentID

    @OptionGroup var location: StoreLocation

    /// table, or json (schema stalemate.experiment/1: the whole stored record, with the
    /// settings, job, scenario text and summary).
    @OptionGroup var out: OutputOptions

    func validate() throws { try out.require([.table, .json], command: "show") }

    func run() throws {
        let store = try location.openExisting()
        store.markDeadAsInterrupted()
        let e = try loadExperiment(id.value, from: store)
        if out.format == .json {
            try out.emit(try StableJSON.text(e).withNewline)
            return
        }
        var lines: [(String, String)] = [
            ("kind", e.kind.rawValue),
            ("scenario", "\(e.scenarioID): \(e.scenarioTitle) (sha256 \(e.scenarioHash.prefix(16))…)"),
            ("status", e.status.rawValue + (e.status != e.storedStatus ? " (its process is gone)" : "")),
            ("started", e.startedAt), ("ended", e.endedAt ?? "—"), ("duration", formatDuration(e.duration)),
            ("command", e.commandLine),
            (
                "runs",
                "\(e.runs) × \(e.weeks) weeks"
                    + (e.kind == .run ? "" : (e.kind == .compare ? " per arm" : " per point"))
            ),
            ("seed", String(e.seed)), ("threads", String(e.threads)),
            ("overrides", e.overrides.isEmpty ? "none" : e.overrides.joined(separator: " ")),
            ("options", e.parametersJSON), ("program", "stalemate \(e.programVersion)"),
            ("job", e.jobID ?? "— (recorded before jobs had an identity)"),
        ]
        if e.kind == .run || e.batches > 0 {
            lines.append(("stored", "\(e.batches) batches, \(e.runRecords) run records"))
        }
        if e.status == .running || e.status == .interrupted, let pid = e.pid {
            lines.append(("process", "pid \(pid) on \(e.host ?? "?")"))
        }
        if e.status == .interrupted && e.kind == .run {
            lines.append(("resume", "stalemate resume \(e.id) --store \(store.path)"))
        }
        if let error = e.error { lines.append(("error", error)) }
        var table = TextTable(columns: [])
        for (k, v) in lines { table.row([k, v]) }
        var text = "experiment \(e.id)\n"
        for line in table.text.split(separator: "\n") { text += "  " + line + "\n" }
        text += "\n"
        if let summary = e.summaryJSON {
            text += Self.render(kind: e.kind, summaryJSON: summary, store: store, id: e.id)
        } else {
            text += "no summary: the experiment did not complete\n"
        }
        try out.emit(text)
    }

    /// The human form of a stored summary; the JSON itself when it cannot be decoded.
    static func render(kind: ExperimentKind, summaryJSON: String, store: Store, id: Int64) -> String {
        let data = Data(summaryJSON.utf8)
        let d = JSONDecoder()
        switch kind {
        case .run:
            if let s = try? d.decode(EnsembleSummary.self, from: data) { return SummaryFormatter.table(s) }
        case .compare:
            if let c = try? d.decode(Comparison.self, from: data) { return ComparisonFormatter.table(c) }
        case .explain:
            if let x = try? d.decode(Explanation.self, from: data) { return x.table(every: 4) }
        case .sensitivity:
            if let r = try? d.decode(SensitivityJob.Result.self, from: data) { return r.table() }
        case .calibrate:
            if let r = try? d.decode(InterstateCalibrationReport.self, from: data) { return r.text + "\n" }
            if let r = try? d.decode(CalibrationResult.self, from: data) { return r.text + "\n" }
        case .sweep:
            if let t = try? store.resultsTable(experiment: id), !t.rows.isEmpty { return t.csv() }
        case .backtest:
            if let r = try? d.decode(BacktestResult.self, from: data) { return BacktestFormatter.table(r) }
        }
        return summaryJSON.hasSuffix("\n") ? summaryJSON : summaryJSON + "\n"
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an experiment's per-run records, weekly aggregates, result rows or summary as CSV or JSON.",
        discussion: """
            Tidy columns (one row per run, week or result row), ready for pandas or R; docs/store.md lists them. \
            The default --what is runs for run experiments, weekly for explain, rows for the others. \
            --what summary --format json prints the command's own JSON output, byte for byte.
            """)

    enum What: String, ExpressibleByArgument, CaseIterable { case runs, weekly, rows, summary }

    @Argument(help: "The experiment id (see `stalemate history`).")
    var id: ExperimentID

    @Option(help: "Output format: csv or json.")
    var format: OutputFormat = .csv

    @Option(help: "runs, weekly, rows or summary.")
    var what: What?

    @Option(help: "With --what rows: only this section (arm, difference, point, morris, sobol, estimate, moment).")
    var section: String?

    @Option(name: [.short, .long], help: "The file to write (default: stdout).")
    var output: String?

    @OptionGroup var location: StoreLocation

    func validate() throws { try format.require([.csv, .json], command: "export") }

    func run() throws {
        let store = try location.openExisting()
        let e = try loadExperiment(id.value, from: store)
        let what = what ?? (e.kind == .run ? .runs : e.kind == .explain ? .weekly : .rows)
        let text: String
        switch what {
        case .summary:
            guard let json = e.summaryJSON else {
                throw Message(
                    "experiment \(e.id) has no summary (it is \(e.status.rawValue))"
                        + (e.kind == .run ? ": finish it with `stalemate resume \(e.id)`" : ""))
            }
            text = format == .json ? (json.hasSuffix("\n") ? json : json + "\n") : Self.summaryCSV(e.kind, json)
        case .runs, .weekly, .rows:
            let table =
                what == .runs
                ? try store.runsTable(experiment: e.id)
                : what == .weekly
                    ? try store.weeklyTable(experiment: e.id)
                    : try store.resultsTable(experiment: e.id, section: section)
            guard !table.rows.isEmpty else {
                let has = [
                    e.runRecords > 0 ? "runs" : nil,
                    e.kind == .run || e.kind == .compare || e.kind == .explain ? "weekly" : nil,
                    e.kind != .run && e.kind != .explain ? "rows" : nil, "summary",
                ].compactMap { $0 }
                throw Message(
                    "experiment \(e.id) (\(e.kind.rawValue), \(e.status.rawValue)) has no \(what.rawValue) stored: try --what \(has.joined(separator: "|"))"
                )
            }
            text = format == .csv ? table.csv() : table.json()
        }
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw Message("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            print(text, terminator: "")
        }
    }

    static func summaryCSV(_ kind: ExperimentKind, _ json: String) -> String {
        let data = Data(json.utf8)
        if kind == .run, let s = try? JSONDecoder().decode(EnsembleSummary.self, from: data) {
            return SummaryFormatter.csv(s)
        }
        if kind == .compare, let c = try? JSONDecoder().decode(Comparison.self, from: data) {
            return ComparisonFormatter.csv(c)
        }
        return TidyTable.flattening([([], json)]).csv()
    }
}

struct RmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete experiments and everything stored with them.",
        discussion: """
            Asks for confirmation on a terminal; elsewhere (scripts, pipes) it refuses unless --yes is given. \
            A running experiment whose process is alive is never deleted.
            """)

    @Argument(help: "The experiment ids.")
    var ids: [ExperimentID]

    @Flag(name: [.short, .long], help: "Delete without asking.")
    var yes = false

    @OptionGroup var location: StoreLocation

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give the id of the experiment to delete (see `stalemate history`)") }
    }

    func run() throws {
        let store = try location.openExisting()
        let experiments = try ids.map { try loadExperiment($0.value, from: store) }
        for e in experiments where e.status == .running {
            throw Message(
                "experiment \(e.id) is still running (pid \(e.pid.map(String.init) ?? "?") on \(e.host ?? "?")): stop it before deleting it"
            )
        }
        if !yes {
            guard isatty(STDIN_FILENO) != 0 else {
                throw Message("rm deletes experiments for good: add --yes to confirm (stdin is not a terminal)")
            }
            for e in experiments {
                print(
                    "experiment \(e.id): \(e.kind.rawValue) of \(e.scenarioID), \(e.runs) runs, \(e.status.rawValue), \(e.startedAt)"
                )
            }
            print(
                "delete \(experiments.count == 1 ? "it" : "them") and everything stored with \(experiments.count == 1 ? "it" : "them")? [y/N] ",
                terminator: "")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "y" || answer == "yes" else {
                print("nothing deleted")
                return
            }
        }
        for e in experiments {
            try store.delete(e.id)
            print("deleted experiment \(e.id)")
        }
    }
}

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish an interrupted `run` experiment from its stored batches.",
        discussion: """
            Reloads the scenario text, overrides, seed and runs from the store, merges the stored batches and \
            simulates only the missing ones: the result is the same, byte for byte, as an uninterrupted run.
            """)

    @Argument(help: "The experiment id (see `stalemate history --status interrupted`).")
    var id: ExperimentID

    @OptionGroup var workers: ThreadOptions
    var threads: Int? { workers.threads }

    @OptionGroup var out: OutputOptions

    @OptionGroup var location: StoreLocation

    func validate() throws {
        try workers.validate()
    }

    func run() throws {
        let store = try location.openExisting()
        _ = try loadExperiment(id.value, from: store)
        let resume: StoreResume
        resume = try StoreResume(id.value, store: store, commandLine: commandLineText)
        if isatty(STDERR_FILENO) != 0 {
            FileHandle.standardError.write(
                Data(
                    "resuming experiment \(id.value): \(resume.storedChunks) of \(resume.chunks) batches stored\n".utf8)
            )
        }
        let execution = JobExecution(
            threads: threads, continuing: resume.sink, chunkSize: resume.chunkSize,
            interruptedMessage: { id in
                "interrupted: experiment \(id ?? 0) keeps the runs finished so far; finish it with `stalemate resume \(id ?? 0)`"
            })
        let (result, store2) = try execution.run(resume.spec)
        guard case .run(let summary, _) = result else { throw internalMismatch(resume.spec) }
        try out.emit(try RunCommand.text(summary, format: out.format))
        if let problem = store2?.problem { throw Message(problem) }
    }
}

struct CheckStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-store",
        abstract: "Check the store: SQLite's integrity and foreign-key checks, and every stored batch against its runs."
    )

    @OptionGroup var location: StoreLocation

    func run() throws {
        let store = try location.openExisting()
        let check: StoreCheck
        check = try StoreCheck(store)
        guard check.problems.isEmpty else {
            throw Message("the store \(store.path) has problems:\n  " + check.problems.joined(separator: "\n  "))
        }
        print("ok: \(store.path) passes integrity_check; \(check.batches) batches match their runs")
    }
}

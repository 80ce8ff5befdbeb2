import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateStore

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

import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateStore

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
        case .discovery:
            if let x = try? d.decode(Discovery.self, from: data) { return x.table() }
        case .robust:
            if let x = try? d.decode(RobustLevers.self, from: data) { return x.table() }
        }
        return summaryJSON.hasSuffix("\n") ? summaryJSON : summaryJSON + "\n"
    }
}

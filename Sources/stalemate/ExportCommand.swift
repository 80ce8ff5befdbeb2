import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateStore

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
            try writeText(text, to: output)
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

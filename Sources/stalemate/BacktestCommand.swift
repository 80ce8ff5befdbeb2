import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCore
import StalemateJobs
import StalemateScenario
import StalemateStore

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score a scenario's forecast of an observable against an observed weekly series.",
        discussion: """
            The forecast origin is the scenario's start (week 0). Each observed week 1 … horizon is scored: the \
            predictive median and 50%/90% intervals, the fair CRPS, interval coverage and the PIT histogram (Brier \
            and log scores for binary observables), against persistence and a linear trend fitted to the \
            observations at or before week 0. docs/backtest.md explains the scores. Example:
              stalemate backtest kursk-2024 --observed data/ukraine-occupied-weekly-2024-08-to-2025-02.csv \\
                --column occupied_km2 --scale 0.001 --observable occupied.A
            """)

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @OptionGroup var observation: ObservationOptions

    @Option(
        help:
            "Fit the trend baseline to the observations from this date (YYYY-MM-DD) or week on (default: all at or before week 0)."
    )
    var trendFrom: String?

    @OptionGroup var ensemble: EnsembleOptions

    @OptionGroup var out: OutputOptions

    @OptionGroup var storage: StoreOptions

    func run() throws {
        let spec: JobSpec
        let base = try ScenarioInput.loadReference(scenario)
        spec = .backtest(
            try BacktestSpec(
                scenario: base, ensemble: try ensemble.settings(for: base), observed: observation.observed,
                observable: observation.observable, column: observation.column, scale: observation.scale,
                trendFrom: trendFrom))
        let (result, store) = try JobExecution(threads: ensemble.threads, storage: storage).run(spec)
        guard case .backtest(let r, _, let notes) = result else { throw internalMismatch(spec) }
        // The table lists the notes itself; JSON and CSV keep stdout clean.
        if out.format != .table {
            for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        }
        switch out.format {
        case .table: try out.emit(BacktestFormatter.table(r))
        case .json: try out.emit(try result.json())
        case .csv: try out.emit(BacktestFormatter.csv(r))
        }
        try JobExecution.finish(store)
    }
}

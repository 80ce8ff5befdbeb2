import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateCore
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

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @OptionGroup var storage: StoreOptions

    func run() throws {
        let base: Scenario
        let job: BacktestJob
        do {
            base = try loadScenario(scenario)
            job = try Self.job(base: base, ensemble: ensemble, observation: observation, trendFrom: trendFrom)
        } catch {
            throw fail(error)
        }
        // The table lists the notes itself; JSON and CSV keep stdout clean.
        if format != .table {
            for note in job.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        }
        let options = Options(
            observed: job.file, observable: job.observable.description, column: job.series.column, scale: job.scale,
            trendFrom: trendFrom)
        let recorder = try StoreRecorder.begin(
            storage, kind: .backtest, job: job.run, base: base, options: options, chunkSize: RunCommand.chunkSize)
        let bar = ProgressBar(total: job.run.runs)
        let progress = ProgressBar.callback(bar)
        let (result, accumulator) = job.execute(
            onChunk: recorder?.chunkHandler(arm: "baseline"), chunkSize: RunCommand.chunkSize, progress: progress)
        bar?.finish()
        let json: String
        do { json = try StableJSON.text(result) + "\n" } catch { throw recorder?.failed(error) ?? fail(error) }
        let storeError = recorder?.complete(
            summaryJSON: json, weekly: weeklyRows(accumulator, arm: "baseline"), results: Self.storedRows(result))
        switch format {
        case .table: print(BacktestFormatter.table(result), terminator: "")
        case .json: print(json, terminator: "")
        case .csv: print(BacktestFormatter.csv(result), terminator: "")
        }
        if let storeError { throw fail(Message(storeError)) }
        recorder?.announce()
    }

    /// The options recorded with the experiment.
    struct Options: Encodable {
        var observed: String
        var observable: String
        var column: String
        var scale: Double
        var trendFrom: String?
    }

    /// Resolves the scenario, the observable and the series into a job; every problem is a
    /// user error with its place.
    static func job(
        base: Scenario, ensemble: EnsembleOptions, observation: ObservationOptions, trendFrom: String?
    ) throws -> BacktestJob {
        let run = try ensemble.job(for: base)
        let given = observation.observed
        let givenName = observation.observable
        let givenColumn = observation.column
        let givenScale = observation.scale
        // Without --observed, the scenario's first declared observation (options override its parts).
        let declared = given == nil ? base.observations.first : nil
        guard let observed = given ?? declared.map({ base.path(of: $0) }) else {
            throw Message(
                "give the observed series with --observed FILE.csv (scenario \(base.id) declares no `observations:`)")
        }
        let name = givenName ?? declared?.observable
        let column = givenColumn ?? declared?.column
        let scale = givenScale ?? declared?.scale ?? 1
        if scale == 0 || !scale.isFinite {
            throw Message("the observations' scale must be a finite, non-zero number (got \(scale))")
        }
        let regionIDs = run.scenario.model.regions.map(\.id)
        let names = Observable.all(regionIDs: regionIDs).map(\.description)
        // Without --observable, the value column may name it.
        let observable: Observable
        if let name {
            guard let o = Observable(name: name, regionIDs: regionIDs) else {
                let hint = EditSuggestion.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
                let place = givenName == nil ? "\(base.fileName): observations[0].observable" : "--observable"
                throw Message(
                    "\(place): unknown observable '\(name)'\(hint). Fix: use one of \(names.joined(separator: ", "))"
                )
            }
            observable = o
        } else if let column, let o = Observable(name: column, regionIDs: regionIDs) {
            observable = o
        } else {
            throw Message(
                "say what the series observes with --observable NAME, one of \(names.joined(separator: ", "))")
        }
        let series = try ObservedSeries(
            path: observed, column: column, scale: scale, start: run.scenario.startDate, binary: observable.isBinary)
        var trendWeek: Int? = nil
        if let trendFrom {
            if let w = Int(trendFrom) {
                trendWeek = w
            } else if let date = ScenarioDate(iso: trendFrom), let start = run.scenario.startDate {
                trendWeek = start.week(of: date)
            } else {
                throw Message(
                    "--trend-from: '\(trendFrom)' is not a date (YYYY-MM-DD) or a week number"
                        + (run.scenario.startDate == nil ? " (the scenario has no start date: give a week)" : ""))
            }
            if trendWeek! > 0 {
                throw Message(
                    "--trend-from: week \(trendWeek!) is after the forecast origin (week 0). Fix: give a date at or before the scenario's start"
                )
            }
        }
        return try BacktestJob(
            run: run, observable: observable, series: series,
            // A declared file is named as the scenario names it, so outputs do not depend on where it is installed.
            file: declared.map { "\(base.id): \($0.file)" } ?? observed, scale: scale, trendFrom: trendWeek)
    }

    /// Tidy result rows: one per week and forecaster, one per band and forecaster.
    static func storedRows(_ r: BacktestResult) -> [ResultRow] {
        resultRows("week", BacktestFormatter.weekRecords(r)) { "\($0.week) \($0.forecaster)" }
            + resultRows("band", BacktestFormatter.bandRecords(r)) { "\($0.band) \($0.forecaster)" }
    }
}

import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateScenario

/// `stalemate backtest`: a scenario's forecast of one observable scored against an observed
/// weekly series (docs/backtest.md).
public struct BacktestSpec: Codable, Sendable, Equatable {
    public var scenario: ScenarioInput
    public var ensemble: EnsembleSettings
    /// The observed series (CSV text).
    public var observed: DataInput
    /// How outputs name the file: as given, or as the scenario names a declared one
    /// (`kursk-2024: data/….csv`), so outputs do not depend on where it is installed.
    public var file: String
    /// What the series observes (`Observable` name).
    public var observable: String
    /// The value column (nil: `value`).
    public var column: String?
    /// Every observed value is multiplied by this.
    public var scale: Double
    /// The first week the trend baseline is fitted from (nil: all at or before week 0).
    public var trendFrom: Int?

    public init(
        scenario: ScenarioInput, ensemble: EnsembleSettings, observed: DataInput, file: String, observable: String,
        column: String?, scale: Double, trendFrom: Int?
    ) {
        self.scenario = scenario
        self.ensemble = ensemble
        self.observed = observed
        self.file = file
        self.observable = observable
        self.column = column
        self.scale = scale
        self.trendFrom = trendFrom
    }

    /// The series and observable as given, each part defaulting to the scenario's first
    /// `observations:` entry; `trendFrom` is a date (YYYY-MM-DD) or a week number. Every
    /// problem is an error that says where and what to change.
    public init(
        scenario base: Scenario, ensemble: EnsembleSettings, observed given: String?, observable givenName: String?,
        column givenColumn: String?, scale givenScale: Double?, trendFrom: String?
    ) throws {
        let run = try ensemble.job(base, threads: 1)
        let declared = given == nil ? base.observations.first : nil
        guard let path = given ?? declared.map({ base.path(of: $0) }) else {
            throw JobError(
                "give the observed series with --observed FILE.csv (scenario \(base.id) declares no `observations:`)")
        }
        let name = givenName ?? declared?.observable
        let column = givenColumn ?? declared?.column
        let scale = givenScale ?? declared?.scale ?? 1
        if scale == 0 || !scale.isFinite {
            throw JobError("the observations' scale must be a finite, non-zero number (got \(scale))")
        }
        let regionIDs = run.scenario.model.regions.map(\.id)
        let names = Observable.all(regionIDs: regionIDs).map(\.description)
        // Without a name, the value column may name the observable.
        let observable: Observable
        if let name {
            guard let o = Observable(name: name, regionIDs: regionIDs) else {
                let hint = EditSuggestion.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
                let place = givenName == nil ? "\(base.fileName): observations[0].observable" : "--observable"
                throw JobError(
                    "\(place): unknown observable '\(name)'\(hint). Fix: use one of \(names.joined(separator: ", "))")
            }
            observable = o
        } else if let column, let o = Observable(name: column, regionIDs: regionIDs) {
            observable = o
        } else {
            throw JobError(
                "say what the series observes with --observable NAME, one of \(names.joined(separator: ", "))")
        }
        var trendWeek: Int? = nil
        if let trendFrom {
            if let w = Int(trendFrom) {
                trendWeek = w
            } else if let date = ScenarioDate(iso: trendFrom), let start = run.scenario.startDate {
                trendWeek = start.week(of: date)
            } else {
                throw JobError(
                    "--trend-from: '\(trendFrom)' is not a date (YYYY-MM-DD) or a week number"
                        + (run.scenario.startDate == nil ? " (the scenario has no start date: give a week)" : ""))
            }
            if let w = trendWeek, w > 0 {
                throw JobError(
                    "--trend-from: week \(w) is after the forecast origin (week 0). Fix: give a date at or before the scenario's start"
                )
            }
        }
        let data: DataInput
        do { data = try DataInput.file(path) } catch {
            throw BacktestDataError.unreadable(path, reason: error.reason)
        }
        self.init(
            scenario: ScenarioInput(base), ensemble: ensemble, observed: data,
            file: declared.map { "\(base.id): \($0.file)" } ?? path, observable: observable.description,
            column: column, scale: scale, trendFrom: trendWeek)
        // Checked now, so a bad series fails before anything runs.
        _ = try job(with: run)
    }

    /// The resolved analysis job.
    func resolve(_ scenario: Scenario, threads: Int) throws -> BacktestJob {
        try job(with: try ensemble.job(scenario, threads: threads))
    }

    /// The analysis job on the resolved ensemble `run`.
    private func job(with run: RunJob) throws -> BacktestJob {
        let regionIDs = run.scenario.model.regions.map(\.id)
        guard let observable = Observable(name: observable, regionIDs: regionIDs) else {
            throw JobError("backtest: unknown observable '\(observable)'")
        }
        let series = try ObservedSeries(
            text: observed.text, file: observed.name, column: column, scale: scale, start: run.scenario.startDate,
            binary: observable.isBinary)
        return try BacktestJob(
            run: run, observable: observable, series: series, file: file, scale: scale, trendFrom: trendFrom)
    }
}

import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCore
import StalemateReport
import StalemateScenario
import StalemateStore

/// The HTML report of a stored experiment, rebuilt from what the store keeps: `stalemate
/// report` and the server's `/api/experiments/{id}/report` both draw it.
public enum StoredReport {
    /// The report's input for complete experiment `e` of `store`; `note` receives what the
    /// report leaves out and why.
    public static func input(_ e: ExperimentInfo, store: Store, note: (String) -> Void = { _ in }) throws -> ReportInput
    {
        guard e.status == .complete, let summary = e.summaryJSON else {
            throw JobError(
                "experiment \(e.id) is \(e.status.rawValue): only complete experiments have a report (resume it first with `stalemate resume \(e.id)` if it is a run)"
            )
        }
        do {
            return try build(e, summary: Data(summary.utf8), store: store, note: note)
        } catch let error as DecodingError {
            throw JobError(
                "experiment \(e.id): its stored results cannot be read by stalemate \(StalemateVersion.current) (\(error)); rerun the command to record them again"
            )
        }
    }

    /// The backtest of a stored run against its scenario's first declared observations, by
    /// simulating the same runs again (same seed: the same wars); nil, with a note,
    /// when the scenario declares none or the data cannot be read.
    static func declaredBacktest(_ e: ExperimentInfo, note: (String) -> Void) -> BacktestResult? {
        guard let scenario = try? ScenarioLoader.reload(text: e.scenarioText, fileName: e.scenarioID + ".yaml"),
            let declared = scenario.observations.first
        else { return nil }
        do {
            let spec = try BacktestSpec(
                scenario: scenario, ensemble: EnsembleSettings(overrides: e.overrides, runs: e.runs, seed: e.seed),
                observed: nil, observable: nil, column: nil, scale: nil, trendFrom: nil)
            guard case .backtest(let result, _, _) = try JobRunner().run(.backtest(spec)) else { return nil }
            return result
        } catch {
            note("no backtest in the report (\(declared.file)): \(error)")
            return nil
        }
    }

    /// The exact tallies of a stored ensemble: every stored chunk, merged in chunk order.
    static func storedAccumulator(_ e: ExperimentInfo, arm: String = "baseline", weeks: Int, store: Store) throws
        -> EnsembleAccumulator
    {
        let batches = try store.batches(experiment: e.id, arm: arm)
        var acc: EnsembleAccumulator?
        for (_, batch) in batches.sorted(by: { $0.key < $1.key }) {
            let part = try EnsembleAccumulator.decoded(from: batch.data)
            var merged = acc ?? EnsembleAccumulator(horizon: weeks, ladderMax: part.ladderMax)
            merged.merge(part)
            acc = merged
        }
        guard let acc else {
            throw JobError("experiment \(e.id) has no stored batches of arm '\(arm)' to draw the weekly charts from")
        }
        return acc
    }

    static func build(_ e: ExperimentInfo, summary: Data, store: Store, note: (String) -> Void) throws -> ReportInput {
        let decoder = JSONDecoder()
        switch e.kind {
        case .run:
            let s = try decoder.decode(EnsembleSummary.self, from: summary)
            let acc = try storedAccumulator(e, weeks: s.settings.weeks, store: store)
            let report = ReportBuilder.run(summary: s, accumulator: acc)
            guard let backtest = declaredBacktest(e, note: note) else { return report }
            return ReportBuilder.withBacktest(report, backtest)
        case .backtest:
            let r = try decoder.decode(BacktestResult.self, from: summary)
            let acc = try storedAccumulator(e, weeks: r.settings.weeks, store: store)
            return ReportBuilder.backtest(r, accumulator: acc)
        case .compare:
            let c = try decoder.decode(Comparison.self, from: summary)
            let names = [c.baseline.name] + c.variants.map(\.name)
            let sides = (try? ScenarioLoader.reload(text: e.scenarioText, fileName: e.scenarioID + ".yaml"))?.model
                .sideNames
            if let arms = try? names.map({ name in
                (name: name, accumulator: try storedAccumulator(e, arm: name, weeks: c.weeks, store: store))
            }) {
                return ReportBuilder.compare(c, arms: arms, sides: sides ?? SidePair(a: "A", b: "B"))
            }
            // Recorded before arms' tallies were stored: the weekly share at war of each arm.
            note(
                "experiment \(e.id) was recorded without each arm's weekly tallies: the report shows the arms' share at war and the paired differences only"
            )
            let table = try store.weeklyTable(experiment: e.id)
            func column(_ name: String) -> Int? { table.columns.firstIndex(of: name) }
            guard let arm = column("arm"), let week = column("week"), let runs = column("runs"),
                let atWar = column("runs_at_war")
            else { throw JobError("experiment \(e.id) has no weekly table") }
            var shares: [String: [Double]] = [:]
            for row in table.rows {
                guard case .text(let name) = row[arm], case .integer(let w) = row[week],
                    case .integer(let n) = row[runs],
                    case .integer(let a) = row[atWar]
                else { continue }
                var series = shares[name] ?? [Double](repeating: .nan, count: c.weeks)
                if Int(w) < series.count { series[Int(w)] = n > 0 ? Double(a) / Double(n) : .nan }
                shares[name] = series
            }
            return ReportBuilder.compare(c, atWar: names.compactMap { n in shares[n].map { (n, $0) } })
        case .sweep:
            let f = try decoder.decode(SweepJob.ResultFile.self, from: summary)
            return ReportBuilder.sweep(
                rows: f.rows, parameters: f.parameters, scenario: f.scenario, runs: f.runs, seed: f.seed)
        case .sensitivity:
            return ReportBuilder.sensitivity(try decoder.decode(SensitivityJob.Result.self, from: summary))
        case .discovery:
            return ReportBuilder.discovery(try decoder.decode(Discovery.self, from: summary))
        case .robust:
            return ReportBuilder.robust(try decoder.decode(RobustLevers.self, from: summary))
        default:
            throw JobError(
                "reports exist for run, backtest, compare, sweep, sensitivity, discovery and robust experiments; experiment \(e.id) is of kind '\(e.kind.rawValue)'"
            )
        }
    }
}

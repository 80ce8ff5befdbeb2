import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateJobs
import StalemateReport
import StalemateScenario
import StalemateStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write a self-contained HTML report (inline SVG charts) of a stored run, experiment, sweep or sensitivity analysis."
    )

    @Argument(help: "The experiment id (see `stalemate history`).")
    var id: ExperimentID

    @Option(name: [.short, .long], help: "The HTML file to write.")
    var output: String

    @OptionGroup var location: StoreLocation

    func run() throws {
        let store = try location.openExisting()
        store.markDeadAsInterrupted()
        let e = try loadExperiment(id.value, from: store)
        guard e.status == .complete, let summary = e.summaryJSON else {
            throw Message(
                "experiment \(e.id) is \(e.status.rawValue): only complete experiments have a report (resume it first with `stalemate resume \(e.id)` if it is a run)"
            )
        }
        let input: ReportInput
        do {
            input = try Self.build(e, summary: Data(summary.utf8), store: store)
        } catch let error as DecodingError {
            throw Message(
                "experiment \(e.id): its stored results cannot be read by stalemate \(StalemateVersion.current) (\(error)); rerun the command to record them again"
            )
        }
        try writeText(ReportRenderer.html(input), to: output)
        let charts = ReportRenderer.chartCount(input)
        print("wrote \(output) (\(charts) chart\(charts == 1 ? "" : "s")); open it in a browser")
    }

    /// The backtest of a stored run against its scenario's first declared observations, by
    /// simulating the same runs again (same seed: the same wars); nil, with a note on stderr,
    /// when the scenario declares none or the data cannot be read.
    static func declaredBacktest(_ e: ExperimentInfo) -> BacktestResult? {
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
            FileHandle.standardError.write(
                Data("note: no backtest in the report (\(declared.file)): \(error)\n".utf8))
            return nil
        }
    }

    /// The exact tallies of a stored ensemble: every stored chunk, merged in chunk order.
    static func storedAccumulator(_ e: ExperimentInfo, weeks: Int, store: Store) throws -> EnsembleAccumulator {
        let batches = try store.batches(experiment: e.id, arm: "baseline")
        var acc: EnsembleAccumulator?
        for (_, batch) in batches.sorted(by: { $0.key < $1.key }) {
            let part = try EnsembleAccumulator.decoded(from: batch.data)
            var merged = acc ?? EnsembleAccumulator(horizon: weeks, ladderMax: part.ladderMax)
            merged.merge(part)
            acc = merged
        }
        guard let acc else {
            throw Message("experiment \(e.id) has no stored batches to draw the weekly charts from")
        }
        return acc
    }

    static func build(_ e: ExperimentInfo, summary: Data, store: Store) throws -> ReportInput {
        let decoder = JSONDecoder()
        switch e.kind {
        case .run:
            let s = try decoder.decode(EnsembleSummary.self, from: summary)
            let acc = try storedAccumulator(e, weeks: s.settings.weeks, store: store)
            let report = ReportBuilder.run(summary: s, accumulator: acc)
            guard let backtest = declaredBacktest(e) else { return report }
            return ReportBuilder.withBacktest(report, backtest)
        case .backtest:
            let r = try decoder.decode(BacktestResult.self, from: summary)
            let acc = try storedAccumulator(e, weeks: r.settings.weeks, store: store)
            return ReportBuilder.backtest(r, accumulator: acc)
        case .compare:
            let c = try decoder.decode(Comparison.self, from: summary)
            let table = try store.weeklyTable(experiment: e.id)
            func column(_ name: String) -> Int? { table.columns.firstIndex(of: name) }
            guard let arm = column("arm"), let week = column("week"), let runs = column("runs"),
                let atWar = column("runs_at_war")
            else { throw Message("experiment \(e.id) has no weekly table") }
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
            let names = [c.baseline.name] + c.variants.map(\.name)
            return ReportBuilder.compare(c, atWar: names.compactMap { n in shares[n].map { (n, $0) } })
        case .sweep:
            let f = try decoder.decode(SweepJob.ResultFile.self, from: summary)
            return ReportBuilder.sweep(
                rows: f.rows, parameters: f.parameters, scenario: f.scenario, runs: f.runs, seed: f.seed)
        case .sensitivity:
            return ReportBuilder.sensitivity(try decoder.decode(SensitivityJob.Result.self, from: summary))
        default:
            throw Message(
                "reports exist for run, backtest, compare, sweep and sensitivity experiments; experiment \(e.id) is of kind '\(e.kind.rawValue)'"
            )
        }
    }
}

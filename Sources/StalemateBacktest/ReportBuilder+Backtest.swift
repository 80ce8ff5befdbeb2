import Foundation
import StalemateAnalysis
import StalemateReport
import StalemateStatistics

extension ReportBuilder {
    /// The report of a backtest: the forecast against the observations, the PIT histogram and
    /// the scores by horizon, then the report of the ensemble itself.
    public static func backtest(_ r: BacktestResult, accumulator: EnsembleAccumulator) -> ReportInput {
        var runReport = run(summary: r.ensemble, accumulator: accumulator)
        runReport.title = "Backtest of \(r.scenario.title) against \(r.observed.observable)"
        runReport.subtitle =
            "\(r.settings.runs) simulated wars scored on \(r.observed.scored) observed weeks; then the ensemble itself"
        return withBacktest(runReport, r)
    }

    /// A report with the backtest's sections in front and its data named in the settings.
    public static func withBacktest(_ report: ReportInput, _ r: BacktestResult) -> ReportInput {
        var out = report
        out.settings += [
            ReportSetting(label: "observed", value: "\(r.observed.file) (\(r.observed.column))"),
            ReportSetting(label: "observable", value: "\(r.observed.observable): \(r.observed.label)"),
        ]
        out.sections = backtestSections(r) + out.sections
        return out
    }

    /// The fan with the observations, the scores by band and the PIT histogram.
    static func backtestSections(_ r: BacktestResult) -> [ReportSection] {
        let o = r.observed
        let last = r.weeks.last?.week ?? 0
        let weeks = Array(0...last)
        var median = [Double](repeating: .nan, count: weeks.count)
        var q05 = median, q25 = median, q75 = median, q95 = median, observed = median
        if let origin = r.origin {
            // Week 0 is the starting state, the same in every run.
            (median[0], q05[0], q25[0], q75[0], q95[0]) = (
                origin.scenario, origin.scenario, origin.scenario, origin.scenario, origin.scenario
            )
            observed[0] = origin.observed
        }
        for w in r.weeks {
            (median[w.week], q05[w.week], q25[w.week]) = (w.model.median, w.model.q05, w.model.q25)
            (q75[w.week], q95[w.week], observed[w.week]) = (w.model.q75, w.model.q95, w.observed)
        }
        let fan = FanData(
            weeks: weeks, median: median, q25: q25, q75: q75, q05: q05, q95: q95, style: o.binary ? .percent : .number,
            observed: observed, observedName: "observed (\(o.column))")
        let pit = r.summary.pit.map { p in
            HistogramData(
                series: [
                    NamedSeries(name: "model", values: p.model),
                    NamedSeries(name: "persistence", values: p.persistence),
                    NamedSeries(name: "trend", values: p.trend),
                ], reference: 1 / Double(p.bins), referenceName: "calibrated (10% per bin)")
        }
        func f(_ x: Double?) -> String { x.map(BacktestFormatter.number) ?? "–" }
        func pct(_ x: Double) -> String { BacktestFormatter.percent(x) }
        let labelled =
            r.bands.map { ($0.band ?? "", $0) } + [("all", r.summary)]
            + (r.anchored.map { [("all, anchored at week 0 (diagnostic)", $0)] } ?? [])
        let rows = labelled.map { name, s in
            [
                name, "\(s.weeks)", f(s.crps.model), f(s.crps.persistence), f(s.crps.trend),
                f(s.skill.persistence), f(s.skill.trend), pct(s.coverage.p50), pct(s.coverage.p90),
                pct(s.baselineCoverage.persistence.p90), pct(s.baselineCoverage.trend.p90),
            ] + (o.binary ? [f(s.brier?.model), f(s.brier?.persistence), f(s.brier?.trend), f(s.log?.model)] : [])
        }
        let header =
            [
                "weeks ahead", "n", "CRPS model", "CRPS pers.", "CRPS trend", "skill vs pers.", "skill vs trend",
                "model in 50%", "model in 90%", "pers. in 90%", "trend in 90%",
            ] + (o.binary ? ["Brier model", "Brier persistence", "Brier trend", "log model"] : [])
        let originText =
            r.origin.map {
                " At week 0 (not scored) the data say \(f($0.observed)) and the scenario starts at \(f($0.scenario)): a difference of \(BacktestFormatter.signed($0.difference)) that every forecast carries."
            } ?? ""
        var sections = [
            ReportSection(
                title: "Forecast against what happened: \(o.observable)",
                caption:
                    "The model's median, 50% and 90% bands of \(o.observable) (the \(o.label)) over the runs, from the forecast origin (week 0) to the last observation; the points are the observations (\(o.file), column \(o.column)\(o.scale == 1 ? "" : ", × \(o.scale)")).\(originText)",
                xLabel: "weeks since the start" + (o.startDate.map { " (\($0))" } ?? ""), yLabel: o.observable,
                content: .fan(fan)),
            ReportSection(
                title: "Scores by weeks ahead",
                caption:
                    "Mean CRPS (lower is better, in the observable's units) of the model and of the two naive baselines over the observed weeks of each band; pers. = persistence; skill = 1 − CRPS model / CRPS baseline (above 0: the model is better); coverage: the share of observations inside the central intervals (50% and 90% if calibrated). The anchored row is a diagnostic, not a forecast: every run shifted by the week-0 difference, as if the scenario had started on the observed value. docs/backtest.md explains the scores.",
                content: .table(TableData(header: header, rows: rows))),
        ]
        if let pit {
            sections.append(
                ReportSection(
                    title: "Probability integral transform",
                    caption:
                        "Where each observation fell in its forecast distribution, in tenths (the PIT). A calibrated forecast puts 10% in each; piles at the left mean the observations fell below the forecasts (too high), at the right above them, at both edges that the forecasts were too narrow, and a hump in the middle that they were too wide. With few weeks, and weeks that follow one another, expect unevenness.",
                    xLabel: "PIT (the forecast's probability of a value below the observation)",
                    yLabel: "share of observed weeks", content: .histogram(pit)))
        }
        return sections
    }
}

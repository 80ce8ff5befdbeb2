import Foundation
import StalemateCore
import StalemateReport

/// Turns the results of the analysis commands into the sections of an HTML report
/// (`StalemateReport`, docs/reports.md).
public enum ReportBuilder {
    static func settings(_ s: EnsembleSummary) -> [ReportSetting] {
        [
            ReportSetting(label: "scenario", value: "\(s.scenario.title) [\(s.scenario.id)]"),
            ReportSetting(label: "scenario (SHA-256)", value: String(s.scenario.hash.prefix(12))),
            ReportSetting(label: "runs", value: "\(s.settings.runs)"),
            ReportSetting(label: "seed", value: "\(s.settings.seed)"),
            ReportSetting(label: "horizon", value: "\(s.settings.weeks) weeks"),
            ReportSetting(label: "sides", value: "A = \(s.sides["A"] ?? "A"), B = \(s.sides["B"] ?? "B")"),
            ReportSetting(
                label: "overrides",
                value: s.settings.overrides.isEmpty ? "none" : s.settings.overrides.joined(separator: ", ")),
            ReportSetting(label: "program", value: "stalemate \(StalemateVersion.current)"),
        ]
    }

    /// Kaplan–Meier curve of "still at war" over every week.
    static func survival(_ acc: EnsembleAccumulator) -> SurvivalData {
        let curve = acc.warEnd.curve()
        return SurvivalData(
            weeks: curve.map(\.week), share: curve.map(\.survival), lower: curve.map(\.lower), upper: curve.map(\.upper)
        )
    }

    /// The report of one ensemble (`stalemate run`).
    public static func run(summary s: EnsembleSummary, accumulator acc: EnsembleAccumulator) -> ReportInput {
        let w = acc.weekly
        let sides = SidePair(a: s.sides["A"] ?? "A", b: s.sides["B"] ?? "B")
        let weeks = Array(0..<acc.horizon)
        let outcomes = s.outcomes.map {
            IntervalEstimate(
                label: ReportLabels.outcome($0.outcome, sides: sides), value: $0.probability, lower: $0.ci95[0],
                upper: $0.ci95[1])
        }
        func q(_ t: Int, _ p: Double) -> Double { w.shareQuantile(week: t, p) ?? .nan }
        let fan = FanData(
            weeks: weeks, median: weeks.map { q($0, 0.5) }, q25: weeks.map { q($0, 0.25) },
            q75: weeks.map { q($0, 0.75) },
            q05: weeks.map { q($0, 0.05) }, q95: weeks.map { q($0, 0.95) })
        let phases = Self.phases(acc)
        let level = LineData(
            weeks: weeks,
            series: [LineSeries(name: "mean escalation level (runs still going)", values: Self.meanLevel(acc))])
        let blockers = Self.blockers(acc, sides: sides)
        return ReportInput(
            title: "\(s.scenario.title): \(s.settings.runs) simulated wars",
            subtitle: "How and when the wars end, and what blocked peace",
            settings: settings(s),
            sections: [
                ReportSection(
                    title: "Still at war",
                    caption:
                        "Kaplan–Meier estimate of the share of runs still at war after each week, with its 95% band (Greenwood, log(-log) scale). Runs still at war at the horizon are censored.",
                    xLabel: "weeks since the start", yLabel: "share of runs still at war",
                    content: .survival(survival(acc))),
                ReportSection(
                    title: "How the wars end",
                    caption:
                        "Share of runs in each outcome at the horizon, with 95% Wilson intervals. Settled: a ceasefire that held; ceasefire holding: an agreement still young at the horizon.",
                    xLabel: "share of runs", content: .outcomes(outcomes)),
                ReportSection(
                    title: "A's share of the contested value",
                    caption:
                        "Median, 50% and 90% bands of A's share of the total value over the runs still going each week (from 50 bins: ±0.01).",
                    xLabel: "weeks since the start", yLabel: "A's share of total value", content: .fan(fan)),
                ReportSection(
                    title: "The talks",
                    caption:
                        "Share of all runs in each state of the talks each week; 'ended' counts runs whose war is over (settled or a side defeated).",
                    xLabel: "weeks since the start", yLabel: "share of runs", content: .stacked(phases)),
                ReportSection(
                    title: "Escalation",
                    caption:
                        "Mean rung of the escalation ladder among the runs still going (0 = none; the top of the axis is the scenario's highest rung).",
                    xLabel: "weeks since the start", yLabel: "escalation level (rungs)", content: .line(level)),
                ReportSection(
                    title: "What blocked peace",
                    caption:
                        "Among the runs at war each week, the primary blocker: no bargaining range (why) first, then talks suspended (by whom), a side unwilling (why), or talks open without agreement yet (docs/model.md section 11).",
                    xLabel: "weeks since the start", yLabel: "share of runs at war", content: .stacked(blockers)),
                ReportSection(
                    title: "Every blocker that held",
                    caption:
                        "Among the runs at war each week, the share in which each blocker held, with or without the others: several can hold at once (talks suspended while a side is also unwilling), so the lines need not add up to 100%.",
                    xLabel: "weeks since the start", yLabel: "share of runs at war", content: .line(held(acc))),
            ])
    }

    /// The share of all runs in each state of the talks, week by week.
    static func phases(_ acc: EnsembleAccumulator) -> StackedData {
        let weeks = Array(0..<acc.horizon)
        let total = Double(max(1, acc.runs))
        return StackedData(
            weeks: weeks,
            series: TalksPhase.allCases.map { p in
                NamedSeries(
                    name: ReportLabels.phase(p.description),
                    values: weeks.map { Double(acc.weekly.count(week: $0, phase: p)) / total })
            })
    }

    /// The mean escalation level of the runs still going, week by week.
    static func meanLevel(_ acc: EnsembleAccumulator) -> [Double] {
        (0..<acc.horizon).map { t in
            let counts = (0...acc.ladderMax).map { acc.weekly.count(week: t, level: $0) }
            let n = counts.reduce(0, +)
            return n == 0 ? .nan : Double(zip(0..., counts).map { $0 * $1 }.reduce(0, +)) / Double(n)
        }
    }

    /// Each primary blocker's share of the runs at war, week by week.
    static func blockers(_ acc: EnsembleAccumulator, sides: SidePair<String>) -> StackedData {
        let weeks = Array(0..<acc.horizon)
        let w = acc.weekly
        return StackedData(
            weeks: weeks,
            series: Blocker.allCases.map { b in
                NamedSeries(
                    name: ReportLabels.blocker(b.description, sides: sides),
                    values: weeks.map { t in
                        let atWar = w.atWar(week: t)
                        return atWar == 0 ? 0 : Double(w.count(week: t, blocker: b)) / Double(atWar)
                    })
            })
    }

    /// Each coarse blocker's share of the runs at war, week by week.
    static func held(_ acc: EnsembleAccumulator) -> LineData {
        let weeks = Array(0..<acc.horizon)
        let w = acc.weekly
        let atWar = weeks.map { w.atWar(week: $0) }
        return LineData(
            weeks: weeks,
            series: BlockerGroup.allCases.map { g in
                LineSeries(
                    name: ReportLabels.blockerGroup(g.description),
                    values: weeks.map { t in atWar[t] == 0 ? .nan : Double(w.count(week: t, held: g)) / Double(atWar[t])
                    })
            }, style: .percent)
    }

    /// Share of runs at war (fighting: talks closed, open or suspended) each week of an ensemble.
    public static func atWar(_ acc: EnsembleAccumulator) -> [Double] {
        let total = Double(max(1, acc.runs))
        return (0..<acc.horizon).map { t in
            Double(acc.weekly.atWar(week: t)) / total
        }
    }

    /// The report of an experiment (`stalemate compare`), from the comparison and each arm's
    /// exact tallies (in memory, or merged from the store's batches), baseline first: the
    /// arms side by side in every chart of a run's report, and the paired differences.
    public static func compare(
        _ c: Comparison, arms: [(name: String, accumulator: EnsembleAccumulator)],
        sides: SidePair<String> = SidePair(a: "A", b: "B")
    ) -> ReportInput {
        let weeks = Array(0..<c.weeks)
        // Kaplan–Meier curves over every week of the horizon (the curve ends at the last event).
        let survival = arms.map { arm -> LineSeries in
            let s = Self.survival(arm.accumulator)
            func padded(_ xs: [Double]) -> [Double] {
                weeks.map { t in t < xs.count ? xs[t] : (xs.last ?? .nan) }
            }
            return LineSeries(name: arm.name, values: padded(s.share), lower: padded(s.lower), upper: padded(s.upper))
        }
        let infos = [c.baseline] + c.variants
        let outcomes = infos.flatMap { arm in
            arm.outcomes.map {
                IntervalEstimate(
                    label: "\(arm.name): \(ReportLabels.outcome($0.outcome, sides: sides))", value: $0.probability,
                    lower: $0.ci95[0], upper: $0.ci95[1])
            }
        }
        func quantiles(_ acc: EnsembleAccumulator, _ p: Double) -> [Double] {
            weeks.map { acc.weekly.shareQuantile(week: $0, p) ?? .nan }
        }
        let share = LineData(
            weeks: weeks,
            series: arms.map {
                LineSeries(
                    name: "\($0.name) (median, 50% band)", values: quantiles($0.accumulator, 0.5),
                    lower: quantiles($0.accumulator, 0.25), upper: quantiles($0.accumulator, 0.75))
            }, style: .percent, bandName: "shaded: 50% of runs (25th–75th percentile)")
        let escalation = LineData(
            weeks: weeks, series: arms.map { LineSeries(name: $0.name, values: meanLevel($0.accumulator)) })
        var sections = [
            ReportSection(
                title: "Still at war, per arm",
                caption:
                    "Kaplan–Meier estimate of the share of runs still at war after each week in each arm, with its 95% band (Greenwood, log(-log) scale). Runs still at war at the horizon are censored. The arms share their random numbers, run by run.",
                xLabel: "weeks since the start", yLabel: "share of runs still at war",
                content: .line(LineData(weeks: weeks, series: survival, style: .percent, steps: true))),
            atWarSection(c, curves: arms.map { LineSeries(name: $0.name, values: atWar($0.accumulator)) }),
            ReportSection(
                title: "How the wars end, per arm",
                caption:
                    "Share of runs in each outcome at the horizon in each arm, with 95% Wilson intervals. Settled: a ceasefire that held; ceasefire holding: an agreement still young at the horizon.",
                xLabel: "share of runs", content: .outcomes(outcomes)),
            ReportSection(
                title: "A's share of the contested value, per arm",
                caption:
                    "Median and 50% band of A's share of the total value over the runs still going each week, in each arm (from 50 bins: ±0.01).",
                xLabel: "weeks since the start", yLabel: "A's share of total value", content: .line(share)),
            ReportSection(
                title: "Escalation, per arm",
                caption:
                    "Mean rung of the escalation ladder among the runs still going, in each arm (0 = none).",
                xLabel: "weeks since the start", yLabel: "escalation level (rungs)", content: .line(escalation)),
        ]
        for arm in arms {
            sections.append(
                ReportSection(
                    title: "The talks: \(arm.name)",
                    caption:
                        "Share of the arm's runs in each state of the talks each week; 'ended' counts runs whose war is over (settled or a side defeated).",
                    xLabel: "weeks since the start", yLabel: "share of runs", content: .stacked(phases(arm.accumulator))
                ))
        }
        for arm in arms {
            sections.append(
                ReportSection(
                    title: "What blocked peace: \(arm.name)",
                    caption:
                        "Among the arm's runs at war each week, the primary blocker: no bargaining range (why) first, then talks suspended (by whom), a side unwilling (why), or talks open without agreement yet (docs/model.md section 11).",
                    xLabel: "weeks since the start", yLabel: "share of runs at war",
                    content: .stacked(blockers(arm.accumulator, sides: sides))))
        }
        sections.append(metricsSection(c))
        return ReportInput(
            title: "\(c.scenario.title): experiment", subtitle: "Baseline and variants on common random numbers",
            settings: experimentSettings(c, sides: sides), sections: sections)
    }

    /// The report of a comparison stored without its arms' tallies (recorded before they were
    /// stored): each arm's share at war from the store's weekly table, the paired differences
    /// and the table of every metric.
    public static func compare(_ c: Comparison, atWar: [(name: String, share: [Double])]) -> ReportInput {
        ReportInput(
            title: "\(c.scenario.title): experiment", subtitle: "Baseline and variants on common random numbers",
            settings: experimentSettings(c, sides: nil),
            sections: [
                atWarSection(c, curves: atWar.map { LineSeries(name: $0.name, values: $0.share) }), metricsSection(c),
            ])
    }

    /// An experiment's settings; the sides' names when known.
    static func experimentSettings(_ c: Comparison, sides: SidePair<String>?) -> [ReportSetting] {
        [
            ReportSetting(label: "scenario", value: "\(c.scenario.title) [\(c.scenario.id)]"),
            ReportSetting(label: "runs per arm", value: "\(c.runs)"),
            ReportSetting(label: "seed", value: "\(c.seed)"),
            ReportSetting(label: "horizon", value: "\(c.weeks) weeks"),
        ]
            + (sides.map { [ReportSetting(label: "sides", value: "A = \($0.a), B = \($0.b)")] } ?? [])
            + c.variants.map { ReportSetting(label: "variant \($0.name)", value: $0.overrides.joined(separator: ", ")) }
    }

    /// Each arm's share at war (`curves`, baseline first) over the forest plot of the paired
    /// change in P(settled by 156 weeks).
    static func atWarSection(_ c: Comparison, curves: [LineSeries]) -> ReportSection {
        let differences = c.comparisons.compactMap { v in
            v.differences.first { $0.key == "settledBy156" }.flatMap { d in
                d.difference.map { IntervalEstimate(label: v.name, value: $0, lower: d.ci95?[0], upper: d.ci95?[1]) }
            }
        }
        return ReportSection(
            title: "At war, per arm, and the change in P(settled by 156 weeks)",
            caption:
                "First chart: share of runs at war (fighting, not in a ceasefire) each week in each arm. Second chart: paired difference (variant − baseline) in the probability of an agreement in force within 156 weeks, with 95% intervals; the dashed line is no change.",
            xLabel: "weeks since the start", yLabel: "share of runs at war",
            content: .comparison(
                ComparisonData(
                    weeks: Array(0..<c.weeks), curves: curves, steps: false, differences: differences,
                    differenceLabel: "change in P(settled by 156 weeks)", differenceStyle: .percent)))
    }

    /// The table of every paired metric.
    static func metricsSection(_ c: Comparison) -> ReportSection {
        func f(_ x: Double?) -> String { x.map { String(format: "%.4g", $0) } ?? "–" }
        let rows = c.comparisons.flatMap { v in
            v.differences.map { d -> [String] in
                [
                    v.name, d.metric, f(d.baseline), f(d.variant), f(d.difference),
                    d.ci95.map { "[\(f($0[0])), \(f($0[1]))]" } ?? "–",
                    d.varianceReduction.map { String(format: "×%.1f", $0) } ?? "–",
                ]
            }
        }
        return ReportSection(
            title: "Every metric",
            caption:
                "Baseline, variant, paired difference with its 95% interval, and the variance reduction of common random numbers over independent seeds.",
            content: .table(
                TableData(
                    header: ["variant", "metric", "baseline", "variant", "difference", "95% CI", "var. reduction"],
                    rows: rows)))
    }

    /// The report of a sweep: each metric against each parameter.
    public static func sweep(
        rows: [SweepRow], parameters: [SweepParameter], scenario: EnsembleSummary.ScenarioInfo, runs: Int, seed: UInt64
    ) -> ReportInput {
        func panels(_ metric: (SweepRow) -> [Double]?) -> [ScatterPanel] {
            parameters.enumerated().map { j, p in
                ScatterPanel(
                    parameter: p.key,
                    points: rows.compactMap { r in
                        metric(r).map { ScatterPoint(x: r.values[j], y: $0[0], lower: $0[1], upper: $0[2]) }
                    },
                    logarithmic: p.logScale, levels: p.levels)
            }
        }
        return ReportInput(
            title: "\(scenario.title): sweep of \(rows.count) points",
            subtitle: parameters.map(\.key).joined(separator: ", "),
            settings: [
                ReportSetting(label: "scenario", value: "\(scenario.title) [\(scenario.id)]"),
                ReportSetting(label: "runs per point", value: "\(runs)"),
                ReportSetting(label: "seed", value: "\(seed)"),
            ]
                + parameters.map {
                    ReportSetting(label: $0.key, value: $0.rangeText)
                },
            sections: grid(rows: rows, parameters: parameters).map { grid in
                [
                    ReportSection(
                        title: "Settled",
                        caption:
                            "Probability that the war ended in a settlement at each pair of levels; darker is likelier. The colour scale spans the values drawn (legend); hover over a cell for its 95% Wilson interval.",
                        content: .heatmap(grid { $0.settled })),
                    ReportSection(
                        title: "Still at war at 156 weeks",
                        caption:
                            "Kaplan–Meier share still at war after 156 weeks at each pair of levels; darker is more. Hover over a cell for its 95% interval.",
                        content: .heatmap(grid { $0.stillAtWar156 })),
                ]
            }
                ?? [
                    ReportSection(
                        title: "Settled",
                        caption:
                            "Probability that the war ended in a settlement, at each point, against each parameter, with 95% Wilson intervals.",
                        xLabel: "parameter value", yLabel: "P(settled)",
                        content: .scatter(ScatterData(panels: panels { $0.settled }, style: .percent))),
                    ReportSection(
                        title: "Still at war at 156 weeks",
                        caption: "Kaplan–Meier share still at war after 156 weeks, with 95% intervals.",
                        xLabel: "parameter value", yLabel: "share still at war",
                        content: .scatter(ScatterData(panels: panels { $0.stillAtWar156 }, style: .percent))),
                ])
    }

    /// For a sweep over a full grid of two parameters, the heat map of a metric
    /// (`[value, lower, upper]` of a row); nil for any other design.
    static func grid(
        rows: [SweepRow], parameters: [SweepParameter]
    ) -> (((SweepRow) -> [Double]?) -> HeatmapData)? {
        guard parameters.count == 2, rows.count >= 4 else { return nil }
        let xs = Array(Set(rows.map { $0.values[0] })).sorted()
        let ys = Array(Set(rows.map { $0.values[1] })).sorted()
        var at: [[Int?]] = Array(repeating: Array(repeating: nil, count: xs.count), count: ys.count)
        for (k, row) in rows.enumerated() {
            guard let j = xs.firstIndex(of: row.values[0]), let i = ys.firstIndex(of: row.values[1]) else { continue }
            at[i][j] = k
        }
        guard xs.count >= 2, ys.count >= 2, xs.count * ys.count == rows.count,
            at.allSatisfy({ $0.allSatisfy { $0 != nil } })
        else { return nil }
        return { metric in
            HeatmapData(
                xParameter: parameters[0].key, xLevels: xs, yParameter: parameters[1].key, yLevels: ys,
                cells: at.map { line in
                    line.map { k in
                        k.flatMap { metric(rows[$0]) }.map {
                            IntervalEstimate(label: "", value: $0[0], lower: $0[1], upper: $0[2])
                        }
                    }
                }, style: .percent, xNames: parameters[0].levels, yNames: parameters[1].levels)
        }
    }

    /// The report of a sensitivity analysis: indices as bars with their CIs.
    public static func sensitivity(_ r: SensitivityJob.Result) -> ReportInput {
        var bars: BarsData
        if let morris = r.morris {
            bars = BarsData(
                indices: ["μ*"],
                groups: morris.map {
                    BarGroup(
                        label: $0.name,
                        values: [
                            IntervalEstimate(
                                label: "μ*", value: $0.muStar, lower: $0.muStarInterval.lower,
                                upper: $0.muStarInterval.upper)
                        ])
                })
        } else {
            bars = BarsData(
                indices: ["S1", "ST"],
                groups: (r.sobol ?? []).map {
                    BarGroup(
                        label: $0.name,
                        values: [
                            IntervalEstimate(
                                label: "S1", value: $0.firstOrder, lower: $0.firstOrderInterval.lower,
                                upper: $0.firstOrderInterval.upper),
                            IntervalEstimate(
                                label: "ST", value: $0.total, lower: $0.totalInterval.lower,
                                upper: $0.totalInterval.upper),
                        ])
                })
        }
        return ReportInput(
            title: "\(r.scenario.title): \(r.method) sensitivity of \(r.metric)",
            subtitle: "\(r.points) points × \(r.runsPerPoint) runs",
            settings: [
                ReportSetting(label: "scenario", value: "\(r.scenario.title) [\(r.scenario.id)]"),
                ReportSetting(label: "method", value: r.method.rawValue),
                ReportSetting(label: "metric", value: r.metric),
                ReportSetting(label: "seed", value: "\(r.seed)"),
            ],
            sections: [
                ReportSection(
                    title: "Sensitivity indices",
                    caption: r.morris != nil
                        ? "Morris μ*: mean absolute elementary effect of each parameter on the metric over its range, with 95% bootstrap intervals. Larger means more influential."
                        : "Sobol indices: S1, the share of the metric's variance due to the parameter alone; ST, including its interactions; 95% bootstrap intervals.",
                    xLabel: r.morris != nil
                        ? "μ*: mean absolute change of \(r.metric) across the parameter's range"
                        : "index: share of the variance of \(r.metric)",
                    yLabel: "parameter", content: .bars(bars))
            ])
    }
}

import Foundation
import StalemateReport
import Testing

/// Report inputs for the tests: realistic-looking data shaped like a kursk-2024 ensemble
/// (computed from closed forms, no randomness), one input per kind of report, and edge cases.
enum ReportFixtures {
    /// The kinds of report `stalemate report` writes, plus one with every section.
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case run, experiment, sweep, sensitivity, backtest, everything
        var testDescription: String { rawValue }
    }

    static let weeks = Array(0...156)

    static func input(_ kind: Kind) -> ReportInput {
        let sections: [ReportSection]
        switch kind {
        case .run: sections = [survival, outcomes, fan, talks, escalation, blockers, summaryTable]
        case .experiment: sections = [comparison, summaryTable]
        case .sweep: sections = [sweep, grid]
        case .sensitivity: sections = [sensitivity]
        case .backtest: sections = [observedFan, pit, summaryTable, survival, fan]
        case .everything:
            sections = [
                survival, outcomes, fan, talks, escalation, blockers, comparison, sweep, grid, sensitivity,
                observedFan, pit, summaryTable,
            ]
        }
        return ReportInput(
            title: "Russia–Ukraine after the Kursk incursion [kursk-2024]",
            subtitle: "10000 runs × 156 weeks, seed 20240806; A = Ukraine, B = Russia",
            settings: [
                ReportSetting(label: "scenario", value: "kursk-2024"), ReportSetting(label: "runs", value: "10000"),
                ReportSetting(label: "weeks", value: "156"), ReportSetting(label: "seed", value: "20240806"),
                ReportSetting(label: "threads", value: "8"), ReportSetting(label: "report kind", value: kind.rawValue),
            ],
            sections: sections)
    }

    static func stillAtWar(_ week: Int) -> Double {
        week < 10 ? 1 - 0.003 * Double(week) : 0.97 * exp(-0.0043 * Double(week - 10))
    }
    static func halfWidth(_ p: Double) -> Double { 1.96 * (p * (1 - p) / 10000).squareRoot() }

    static var survival: ReportSection {
        let share = weeks.map(stillAtWar)
        return ReportSection(
            title: "Share of runs still at war",
            caption:
                "The line is the Kaplan–Meier estimate of the share of runs still at war after each week; the shaded band is its 95% confidence interval. Where the line drops, wars end.",
            xLabel: "weeks since 6 Aug 2024", yLabel: "runs still at war (%)",
            content: .survival(
                SurvivalData(
                    weeks: weeks, share: share, lower: share.map { $0 - halfWidth($0) },
                    upper: share.map { $0 + halfWidth($0) })))
    }

    static var outcomes: ReportSection {
        let rows: [(String, Double)] = [
            ("settled (ceasefire held)", 0.393), ("ceasefire holding (young)", 0.097),
            ("defeat of Ukraine", 0), ("defeat of Russia", 0), ("still at war", 0.51),
        ]
        return ReportSection(
            title: "Outcome at the horizon (week 156)",
            caption: "Each bar is the share of runs ending in that outcome; the whisker is its 95% Wilson interval.",
            xLabel: "share of runs (%)",
            content: .outcomes(
                rows.map {
                    IntervalEstimate(
                        label: $0.0, value: $0.1, lower: max($0.1 - halfWidth($0.1), 0), upper: $0.1 + halfWidth($0.1))
                }))
    }

    static var fan: ReportSection {
        let median = weeks.map { 0.012 - 0.00002 * Double($0) }
        let spread = weeks.map { 0.0009 * Double($0).squareRoot() }
        return ReportSection(
            title: "Ukraine's share of the contested territory",
            caption:
                "The line is the median over runs; the dark band holds the middle 50% of runs and the light band 90%.",
            xLabel: "weeks since 6 Aug 2024", yLabel: "territory held by A (%)",
            content: .fan(
                FanData(
                    weeks: weeks, median: median, q25: zip(median, spread).map { max($0 - $1, 0) },
                    q75: zip(median, spread).map { $0 + $1 }, q05: zip(median, spread).map { max($0 - 2.5 * $1, 0) },
                    q95: zip(median, spread).map { $0 + 2.5 * $1 })))
    }

    /// A backtest's fan: thousand km² occupied, 26 weeks, observations as points (NaN-free
    /// from week 0), on an axis that does not start at 0.
    static var observedFan: ReportSection {
        let w = Array(0...26)
        let median = w.map { 112.5 + 0.035 * Double($0) }
        let spread = w.map { 0.25 * Double($0).squareRoot() }
        return ReportSection(
            title: "Forecast against what happened: occupied.A",
            caption: "The model's median and bands; the points are the observations.",
            xLabel: "weeks since the start (2024-08-05)", yLabel: "occupied.A",
            content: .fan(
                FanData(
                    weeks: w, median: median, q25: zip(median, spread).map { $0 - $1 },
                    q75: zip(median, spread).map { $0 + $1 }, q05: zip(median, spread).map { $0 - 2.5 * $1 },
                    q95: zip(median, spread).map { $0 + 2.5 * $1 }, style: .number,
                    observed: w.map { 109.5 + 0.104 * Double($0) }, observedName: "observed (occupied_km2)")))
    }

    /// A PIT histogram of three forecasters with the uniform reference.
    static var pit: ReportSection {
        ReportSection(
            title: "Probability integral transform",
            caption: "Where each observation fell in its forecast distribution, in tenths.",
            xLabel: "PIT", yLabel: "share of observed weeks",
            content: .histogram(
                HistogramData(
                    series: [
                        NamedSeries(name: "model", values: [0.65, 0.31, 0.04, 0, 0, 0, 0, 0, 0, 0]),
                        NamedSeries(name: "persistence", values: [0, 0, 0, 0, 0, 0, 0, 0, 0.04, 0.96]),
                        NamedSeries(name: "trend", values: [0, 0, 0, 0, 0, 0, 0, 0.04, 0.08, 0.88]),
                    ], reference: 0.1, referenceName: "calibrated (10% per bin)")))
    }

    static var talks: ReportSection {
        let ended = weeks.map { 1 - stillAtWar($0) }
        let ceasefire = ended.map { $0 * 0.2 }
        let talks = weeks.map { 0.03 + 0.1 * (1 - exp(-Double($0) / 60)) }
        let suspended = weeks.indices.map {
            max(0.95 * stillAtWar(weeks[$0]) - talks[$0] - 0.1 * (1 - exp(-Double(weeks[$0]) / 80)), 0)
        }
        let closed = weeks.indices.map { max(1 - ended[$0] - ceasefire[$0] - talks[$0] - suspended[$0], 0) }
        return ReportSection(
            title: "State of talks over time",
            caption:
                "For each week, the column splits all runs by the state of their talks; the heights add up to 100%.",
            xLabel: "weeks since 6 Aug 2024", yLabel: "share of runs (%)",
            content: .stacked(
                StackedData(
                    weeks: weeks,
                    series: [
                        NamedSeries(name: "closed", values: closed), NamedSeries(name: "talks", values: talks),
                        NamedSeries(name: "suspended", values: suspended),
                        NamedSeries(name: "ceasefire", values: ceasefire),
                        NamedSeries(name: "ended", values: ended.map { $0 * 0.8 }),
                    ])))
    }

    static var escalation: ReportSection {
        let mean = weeks.map { 2.77 * (1 - exp(-Double($0) / 40)) }
        return ReportSection(
            title: "Escalation level over time",
            caption: "The line is the mean escalation rung among runs still at war; the band is its 95% interval.",
            xLabel: "weeks since 6 Aug 2024", yLabel: "escalation level (rung 0–5)",
            content: .line(
                LineData(
                    weeks: weeks,
                    series: [
                        LineSeries(
                            name: "mean level", values: mean, lower: mean.map { $0 * 0.96 },
                            upper: mean.map { $0 * 1.04 })
                    ])))
    }

    static var blockers: ReportSection {
        let suspended = weeks.map { 0.98 - 0.0015 * Double($0) }
        return ReportSection(
            title: "What blocked peace, week by week",
            caption: "Among runs still at war in a week, the share held back by each blocker.",
            xLabel: "weeks since 6 Aug 2024", yLabel: "share of runs at war (%)",
            content: .stacked(
                StackedData(
                    weeks: weeks,
                    series: [
                        NamedSeries(name: "suspended", values: suspended),
                        NamedSeries(name: "unwilling", values: suspended.map { (1 - $0) * 0.5 }),
                        NamedSeries(name: "noMeeting", values: suspended.map { (1 - $0) * 0.5 }),
                        NamedSeries(name: "noRange", values: weeks.map { _ in 0 }),
                    ])))
    }

    static var comparison: ReportSection {
        let curves = [("baseline", 1.0), ("mediator:strength=0.8", 1.35), ("guarantees:on", 1.7)].map { name, factor in
            LineSeries(name: name, values: weeks.map { 1 - (1 - stillAtWar($0)) * factor })
        }
        return ReportSection(
            title: "Baseline and variants",
            caption:
                "Curves: share still at war in each variant, on the same seeds. Dots: each variant's paired difference from the baseline with its 95% CI; a whisker that crosses zero means no clear effect.",
            xLabel: "weeks since 6 Aug 2024", yLabel: "runs still at war (%)",
            content: .comparison(
                ComparisonData(
                    weeks: weeks, curves: curves,
                    differences: [
                        IntervalEstimate(
                            label: "mediator:strength=0.8 · still at war", value: -8.1, lower: -8.9, upper: -7.3),
                        IntervalEstimate(
                            label: "guarantees:on · still at war", value: -15.2, lower: -16.3, upper: -14.1),
                        IntervalEstimate(label: "guarantees:on · weeks to end", value: 0.6, lower: -1.2, upper: 2.4),
                    ], differenceLabel: "difference from baseline (percentage points)")))
    }

    /// A 4 × 3 grid of two parameters, one cell missing.
    static var grid: ReportSection {
        let xs: [Double] = [0, 1.0 / 3, 2.0 / 3, 1]
        let ys: [Double] = [0, 1, 2]
        func cell(_ x: Double, _ y: Double) -> IntervalEstimate? {
            if x == 1 && y == 2 { return nil }
            let v = 0.6 + 0.2 * x - 0.05 * y
            return IntervalEstimate(label: "", value: v, lower: v - 0.02, upper: v + 0.02)
        }
        return ReportSection(
            title: "Settled across a two-parameter grid",
            caption: "Each cell is one sweep point; darker is likelier.",
            content: .heatmap(
                HeatmapData(
                    xParameter: "thirdParties.mediators.decoupling", xLevels: xs, yParameter: "sides.B.contingency",
                    yLevels: ys,
                    cells: ys.map { y in xs.map { x in cell(x, y) } }, style: .percent)))
    }

    static var sweep: ReportSection {
        let xs = (0..<12).map { Double($0) / 11 }
        let aid = (0..<12).map { pow(10, Double($0) / 4 - 1) }
        return ReportSection(
            title: "Still at war at week 156 across the sweep",
            caption:
                "Each dot is one sweep point (an ensemble); the whisker is its 95% Wilson interval. One panel per swept parameter.",
            yLabel: "still at war (%)",
            content: .scatter(
                ScatterData(
                    panels: [
                        ScatterPanel(
                            parameter: "mediator strength (0–1)",
                            points: xs.map {
                                ScatterPoint(
                                    x: $0, y: 0.6 - 0.25 * $0, lower: 0.59 - 0.25 * $0, upper: 0.61 - 0.25 * $0)
                            }),
                        ScatterPanel(
                            parameter: "aid to A (USD bn per week)",
                            points: aid.map {
                                ScatterPoint(
                                    x: $0, y: 0.5 + 0.03 * log10($0), lower: 0.49 + 0.03 * log10($0),
                                    upper: 0.51 + 0.03 * log10($0))
                            }, logarithmic: true),
                        ScatterPanel(
                            parameter: "contingency of B (0–1)",
                            points: xs.map {
                                ScatterPoint(
                                    x: $0, y: 0.4 + 0.2 * $0 * $0, lower: 0.39 + 0.2 * $0 * $0,
                                    upper: 0.41 + 0.2 * $0 * $0)
                            }),
                    ], style: .percent)))
    }

    static var sensitivity: ReportSection {
        let params: [(String, Double, Double)] = [
            ("contingency of B", 0.42, 0.55), ("humiliation weight", 0.18, 0.27),
            ("mediator strength", 0.12, 0.15), ("aid to A (USD bn per week)", 0.03, 0.09),
            ("cost sensitivity of B, per 1% of GDP lost to the war in a year", 0.01, 0.02),
            ("escalation threshold", 0, 0.01),
        ]
        return ReportSection(
            title: "Sobol indices for the share still at war",
            caption:
                "S1 is the share of the output's variance due to the parameter alone, ST including its interactions; whiskers are 95% bootstrap intervals.",
            xLabel: "Sobol index (share of variance, 0–1)",
            content: .bars(
                BarsData(
                    indices: ["S1 (first order)", "ST (total)"],
                    groups: params.map { name, s1, st in
                        BarGroup(
                            label: name,
                            values: [
                                IntervalEstimate(label: "S1", value: s1, lower: s1 - 0.03, upper: s1 + 0.03),
                                IntervalEstimate(label: "ST", value: st, lower: st - 0.04, upper: st + 0.04),
                            ])
                    })))
    }

    static var summaryTable: ReportSection {
        ReportSection(
            title: "Weeks until",
            caption: "Quartiles of the week each event first happened; \">156\" means after the horizon.",
            content: .table(
                TableData(
                    header: ["event", "Q1", "median", "Q3", "happened"],
                    rows: [
                        ["talks first open", "1", "1", "1", "100.0%"], ["the war ends", "88", ">156", ">156", "49.0%"],
                    ])))
    }
}

import Foundation
import StalemateReport

extension ReportBuilder {
    /// The report of a scenario discovery: the coverage–density trade-off, the chosen box's
    /// limits against the ranges, the two most restricted parameters' points, feature scores
    /// and the box's stability.
    public static func discovery(_ d: Discovery) -> ReportInput {
        let chosen = d.trajectory[d.chosen]
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func p(_ x: Double?) -> String {
            x.map { $0 < 0.001 ? String(format: "%.1e", $0) : String(format: "%.3f", $0) } ?? "–"
        }
        let restrictedCounts = Array(Set(d.trajectory.map(\.restricted))).sorted()
        let tradeOff = PointsData(
            groups: restrictedCounts.map { r in
                let steps = d.trajectory.filter { $0.restricted == r }
                return PointGroup(
                    name: r == 0 ? "no parameter restricted" : "\(r) restricted", xs: steps.map(\.coverage),
                    ys: steps.map(\.density), emphasis: true)
            },
            path: d.trajectory.map { [$0.coverage, $0.density] }, ringed: [chosen.coverage, chosen.density],
            ringName: "box \(d.chosen) (chosen)", xStyle: .percent, yStyle: .percent, xDomain: [0, 1], yDomain: [0, 1])
        var sections = [
            ReportSection(
                title: "The coverage–density trade-off",
                caption:
                    "Each dot is a box of PRIM's peeling trajectory, from all \(d.points) points (coverage 100%) to the smallest box; its colour is the number of parameters the box restricts. Coverage: the share of the \(d.pointsOfInterest) points of interest inside the box; density: the share of the box's points that are of interest. Peeling trades coverage for density; the ring is the box reported (\(d.choice)).",
                xLabel: "coverage (share of the points of interest in the box)",
                yLabel: "density (share of the box that is of interest)", content: .points(tradeOff)),
            ReportSection(
                title: "The box's limits against the parameters' ranges",
                caption:
                    "For each parameter the box restricts, its range over the sweep's points (grey) and the part the box keeps (blue), with the quasi-p-value of each limit (Bryant & Lempert 2010: a one-sided binomial test of the box against the box without that limit; above 0.05 the limit may be noise).",
                xLabel: "position in the parameter's range",
                content: .ranges(
                    RangesData(
                        rows: d.box.map { l in
                            let kept: [[Double]]
                            if let levels = l.levels, let all = l.allLevels {
                                kept = levels.compactMap { all.firstIndex(of: $0) }.map {
                                    [Double($0) / Double(all.count), Double($0 + 1) / Double(all.count)]
                                }
                            } else {
                                let width = l.rangeUpper - l.rangeLower
                                kept = [
                                    [(l.lower - l.rangeLower) / width, (l.upper - l.rangeLower) / width]
                                ]
                            }
                            let range =
                                l.allLevels.map { "among " + $0.joined(separator: ", ") }
                                ?? "within \(Discovery.number(l.rangeLower)) … \(Discovery.number(l.rangeUpper))"
                            let quasi =
                                l.levels != nil
                                ? "quasi-p \(p(l.quasiPLower))"
                                : "quasi-p lower \(p(l.quasiPLower)), upper \(p(l.quasiPUpper))"
                            return RangeRow(label: l.parameter, kept: kept, text: "\(l.text) \(range); \(quasi)")
                        }))),
        ]
        if let pair = d.pair {
            let inside = pair.interest.indices.filter { pair.interest[$0] }
            let outside = pair.interest.indices.filter { !pair.interest[$0] }
            sections.append(
                ReportSection(
                    title: "The points on \(pair.x) and \(pair.y)",
                    caption:
                        "Every point of the sweep on the two parameters the box restricts most (the share of the range it cuts), the points of interest (\(d.condition)) in colour, the box drawn over them\(pair.box == nil ? " where its levels are contiguous" : ""). Points on other parameters' limits are inside or outside the box whatever their place here.",
                    xLabel: pair.x, yLabel: pair.y,
                    content: .points(
                        PointsData(
                            groups: [
                                PointGroup(
                                    name: "other points", xs: outside.map { pair.xs[$0] },
                                    ys: outside.map { pair.ys[$0] }),
                                PointGroup(
                                    name: "of interest: \(d.condition)", xs: inside.map { pair.xs[$0] },
                                    ys: inside.map { pair.ys[$0] }, emphasis: true),
                            ], box: pair.box, xLevels: pair.xLevels, yLevels: pair.yLevels))))
        }
        sections.append(
            ReportSection(
                title: "Feature scores",
                caption:
                    "How strongly each parameter alone separates the points of interest from the rest: the Kolmogorov–Smirnov statistic D for a number, the total variation distance for levels (both 0 to 1), with a permutation p-value. A quick first look; PRIM's box says which combinations matter.",
                content: .table(
                    TableData(
                        header: ["rank", "parameter", "statistic", "score", "p (permutation)"],
                        rows: d.features.sorted { $0.rank < $1.rank }.map {
                            [
                                "\($0.rank)", $0.parameter, $0.statistic == "ks" ? "KS D" : "TV", f($0.score),
                                p($0.pValue),
                            ]
                        }))))
        if let st = d.stability {
            sections.append(
                ReportSection(
                    title: "How stable the box is",
                    caption:
                        "PRIM run again on \(st.resamples) bootstrap resamples of the points, each box chosen by the same rule: the share of resamples whose box restricts each parameter. Their boxes' median coverage on all the points is \(f(st.coverage)) and median density \(f(st.density)).",
                    content: .table(
                        TableData(
                            header: ["parameter", "restricted in", "in the box reported"],
                            rows: d.parameters.enumerated().map { j, name in
                                [
                                    name, String(format: "%.0f%%", 100 * st.restricted[j]),
                                    d.box.contains { $0.parameter == name } ? "yes" : "",
                                ]
                            }))))
        }
        sections.append(
            ReportSection(
                title: "Peeling trajectory",
                caption: "Every box of the trajectory; * marks the box reported.",
                content: .table(
                    TableData(
                        header: ["box", "coverage", "density", "mass", "restricted"],
                        rows: d.trajectory.enumerated().map { i, s in
                            [
                                "\(i)\(i == d.chosen ? " *" : "")", f(s.coverage), f(s.density), f(s.mass),
                                "\(s.restricted)",
                            ]
                        }))))
        return ReportInput(
            title: "\(d.scenario): which conditions give \(d.condition)",
            subtitle:
                "PRIM on \(d.points) points of \(d.parameters.count) parameters; box \(d.chosen): coverage \(f(chosen.coverage)), density \(f(chosen.density))",
            settings: [
                ReportSetting(label: "scenario", value: d.scenario),
                ReportSetting(label: "points", value: "\(d.points)\(d.source.map { " (\($0))" } ?? "")"),
                ReportSetting(label: "of interest", value: "\(d.condition): \(d.pointsOfInterest) points"),
                ReportSetting(
                    label: "PRIM", value: "peel α \(d.peelAlpha), paste α \(d.pasteAlpha), smallest box \(d.massMin)"),
            ] + d.box.map { ReportSetting(label: $0.parameter, value: $0.text) },
            sections: sections)
    }
}

extension ReportBuilder {
    /// The report of a robust-levers analysis: each setting's mean against its largest regret,
    /// the non-dominated ones in colour, and the table of every setting.
    public static func robust(_ r: RobustLevers) -> ReportInput {
        func f(_ x: Double) -> String { String(format: abs(x) >= 100 ? "%.1f" : "%.3f", x) }
        let style: ValueStyle =
            ["medianWeeksOfWar", "suspensionsPerRun", "cyclesPerRun", "casualtiesA", "casualtiesB", "termsMedian"]
                .contains(r.metric) ? .number : .percent
        let front = r.settings.filter(\.nonDominated)
        let rest = r.settings.filter { !$0.nonDominated }
        let better = r.goal == "min" ? "lower" : "higher"
        return ReportInput(
            title: "\(r.scenario.title): robust levers for \(r.metric)",
            subtitle:
                "\(r.settings.count) lever settings × \(r.futures.count) futures × \(r.runs) runs, common random numbers",
            settings: [
                ReportSetting(label: "scenario", value: "\(r.scenario.title) [\(r.scenario.id)]"),
                ReportSetting(label: "metric", value: "\(r.metric) (\(better) is better)"),
                ReportSetting(label: "runs per cell", value: "\(r.runs), seed \(r.seed)"),
            ] + r.levers.map { ReportSetting(label: "lever \($0.key)", value: $0.rangeText) }
                + r.uncertain.map { ReportSetting(label: "uncertain \($0.key)", value: $0.rangeText) },
            sections: [
                ReportSection(
                    title: "Mean against largest regret",
                    caption:
                        "Each dot is a setting of the levers: its mean \(r.metric) over the \(r.futures.count) futures against its largest regret (the most it falls short of the best setting in any one future). Non-dominated settings, which no other setting beats on mean, worst decile and largest regret at once, are in colour; the ring is the minimax-regret setting.",
                    xLabel: "mean \(r.metric) over the futures (\(better) is better)",
                    yLabel: "largest regret",
                    content: .points(
                        PointsData(
                            groups: [
                                PointGroup(name: "dominated", xs: rest.map(\.mean), ys: rest.map(\.maxRegret)),
                                PointGroup(
                                    name: "non-dominated", xs: front.map(\.mean), ys: front.map(\.maxRegret),
                                    emphasis: true),
                            ],
                            ringed: [r.settings[r.minimaxRegret].mean, r.settings[r.minimaxRegret].maxRegret],
                            ringName: "minimax regret", xStyle: style, yStyle: style))),
                ReportSection(
                    title: "Every setting",
                    caption:
                        "Worst decile: the value the setting does no worse than in 90% of the futures. Regret: the gap to the best setting in the same future (Savage 1951); 90% regret is its 90th percentile over the futures.",
                    content: .table(
                        TableData(
                            header: ["setting", "mean", "worst decile", "max regret", "90% regret", ""],
                            rows: r.settings.enumerated().map { i, s in
                                var marks: [String] = []
                                if s.nonDominated { marks.append("non-dominated") }
                                if i == r.minimaxRegret { marks.append("minimax regret") }
                                if i == r.bestMean { marks.append("best mean") }
                                if i == r.bestWorstDecile { marks.append("best worst decile") }
                                return [
                                    s.label, f(s.mean), f(s.worstDecile), f(s.maxRegret), f(s.regret90),
                                    marks.joined(separator: ", "),
                                ]
                            }))),
            ])
    }
}

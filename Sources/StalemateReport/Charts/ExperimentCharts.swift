import Foundation

/// Charts for experiments and sweeps: overlaid curves with a forest plot of paired
/// differences, and one small scatter chart per swept parameter.
enum ExperimentCharts {
    /// The overlaid curves and, below them, the forest plot of the paired differences.
    static func comparison(id: String, section: ReportSection, data: ComparisonData) -> [String] {
        let curves = TimeCharts.lines(
            id: "\(id)-curves", kind: "comparison-curves", title: section.title, caption: section.caption,
            xLabel: section.xLabel, yLabel: section.yLabel, weeks: data.weeks, series: data.curves,
            style: data.curveStyle, steps: data.steps, fixedY: data.curveStyle == .percent ? (0, 1) : nil)
        let rows = data.differences.map { IntervalCharts.Row(label: $0.label, values: [$0]) }
        let forest = IntervalCharts.horizontal(
            id: "\(id)-differences", kind: "comparison-differences",
            title: "\(section.title): paired differences (variant − baseline)", caption: section.caption,
            valueLabel: data.differenceLabel, rows: rows, series: [], style: data.differenceStyle, mark: .point,
            showValues: true)
        return [curves, forest]
    }

    static let panelWidth = 360.0
    static let panelHeight = 280.0

    /// One chart per parameter: the metric (vertical) against the parameter (horizontal),
    /// each point with its CI as a vertical whisker. All panels share the vertical domain.
    static func scatter(id: String, section: ReportSection, data: ScatterData) -> [String] {
        let panels = data.panels.isEmpty ? [ScatterPanel(parameter: section.xLabel, points: [])] : data.panels
        let ys = data.panels.flatMap { $0.points.flatMap { [$0.y, $0.lower ?? .nan, $0.upper ?? .nan] } }
        let yExtent = LinearScale.extent(ys) ?? (0, 1)
        return panels.enumerated().map { index, panel in
            var canvas = ChartCanvas(
                id: "\(id)-\(index + 1)", width: panelWidth, height: panelHeight, left: 62,
                right: 18)
            let points = panel.points.filter { $0.x.isFinite && $0.y.isFinite && (!panel.logarithmic || $0.x > 0) }
            let xExtent: (Double, Double)
            if let levels = panel.levels {
                xExtent = (-0.5, Double(levels.count) - 0.5)
            } else {
                xExtent = LinearScale.extent(points.map(\.x)) ?? (panel.logarithmic ? (1, 10) : (0, 1))
            }
            var x = LinearScale(
                lower: xExtent.0, upper: xExtent.1, rangeStart: canvas.left + 8,
                rangeEnd: canvas.right - 8, logarithmic: panel.logarithmic)
            if panel.levels == nil { x.nice(target: 4) }
            var y = LinearScale(lower: yExtent.0, upper: yExtent.1, rangeStart: canvas.bottom, rangeEnd: canvas.top)
            y.nice(target: 4)
            let xFormat = ValueFormatter(style: .number, step: panel.logarithmic ? 1 : x.step(target: 4))
            let xTicks = panel.levels.map { $0.indices.map(Double.init) } ?? x.ticks(target: 4)
            let names = panel.levels ?? []
            let levelName: (Double) -> String = { v in
                let i = Int(v.rounded())
                return names.indices.contains(i) ? names[i] : ""
            }
            let format: (Double) -> String =
                panel.levels != nil ? levelName : panel.logarithmic ? logLabel : xFormat.string
            canvas.xAxis(x, ticks: xTicks, format: format, title: panel.parameter)
            canvas.yAxis(
                y, ticks: y.ticks(target: 4),
                format: ValueFormatter(
                    style: data.style,
                    step: y.step(target: 4)
                ).string,
                title: section.yLabel)
            let n = SVGMarkup.number
            for point in points {
                let cx = x.map(point.x)
                if let lo = point.lower, let hi = point.upper, lo.isFinite, hi.isFinite {
                    canvas.mark(
                        "line",
                        [
                            ("x1", n(cx)), ("y1", n(y.map(lo))), ("x2", n(cx)), ("y2", n(y.map(hi))),
                            ("stroke", Palette.grey), ("stroke-width", "1.5"),
                        ])
                }
                canvas.mark(
                    "circle",
                    [
                        ("cx", n(cx)), ("cy", n(y.map(point.y))), ("r", "3.5"),
                        ("fill", Palette.blue),
                    ])
            }
            if canvas.markCount == 0 { canvas.noData() }
            return canvas.svg(
                kind: "scatter", title: "\(section.title): against \(panel.parameter)",
                description: section.caption)
        }
    }

    /// Tick labels on a log axis: plain numbers without trailing zeros (0.01, 1, 100, 1e+06).
    static func logLabel(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        return String(format: "%g", value)
    }
}

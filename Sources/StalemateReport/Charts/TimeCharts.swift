import Foundation

/// Charts over weeks: lines with bands (survival, escalation, experiment curves), fan
/// charts and stacked shares. Non-finite values split a line or band into separate pieces;
/// a piece of one point is drawn as a dot (line) or a whisker (band).
enum TimeCharts {
    static let width = 720.0
    static let height = 360.0
    static let leftMargin = 64.0

    /// Lines over weeks, each with an optional band; `fixedY` pins the vertical domain.
    static func lines(
        id: String, kind: String, title: String, caption: String, xLabel: String, yLabel: String,
        weeks: [Int], series: [LineSeries], style: ValueStyle, steps: Bool, fixedY: (Double, Double)? = nil,
        bandName: String = "shaded: 95% interval"
    ) -> String {
        var legend = series.enumerated().map { i, s in
            LegendItem(name: s.name, color: Palette.color(i), key: .line(dash: Palette.dash(i)))
        }
        let hasBand = series.contains { $0.lower != nil && $0.upper != nil }
        if hasBand {
            let color = series.count == 1 ? Palette.color(0) : Palette.grey
            legend.append(LegendItem(name: bandName, color: color, key: .swatch(opacity: 0.3)))
        }
        let all = series.flatMap { $0.values + ($0.lower ?? []) + ($0.upper ?? []) }
        var canvas = ChartCanvas(id: id, width: width, height: height, left: leftMargin, legend: legend)
        let x = weekScale(weeks, canvas: canvas, pad: 0)
        let y = valueScale(all, canvas: canvas, style: style, fixed: fixedY)
        axes(&canvas, x: x, y: y, style: style, xLabel: xLabel, yLabel: yLabel)
        for (i, s) in series.enumerated() {
            if let lower = s.lower, let upper = s.upper {
                drawBand(
                    &canvas, weeks: weeks, lower: lower, upper: upper, x: x, y: y, steps: steps,
                    color: Palette.color(i), opacity: 0.25)
            }
        }
        for (i, s) in series.enumerated() {
            drawLine(
                &canvas, weeks: weeks, values: s.values, x: x, y: y, steps: steps, color: Palette.color(i),
                dash: Palette.dash(i))
        }
        if canvas.markCount == 0 { canvas.noData() }
        return canvas.svg(kind: kind, title: title, description: caption)
    }

    /// A fan chart: the 90% band, the 50% band and the median, in shades of one colour.
    static func fan(id: String, section: ReportSection, data: FanData) -> String {
        var legend = [
            LegendItem(name: "median", color: Palette.blue, key: .line(dash: "")),
            LegendItem(name: "50% of runs (25th–75th percentile)", color: Palette.blue, key: .swatch(opacity: 0.45)),
            LegendItem(name: "90% of runs (5th–95th percentile)", color: Palette.blue, key: .swatch(opacity: 0.18)),
        ]
        let observed = data.observed ?? []
        if !observed.isEmpty {
            legend.append(LegendItem(name: data.observedName ?? "observed", color: Palette.vermillion, key: .dot))
        }
        var canvas = ChartCanvas(id: id, width: width, height: height, left: leftMargin, legend: legend)
        let x = weekScale(data.weeks, canvas: canvas, pad: 0)
        let all = data.median + data.q05 + data.q95 + data.q25 + data.q75 + observed
        // Fitted to the runs (and observations), not stretched to 0: a share moving between 68%
        // and 72% must not collapse into a strip.
        let y = fittedScale(all, canvas: canvas)
        axes(&canvas, x: x, y: y, style: data.style, xLabel: section.xLabel, yLabel: section.yLabel)
        drawBand(
            &canvas, weeks: data.weeks, lower: data.q05, upper: data.q95, x: x, y: y, steps: false,
            color: Palette.blue, opacity: 0.18)
        drawBand(
            &canvas, weeks: data.weeks, lower: data.q25, upper: data.q75, x: x, y: y, steps: false,
            color: Palette.blue, opacity: 0.45)
        drawLine(
            &canvas, weeks: data.weeks, values: data.median, x: x, y: y, steps: false, color: Palette.blue,
            dash: "")
        let n = SVGMarkup.number
        for (i, value) in observed.enumerated() where i < data.weeks.count && value.isFinite {
            canvas.mark(
                "circle",
                [
                    ("cx", n(x.map(Double(data.weeks[i])))), ("cy", n(y.map(value))), ("r", "3.2"),
                    ("fill", Palette.vermillion), ("stroke", "#ffffff"), ("stroke-width", "0.8"),
                    ("data-observed", "true"),
                ])
        }
        if canvas.markCount == 0 { canvas.noData() }
        return canvas.svg(kind: "fan", title: section.title, description: section.caption)
    }

    /// A value axis fitted to the data (not forced through 0), with a little room around it.
    static func fittedScale(_ values: [Double], canvas: ChartCanvas) -> LinearScale {
        let extent = LinearScale.extent(values) ?? (0, 1)
        let pad = max((extent.1 - extent.0) * 0.05, abs(extent.1) * 1e-6, 1e-9)
        var scale = LinearScale(
            lower: extent.0 - pad, upper: extent.1 + pad, rangeStart: canvas.bottom, rangeEnd: canvas.top)
        scale.nice(target: 5)
        return scale
    }

    /// Columns over equal bins of [0, 1], the series side by side in each bin, with an
    /// optional dashed reference level.
    static func histogram(id: String, section: ReportSection, data: HistogramData) -> String {
        var legend = data.series.enumerated().map { i, s in
            LegendItem(name: s.name, color: Palette.color(i), key: .swatch(opacity: 0.85))
        }
        if let name = data.referenceName, data.reference != nil {
            legend.append(LegendItem(name: name, color: Palette.black, key: .line(dash: "5 4")))
        }
        var canvas = ChartCanvas(id: id, width: width, height: height, left: leftMargin, legend: legend)
        let x = LinearScale(lower: 0, upper: 1, rangeStart: canvas.left, rangeEnd: canvas.right)
        let values = data.series.flatMap(\.values) + (data.reference.map { [$0] } ?? [])
        let y = valueScale(values, canvas: canvas, style: .percent, fixed: nil)
        canvas.xAxis(
            x, ticks: (0...10).map { Double($0) / 10 }, format: ValueFormatter(style: .number, step: 0.1).string,
            title: section.xLabel)
        canvas.yAxis(
            y, ticks: y.ticks(target: 5), format: ValueFormatter(style: .percent, step: y.step(target: 5)).string,
            title: section.yLabel)
        let n = SVGMarkup.number
        let groups = max(1, data.series.count)
        for (s, series) in data.series.enumerated() {
            let bins = series.values.count
            guard bins > 0 else { continue }
            for (b, share) in series.values.enumerated() where share.isFinite && share > 0 {
                let left = Double(b) / Double(bins), width = 1 / Double(bins)
                let x0 = x.map(left + width * (0.08 + 0.84 * Double(s) / Double(groups)))
                let x1 = x.map(left + width * (0.08 + 0.84 * Double(s + 1) / Double(groups)))
                canvas.mark(
                    "rect",
                    [
                        ("x", n(x0)), ("y", n(y.map(share))), ("width", n(max(x1 - x0, 0.5))),
                        ("height", n(max(y.map(0) - y.map(share), 0.5))), ("fill", Palette.color(s)),
                        ("fill-opacity", "0.85"),
                    ])
            }
        }
        if canvas.markCount == 0 { canvas.noData() }
        if let reference = data.reference {
            canvas.decoration(
                "line",
                [
                    ("x1", n(x.map(0))), ("y1", n(y.map(reference))), ("x2", n(x.map(1))), ("y2", n(y.map(reference))),
                    ("stroke", Palette.black), ("stroke-width", "1.5"), ("stroke-dasharray", "5 4"),
                ])
        }
        return canvas.svg(kind: "histogram", title: section.title, description: section.caption)
    }

    /// Stacked shares: each week a column one week wide, the first series at the bottom.
    static func stacked(id: String, section: ReportSection, data: StackedData) -> String {
        let legend = data.series.enumerated().map { i, s in
            LegendItem(name: s.name, color: Palette.area(i), key: .swatch(opacity: 0.9))
        }
        var canvas = ChartCanvas(id: id, width: width, height: height, left: leftMargin, legend: legend)
        let x = weekScale(data.weeks, canvas: canvas, pad: 0.5)
        let y = valueScale([], canvas: canvas, style: .percent, fixed: (0, 1))
        axes(&canvas, x: x, y: y, style: .percent, xLabel: section.xLabel, yLabel: section.yLabel)
        let order = data.weeks.indices.sorted { data.weeks[$0] < data.weeks[$1] }
        var cumulative = [Double](repeating: 0, count: data.weeks.count)
        for (i, s) in data.series.enumerated() {
            var points: [(x: Double, low: Double, high: Double)] = []
            var visible = false
            for index in order {
                let raw = index < s.values.count ? s.values[index] : 0
                let share = raw.isFinite && raw > 0 ? raw : 0
                let low = cumulative[index], high = min(low + share, 1)
                cumulative[index] = high
                visible = visible || high > low
                let week = Double(data.weeks[index])
                points.append((x.map(week - 0.5), y.map(low), y.map(high)))
                points.append((x.map(week + 0.5), y.map(low), y.map(high)))
            }
            guard visible else { continue }
            canvas.mark(
                "path",
                [
                    ("d", SVGMarkup.band(points, steps: false)), ("fill", Palette.area(i)),
                    ("fill-opacity", "0.9"),
                ])
        }
        if canvas.markCount == 0 { canvas.noData() }
        return canvas.svg(kind: "stacked", title: section.title, description: section.caption)
    }

    static func weekScale(_ weeks: [Int], canvas: ChartCanvas, pad: Double) -> LinearScale {
        let lo = Double(weeks.min() ?? 0) - pad, hi = Double(weeks.max() ?? 1) + pad
        return LinearScale(lower: lo, upper: hi, rangeStart: canvas.left, rangeEnd: canvas.right)
    }

    static func valueScale(_ values: [Double], canvas: ChartCanvas, style: ValueStyle, fixed: (Double, Double)?)
        -> LinearScale
    {
        if let fixed {
            return LinearScale(lower: fixed.0, upper: fixed.1, rangeStart: canvas.bottom, rangeEnd: canvas.top)
        }
        let extent = LinearScale.extent(values) ?? (0, 1)
        var scale = LinearScale(
            lower: min(extent.0, 0), upper: max(extent.1, 0), rangeStart: canvas.bottom,
            rangeEnd: canvas.top)
        scale.nice(target: 5)
        return scale
    }

    static func axes(
        _ canvas: inout ChartCanvas, x: LinearScale, y: LinearScale, style: ValueStyle,
        xLabel: String, yLabel: String
    ) {
        let xStep = max(x.step(target: 8), 1)
        let xTicks = x.ticks(target: 8).filter { $0 == $0.rounded() }
        canvas.xAxis(x, ticks: xTicks, format: ValueFormatter(style: .number, step: xStep).string, title: xLabel)
        let yFormat = ValueFormatter(style: style, step: y.step(target: 5))
        canvas.yAxis(y, ticks: y.ticks(target: 5), format: yFormat.string, title: yLabel)
    }

    static func drawLine(
        _ canvas: inout ChartCanvas, weeks: [Int], values: [Double], x: LinearScale,
        y: LinearScale, steps: Bool, color: String, dash: String
    ) {
        let n = SVGMarkup.number
        for piece in pieces(count: min(weeks.count, values.count), isFinite: { values[$0].isFinite }) {
            let points = piece.map { (x: x.map(Double(weeks[$0])), y: y.map(values[$0])) }
            if let only = points.first, points.count == 1 {
                canvas.mark("circle", [("cx", n(only.x)), ("cy", n(only.y)), ("r", "3.5"), ("fill", color)])
            } else {
                canvas.mark(
                    "path",
                    [
                        ("d", SVGMarkup.path(points, steps: steps)), ("fill", "none"),
                        ("stroke", color), ("stroke-width", "2.2"), ("stroke-dasharray", dash),
                    ])
            }
        }
    }

    static func drawBand(
        _ canvas: inout ChartCanvas, weeks: [Int], lower: [Double], upper: [Double],
        x: LinearScale, y: LinearScale, steps: Bool, color: String, opacity: Double
    ) {
        let n = SVGMarkup.number
        let count = min(weeks.count, lower.count, upper.count)
        for piece in pieces(count: count, isFinite: { lower[$0].isFinite && upper[$0].isFinite }) {
            let points = piece.map { (x: x.map(Double(weeks[$0])), low: y.map(lower[$0]), high: y.map(upper[$0])) }
            if let only = points.first, points.count == 1 {
                canvas.mark(
                    "line",
                    [
                        ("x1", n(only.x)), ("y1", n(only.low)), ("x2", n(only.x)), ("y2", n(only.high)),
                        ("stroke", color), ("stroke-width", "6"), ("stroke-opacity", "\(opacity)"),
                    ])
            } else {
                canvas.mark(
                    "path",
                    [
                        ("d", SVGMarkup.band(points, steps: steps)), ("fill", color),
                        ("fill-opacity", "\(opacity)"),
                    ])
            }
        }
    }

    /// Index runs `0..<count` split wherever `isFinite` is false.
    static func pieces(count: Int, isFinite: (Int) -> Bool) -> [[Int]] {
        var result: [[Int]] = [], current: [Int] = []
        for index in 0..<max(count, 0) {
            if isFinite(index) {
                current.append(index)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

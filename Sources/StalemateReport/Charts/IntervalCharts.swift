import Foundation

/// Horizontal interval charts: one row per label, each with one estimate per series drawn
/// as a bar from zero (outcomes, sensitivity indices) or a dot (paired differences, a forest
/// plot), with a whisker from the lower to the upper end of its interval.
enum IntervalCharts {
    /// How an estimate is drawn.
    enum Mark {
        case bar
        case point
    }

    /// One row: a label and one estimate per series (`nil` for a missing one).
    struct Row {
        let label: String
        let values: [IntervalEstimate?]
    }

    static let width = 720.0

    /// Draws the chart. `fixed` pins the value domain (e.g. `(0, 1)` for probabilities);
    /// `showValues` writes each estimate next to its whisker (single series only).
    static func horizontal(
        id: String, kind: String, title: String, caption: String, valueLabel: String, rows: [Row],
        series: [String], style: ValueStyle, mark: Mark, fixed: (Double, Double)? = nil, showValues: Bool = false
    ) -> String {
        let legend =
            series.count < 2
            ? []
            : series.enumerated().map { i, name in
                LegendItem(name: name, color: Palette.color(i), key: mark == .bar ? .swatch(opacity: 0.85) : .point)
            }
        let longest = rows.map(\.label.count).max() ?? 0
        let labelChars = min(max(longest, 6), 34)
        let left = Double(labelChars) * ChartCanvas.charWidth + 16
        let right = showValues ? 64.0 : 24.0
        let perRow = max(series.count, 1)
        let rowHeight = max(28, 10 + 16 * Double(perRow))
        let legendHeight = ChartCanvas.legendHeight(legend, width: width - left - right)
        let height = 14 + legendHeight + rowHeight * Double(max(rows.count, 1)) + 52
        var canvas = ChartCanvas(id: id, width: width, height: height, left: left, right: right, legend: legend)

        let values = rows.flatMap { $0.values.compactMap { $0 } }
        let all = values.flatMap { [$0.value, $0.lower ?? .nan, $0.upper ?? .nan] }
        var scale: LinearScale
        if let fixed {
            scale = LinearScale(lower: fixed.0, upper: fixed.1, rangeStart: canvas.left, rangeEnd: canvas.right)
        } else {
            let extent = LinearScale.extent(all) ?? (0, 1)
            scale = LinearScale(
                lower: min(extent.0, 0), upper: max(extent.1, 0), rangeStart: canvas.left,
                rangeEnd: canvas.right)
            scale.nice(target: 6)
        }
        let step = scale.step(target: 6)
        let format = ValueFormatter(style: style, step: step)
        let n = SVGMarkup.number
        for tick in scale.ticks(target: 6) {
            let x = scale.map(tick)
            canvas.decoration(
                "line",
                [
                    ("x1", n(x)), ("y1", n(canvas.top)), ("x2", n(x)), ("y2", n(canvas.bottom)),
                    ("class", tick == 0 ? "zero" : "grid"),
                ])
        }
        canvas.xAxis(scale, ticks: scale.ticks(target: 6), format: format.string, title: valueLabel)
        let valueFormat = ValueFormatter(style: style, step: style == .percent ? 0.001 : step / 10)

        for (r, row) in rows.enumerated() {
            let rowTop = canvas.top + Double(r) * rowHeight
            if r % 2 == 1 {
                canvas.decoration(
                    "rect",
                    [
                        ("x", n(0)), ("y", n(rowTop)), ("width", n(canvas.right)),
                        ("height", n(rowHeight)), ("class", "row-shade"),
                    ])
            }
            canvas.label(
                row.label, x: left - 8, y: rowTop + rowHeight / 2 + 4, anchor: "end", maxChars: labelChars,
                attributes: [("class", "category")])
            let slot = (rowHeight - 8) / Double(perRow)
            for (i, estimate) in row.values.enumerated() {
                guard let estimate, estimate.value.isFinite else { continue }
                let cy = rowTop + 4 + slot * (Double(i) + 0.5)
                let color = Palette.color(series.count < 2 ? 0 : i)
                let x = scale.map(estimate.value)
                switch mark {
                case .bar:
                    let zero = scale.map(max(scale.lower, min(0, scale.upper)))
                    let thickness = max(slot - 4, 4)
                    canvas.mark(
                        "rect",
                        [
                            ("x", n(min(x, zero))), ("y", n(cy - thickness / 2)),
                            ("width", n(max(abs(x - zero), 1))), ("height", n(thickness)),
                            ("fill", color), ("fill-opacity", "0.85"),
                        ])
                case .point:
                    canvas.mark("circle", [("cx", n(x)), ("cy", n(cy)), ("r", "4.5"), ("fill", color)])
                }
                var end = x
                if let lo = estimate.lower, let hi = estimate.upper, lo.isFinite, hi.isFinite {
                    let x1 = scale.map(lo), x2 = scale.map(hi)
                    end = max(end, x2)
                    canvas.mark(
                        "path",
                        [
                            (
                                "d",
                                "M\(n(x1)),\(n(cy))H\(n(x2))M\(n(x1)),\(n(cy - 5))V\(n(cy + 5))"
                                    + "M\(n(x2)),\(n(cy - 5))V\(n(cy + 5))"
                            ),
                            ("stroke", "#000"), ("stroke-width", "1.4"), ("fill", "none"),
                        ])
                }
                if showValues {
                    canvas.label(
                        valueFormat.string(estimate.value), x: end + 6, y: cy + 4, maxChars: 10,
                        attributes: [("class", "value")])
                }
            }
        }
        if canvas.markCount == 0 { canvas.noData() }
        return canvas.svg(kind: kind, title: title, description: caption)
    }
}

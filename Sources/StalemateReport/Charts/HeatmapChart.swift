import Foundation

extension ExperimentCharts {
    /// ColorBrewer's five-class "Blues" (Brewer 2003), light to dark: sequential, readable
    /// by the common forms of colour blindness and in greyscale.
    static let ramp: [(Double, Double, Double)] = [
        (0xEF, 0xF3, 0xFF), (0xBD, 0xD7, 0xE7), (0x6B, 0xAE, 0xD6), (0x31, 0x82, 0xBD), (0x08, 0x51, 0x9C),
    ]

    /// The ramp's colour at `t` in [0, 1], interpolated between its stops.
    static func rampColor(_ t: Double) -> String {
        let x = min(1, max(0, t.isFinite ? t : 0)) * Double(ramp.count - 1)
        let i = min(Int(x), ramp.count - 2)
        let f = x - Double(i)
        let (a, b) = (ramp[i], ramp[i + 1])
        func mix(_ p: Double, _ q: Double) -> Int { Int((p + f * (q - p)).rounded()) }
        return String(format: "#%02X%02X%02X", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    /// One cell per pair of levels, coloured by the metric on a scale fitted to the values
    /// drawn (the legend gives its five bands), with the value written in the cell and the
    /// 95% interval in the cell's tooltip.
    static func heatmap(id: String, section: ReportSection, data: HeatmapData) -> String {
        let values = data.cells.flatMap { $0.compactMap { $0?.value } }.filter(\.isFinite)
        let lo = values.min() ?? 0
        let hi = values.max() ?? 1
        let span = hi > lo ? hi - lo : 1
        let format = ValueFormatter(style: data.style, step: span / 10)
        let bands = (0..<5).map { k -> LegendItem in
            let a = lo + span * Double(k) / 5
            let b = lo + span * Double(k + 1) / 5
            return LegendItem(
                name: "\(format.string(a))–\(format.string(b))", color: rampColor((Double(k) + 0.5) / 5),
                key: .swatch(opacity: 1))
        }
        let columns = max(1, data.xLevels.count)
        let rows = max(1, data.yLevels.count)
        let width = 640.0
        var canvas = ChartCanvas(
            id: id, width: width,
            height: 120 + 40 * Double(min(rows, 12)) + ChartCanvas.legendHeight(bands, width: width - 96),
            left: 78, right: 18, legend: values.isEmpty ? [] : bands)
        let n = SVGMarkup.number
        let cellWidth = (canvas.right - canvas.left) / Double(columns)
        let cellHeight = (canvas.bottom - canvas.top) / Double(rows)
        let levelFormat = { (levels: [Double]) -> (Double) -> String in
            let steps = zip(levels.dropFirst(), levels).map { $0 - $1 }.filter { $0 > 0 }
            // One digit more than the spacing needs, so 1/3 and 2/3 read 0.33 and 0.67.
            let f = ValueFormatter(style: .number, step: (steps.min() ?? 1) / 10)
            return f.string
        }
        func named(_ names: [String]?, _ levels: [Double]) -> (Double) -> String {
            guard let names else { return levelFormat(levels) }
            return { v in names.indices.contains(Int(v)) ? names[Int(v)] : "" }
        }
        let xText = named(data.xNames, data.xLevels)
        let yText = named(data.yNames, data.yLevels)
        for (j, level) in data.xLevels.enumerated() {
            canvas.label(
                xText(level), x: canvas.left + (Double(j) + 0.5) * cellWidth, y: canvas.bottom + 18, anchor: "middle",
                maxChars: 10, attributes: [("class", "tick")])
        }
        for (i, level) in data.yLevels.enumerated() {
            // Row 0 (the lowest level) at the bottom, as on a y axis.
            let y = canvas.bottom - (Double(i) + 0.5) * cellHeight
            canvas.label(
                yText(level), x: canvas.left - 6, y: y + 4, anchor: "end", maxChars: 10, attributes: [("class", "tick")]
            )
        }
        canvas.xTitle(data.xParameter)
        canvas.yTitle(data.yParameter)
        for (i, row) in data.cells.enumerated() where i < rows {
            for (j, cell) in row.enumerated() where j < columns {
                guard let cell, cell.value.isFinite else { continue }
                let t = (cell.value - lo) / span
                let x = canvas.left + Double(j) * cellWidth
                let y = canvas.bottom - Double(i + 1) * cellHeight
                var tip =
                    "\(data.xParameter) = \(xText(data.xLevels[j])), \(data.yParameter) = \(yText(data.yLevels[i])): \(format.string(cell.value))"
                if let l = cell.lower, let u = cell.upper, l.isFinite, u.isFinite {
                    tip += " (95% CI \(format.string(l))–\(format.string(u)))"
                }
                canvas.mark(
                    "rect",
                    [
                        ("x", n(x + 1)), ("y", n(y + 1)), ("width", n(max(1, cellWidth - 2))),
                        ("height", n(max(1, cellHeight - 2))), ("fill", rampColor(t)),
                    ], tooltip: tip)
                if cellWidth >= 44 && cellHeight >= 18 {
                    // Dark cells get white text (inline style: the stylesheet sets text black).
                    canvas.label(
                        format.string(cell.value), x: x + cellWidth / 2, y: y + cellHeight / 2 + 4, anchor: "middle",
                        maxChars: Int(cellWidth / ChartCanvas.charWidth),
                        attributes: [("class", "value"), ("style", t > 0.6 ? "fill:#fff" : "fill:#000")])
                }
            }
        }
        if canvas.markCount == 0 { canvas.noData() }
        return canvas.svg(
            kind: "heatmap", title: "\(section.title): \(data.yParameter) against \(data.xParameter)",
            description: section.caption)
    }
}

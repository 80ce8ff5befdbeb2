import Foundation

/// Charts of scenario discovery: points in coloured groups (the coverage–density trade-off,
/// a pair of parameters with the box) and limits against ranges.
enum DiscoveryCharts {
    static let width = 640.0
    static let height = 420.0

    /// A categorical value's spread around its level, the same for the same point each time.
    static func jitter(_ index: Int, _ salt: Int) -> Double {
        var z = UInt64(truncatingIfNeeded: index &* 0x9E37_79B9 &+ salt &* 0x85EB_CA6B)
        z = (z ^ (z >> 16)) &* 0x45D9_F3B
        z = (z ^ (z >> 16)) &* 0x45D9_F3B
        z ^= z >> 16
        return (Double(z % 1000) / 1000 - 0.5) * 0.6
    }

    static func points(id: String, section: ReportSection, data: PointsData) -> String {
        var legend = data.groups.enumerated().map { i, g in
            LegendItem(name: g.name, color: color(i, data), key: .dot)
        }
        if data.ringed != nil { legend.append(LegendItem(name: data.ringName, color: Palette.black, key: .dot)) }
        if data.box != nil {
            legend.append(LegendItem(name: "the box", color: Palette.black, key: .line(dash: "none")))
        }
        var canvas = ChartCanvas(id: id, width: width, height: height, left: 70, legend: legend)
        func domain(_ values: [Double], levels: [String]?, fixed: [Double]?) -> (Double, Double) {
            if let fixed, fixed.count == 2 { return (fixed[0], fixed[1]) }
            if let levels { return (-0.5, Double(levels.count) - 0.5) }
            return LinearScale.extent(values) ?? (0, 1)
        }
        let xsAll = data.groups.flatMap(\.xs) + data.path.map { $0[0] }
        let ysAll = data.groups.flatMap(\.ys) + data.path.map { $0[1] }
        let xd = domain(xsAll, levels: data.xLevels, fixed: data.xDomain)
        let yd = domain(ysAll, levels: data.yLevels, fixed: data.yDomain)
        var x = LinearScale(lower: xd.0, upper: xd.1, rangeStart: canvas.left + 8, rangeEnd: canvas.right - 8)
        var y = LinearScale(lower: yd.0, upper: yd.1, rangeStart: canvas.bottom, rangeEnd: canvas.top)
        if data.xLevels == nil && data.xDomain == nil { x.nice(target: 5) }
        if data.yLevels == nil && data.yDomain == nil { y.nice(target: 5) }
        func ticks(_ scale: LinearScale, _ levels: [String]?) -> [Double] {
            levels.map { $0.indices.map(Double.init) } ?? scale.ticks(target: 5)
        }
        func format(_ scale: LinearScale, _ levels: [String]?, _ style: ValueStyle) -> (Double) -> String {
            if let levels {
                return { v in
                    let i = Int(v.rounded())
                    return levels.indices.contains(i) ? levels[i] : ""
                }
            }
            return ValueFormatter(style: style, step: scale.step(target: 5)).string
        }
        canvas.xAxis(
            x, ticks: ticks(x, data.xLevels), format: format(x, data.xLevels, data.xStyle), title: section.xLabel)
        canvas.yAxis(
            y, ticks: ticks(y, data.yLevels), format: format(y, data.yLevels, data.yStyle), title: section.yLabel)
        let n = SVGMarkup.number
        if let box = data.box, box.count == 4 {
            let (x0, x1) = (x.map(box[0]), x.map(box[1]))
            let (y0, y1) = (y.map(box[3]), y.map(box[2]))
            canvas.decoration(
                "rect",
                [
                    ("x", n(min(x0, x1))), ("y", n(min(y0, y1))), ("width", n(abs(x1 - x0))),
                    ("height", n(abs(y1 - y0))), ("fill", "none"), ("stroke", Palette.black),
                    ("stroke-width", "2"), ("class", "box"),
                ])
        }
        if data.path.count > 1 {
            let d = data.path.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(n(x.map(p[0]))) \(n(y.map(p[1])))" }
            canvas.decoration(
                "path",
                [("d", d.joined(separator: " ")), ("fill", "none"), ("stroke", Palette.grey), ("stroke-width", "1")])
        }
        let order = data.groups.indices.sorted { !data.groups[$0].emphasis && data.groups[$1].emphasis }
        for g in order {
            let group = data.groups[g]
            for (i, (px, py)) in zip(group.xs, group.ys).enumerated() where px.isFinite && py.isFinite {
                let jx = data.xLevels == nil ? 0 : jitter(i, g * 2 + 1)
                let jy = data.yLevels == nil ? 0 : jitter(i, g * 2 + 2)
                canvas.mark(
                    "circle",
                    [
                        ("cx", n(x.map(px + jx))), ("cy", n(y.map(py + jy))), ("r", group.emphasis ? "3.5" : "2.5"),
                        ("fill", color(g, data)), ("fill-opacity", group.emphasis ? "0.9" : "0.55"),
                    ])
            }
        }
        if let r = data.ringed, r.count == 2 {
            canvas.decoration(
                "circle",
                [
                    ("cx", n(x.map(r[0]))), ("cy", n(y.map(r[1]))), ("r", "8"), ("fill", "none"),
                    ("stroke", Palette.black), ("stroke-width", "2"), ("class", "ring"),
                ])
        }
        if canvas.markCount == 0 { canvas.noData() }
        return canvas.svg(kind: "points", title: section.title, description: section.caption)
    }

    static func color(_ i: Int, _ data: PointsData) -> String {
        // Two groups read best as "of interest" (vermillion) against the rest (grey).
        if data.groups.count == 2 && data.groups.filter(\.emphasis).count == 1 {
            return data.groups[i].emphasis ? Palette.vermillion : Palette.grey
        }
        return Palette.color(i)
    }

    static func ranges(id: String, section: ReportSection, data: RangesData) -> String {
        let rowHeight = 34.0
        let labelWidth = min(260.0, Double(data.rows.map(\.label.count).max() ?? 10) * ChartCanvas.charWidth + 16)
        var canvas = ChartCanvas(
            id: id, width: width, height: 100 + rowHeight * Double(max(data.rows.count, 1)), left: labelWidth,
            bottom: 40,
            legend: [
                LegendItem(name: "range of the points", color: Palette.grey, key: .swatch(opacity: 0.35)),
                LegendItem(name: "kept by the box", color: Palette.blue, key: .swatch(opacity: 0.9)),
            ])
        let x = LinearScale(lower: 0, upper: 1, rangeStart: canvas.left, rangeEnd: canvas.right)
        canvas.xAxis(
            x, ticks: [0, 0.5, 1], format: { ["lowest", "middle", "highest"][Int($0 * 2)] }, title: section.xLabel)
        let n = SVGMarkup.number
        for (i, row) in data.rows.enumerated() {
            let top = canvas.top + 6 + Double(i) * rowHeight
            canvas.label(row.label, x: canvas.left - 8, y: top + 12, anchor: "end", maxChars: 40)
            canvas.decoration(
                "rect",
                [
                    ("x", n(x.map(0))), ("y", n(top)), ("width", n(x.map(1) - x.map(0))), ("height", "14"),
                    ("fill", Palette.grey), ("fill-opacity", "0.35"),
                ])
            for part in row.kept where part.count == 2 {
                canvas.mark(
                    "rect",
                    [
                        ("x", n(x.map(part[0]))), ("y", n(top)), ("width", n(max(1, x.map(part[1]) - x.map(part[0])))),
                        ("height", "14"), ("fill", Palette.blue), ("fill-opacity", "0.9"),
                    ], tooltip: "\(row.label): \(row.text)")
            }
            canvas.label(row.text, x: canvas.left, y: top + 27, maxChars: 90, attributes: [("class", "tick")])
        }
        if canvas.markCount == 0 { canvas.noData("no parameter is restricted") }
        return canvas.svg(kind: "ranges", title: section.title, description: section.caption)
    }
}

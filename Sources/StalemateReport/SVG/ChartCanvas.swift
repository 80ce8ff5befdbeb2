import Foundation

/// One chart under construction: a fixed-size SVG viewport with a legend on top, a plot
/// area, axes with ticks, and the data marks drawn by the chart functions.
///
/// Every data mark carries the class `mark`; the report's self-check looks for them.
struct ChartCanvas {
    /// Width of a character of the 12 px sans-serif labels, in SVG units (an estimate).
    static let charWidth = 6.6

    let id: String
    let width: Double
    let height: Double
    /// The plot area.
    let left: Double, top: Double, right: Double, bottom: Double
    private(set) var markup = SVGMarkup()
    private(set) var markCount = 0

    /// Creates a canvas and draws its legend; the plot area starts below the legend.
    init(
        id: String, width: Double, height: Double, left: Double, right: Double = 20, bottom: Double = 52,
        legend: [LegendItem] = []
    ) {
        self.id = id
        self.width = width
        self.height = height
        self.left = left
        self.right = width - right
        let rows = Self.layoutLegend(legend, width: width - left - right)
        self.top = 14 + Self.legendHeight(rows: rows.count)
        self.bottom = max(height - bottom, top + 20)
        drawLegend(rows, legend: legend, x: left, y: 12)
    }

    /// The horizontal extent of the plot area, for scales.
    var xRange: (Double, Double) { (left, right) }
    /// The vertical extent of the plot area (bottom to top), for scales.
    var yRange: (Double, Double) { (bottom, top) }

    /// Appends a data mark (an element with class `mark`).
    mutating func mark(_ name: String, _ attributes: [(String, String)]) {
        markup.element(name, [("class", "mark")] + attributes)
        markCount += 1
    }

    /// Appends a data mark with a tooltip (a `<title>` child).
    mutating func mark(_ name: String, _ attributes: [(String, String)], tooltip: String) {
        markup.raw(
            "<\(name)\(SVGMarkup.attributes([("class", "mark")] + attributes))><title>\(SVGMarkup.escape(tooltip))</title></\(name)>"
        )
        markCount += 1
    }

    /// Appends non-data markup (gridlines, reference lines).
    mutating func decoration(_ name: String, _ attributes: [(String, String)]) {
        markup.element(name, attributes)
    }

    /// Appends a label.
    mutating func label(
        _ text: String, x: Double, y: Double, anchor: String = "start", maxChars: Int = 80,
        attributes: [(String, String)] = []
    ) {
        markup.label(text, x: x, y: y, anchor: anchor, maxChars: maxChars, attributes: attributes)
    }

    /// Draws the horizontal axis at the bottom with ticks, tick labels and a title.
    mutating func xAxis(_ scale: LinearScale, ticks: [Double], format: (Double) -> String, title: String) {
        let n = SVGMarkup.number
        decoration(
            "line",
            [
                ("x1", n(left)), ("y1", n(bottom)), ("x2", n(right)), ("y2", n(bottom)),
                ("class", "axis"),
            ])
        for tick in ticks {
            let x = scale.map(tick)
            decoration(
                "line",
                [
                    ("x1", n(x)), ("y1", n(bottom)), ("x2", n(x)), ("y2", n(bottom + 5)),
                    ("class", "axis"),
                ])
            label(
                format(tick), x: x, y: bottom + 18, anchor: "middle", maxChars: 12,
                attributes: [("class", "tick")])
        }
        xTitle(title)
    }

    /// The title under the horizontal axis.
    mutating func xTitle(_ title: String) {
        label(
            title, x: (left + right) / 2, y: bottom + 38, anchor: "middle",
            maxChars: Int((right - left) / Self.charWidth),
            attributes: [("class", "axis-title")])
    }

    /// The title beside the vertical axis, rotated.
    mutating func yTitle(_ title: String) {
        let n = SVGMarkup.number
        let x = 14.0, y = (top + bottom) / 2
        label(
            title, x: x, y: y, anchor: "middle", maxChars: Int((bottom - top) / Self.charWidth),
            attributes: [("class", "axis-title"), ("transform", "rotate(-90 \(n(x)) \(n(y)))")])
    }

    /// Draws the vertical axis on the left with light gridlines, tick labels and a title.
    mutating func yAxis(_ scale: LinearScale, ticks: [Double], format: (Double) -> String, title: String) {
        let n = SVGMarkup.number
        for tick in ticks {
            let y = scale.map(tick)
            decoration("line", [("x1", n(left)), ("y1", n(y)), ("x2", n(right)), ("y2", n(y)), ("class", "grid")])
            label(format(tick), x: left - 6, y: y + 4, anchor: "end", maxChars: 10, attributes: [("class", "tick")])
        }
        decoration("line", [("x1", n(left)), ("y1", n(top)), ("x2", n(left)), ("y2", n(bottom)), ("class", "axis")])
        yTitle(title)
    }

    /// Writes "no data to show" in the middle of the plot area (for empty charts).
    mutating func noData(_ reason: String = "no data to show") {
        label(
            reason, x: (left + right) / 2, y: (top + bottom) / 2, anchor: "middle",
            attributes: [("class", "no-data")])
    }

    /// The finished `<svg>` element, standalone-valid XML.
    func svg(kind: String, title: String, description: String) -> String {
        let n = SVGMarkup.number
        let attributes: [(String, String)] = [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "stalemate-chart"), ("data-chart", kind),
            ("data-empty", markCount == 0 ? "true" : "false"), ("role", "img"),
            ("aria-labelledby", "\(id)-title \(id)-desc"), ("viewBox", "0 0 \(n(width)) \(n(height))"),
            ("width", n(width)), ("height", n(height)), ("font-family", "sans-serif"), ("font-size", "12"),
        ]
        return "<svg\(SVGMarkup.attributes(attributes))><title id=\"\(id)-title\">\(SVGMarkup.escape(title))</title>"
            + "<desc id=\"\(id)-desc\">\(SVGMarkup.escape(description))</desc>\(markup.text)</svg>"
    }

    /// The height the legend takes above the plot area for `items` in a plot `width` wide.
    static func legendHeight(_ items: [LegendItem], width: Double) -> Double {
        legendHeight(rows: layoutLegend(items, width: width).count)
    }

    private static func legendHeight(rows: Int) -> Double {
        rows == 0 ? 0 : Double(rows) * 18 + 6
    }

    private static func layoutLegend(_ items: [LegendItem], width: Double) -> [[Int]] {
        var rows: [[Int]] = []
        var current: [Int] = [], used = 0.0
        for (index, item) in items.enumerated() {
            let w = itemWidth(item)
            if !current.isEmpty && used + w > width {
                rows.append(current)
                current = []
                used = 0
            }
            current.append(index)
            used += w
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    private static func itemWidth(_ item: LegendItem) -> Double {
        Double(min(item.name.count, 40)) * charWidth + 40
    }

    private mutating func drawLegend(_ rows: [[Int]], legend: [LegendItem], x: Double, y: Double) {
        let n = SVGMarkup.number
        for (r, row) in rows.enumerated() {
            var cx = x
            let cy = y + Double(r) * 18
            for index in row {
                let item = legend[index]
                switch item.key {
                case .line(let dash):
                    decoration(
                        "line",
                        [
                            ("x1", n(cx)), ("y1", n(cy + 6)), ("x2", n(cx + 22)), ("y2", n(cy + 6)),
                            ("stroke", item.color), ("stroke-width", "2.5"), ("stroke-dasharray", dash),
                        ])
                case .swatch(let opacity):
                    decoration(
                        "rect",
                        [
                            ("x", n(cx)), ("y", n(cy)), ("width", "22"), ("height", "12"),
                            ("fill", item.color), ("fill-opacity", "\(opacity)"),
                        ])
                case .point:
                    decoration(
                        "line",
                        [
                            ("x1", n(cx + 11)), ("y1", n(cy)), ("x2", n(cx + 11)), ("y2", n(cy + 12)),
                            ("stroke", item.color), ("stroke-width", "1.5"),
                        ])
                    decoration("circle", [("cx", n(cx + 11)), ("cy", n(cy + 6)), ("r", "3.5"), ("fill", item.color)])
                case .dot:
                    decoration("circle", [("cx", n(cx + 11)), ("cy", n(cy + 6)), ("r", "3.5"), ("fill", item.color)])
                }
                label(item.name, x: cx + 28, y: cy + 10, maxChars: 40, attributes: [("class", "legend")])
                cx += Self.itemWidth(item)
            }
        }
    }
}

import Foundation

/// Turns a ``ReportInput`` into one self-contained HTML5 file: inline CSS, inline SVG
/// charts and a small inline self-check script; no external resources of any kind.
///
/// The output depends only on the input (no clock, no randomness), so the same input gives
/// byte-identical files. Every chart is an `<svg class="stalemate-chart" data-chart="KIND">`
/// with `role="img"`, a `<title>`, a `<desc>` (the caption) and a `viewBox`; each is
/// well-formed XML on its own. See docs/reports.md for how to read each chart.
public enum ReportRenderer {
    /// The complete HTML document for `input`.
    public static func html(_ input: ReportInput) -> String {
        var sections = ""
        var chartCount = 0
        for (index, section) in input.sections.enumerated() {
            let charts = charts(for: section, id: "chart-\(index + 1)")
            chartCount += charts.count
            sections += sectionHTML(section, number: index + 1, charts: charts)
        }
        let e = SVGMarkup.escape
        let subtitle = input.subtitle.isEmpty ? "" : "<p class=\"subtitle\">\(e(input.subtitle))</p>\n"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Stalemate">
            <title>\(e(input.title))</title>
            <style>\(stylesheet)</style>
            <script>\(errorCounterScript)</script>
            </head>
            <body data-charts-expected="\(chartCount)">
            <header>
            <h1>\(e(input.title))</h1>
            \(subtitle)\(settingsHTML(input.settings))</header>
            <main>
            \(sections)</main>
            <footer><p id="self-check" class="self-check">Chart self-check has not run (scripts are off).</p></footer>
            <script>\(selfCheckScript)</script>
            </body>
            </html>

            """
    }

    /// The `<svg>` elements of one section (none for a table). Comparisons give two charts
    /// (curves, differences) and sweeps one per parameter; every other kind gives one.
    /// `id` prefixes the ids inside the charts, so it must be unique within a document.
    public static func charts(for section: ReportSection, id: String) -> [String] {
        switch section.content {
        case .survival(let data):
            let series = LineSeries(name: "still at war", values: data.share, lower: data.lower, upper: data.upper)
            return [
                TimeCharts.lines(
                    id: id, kind: "survival", title: section.title, caption: section.caption, xLabel: section.xLabel,
                    yLabel: section.yLabel, weeks: data.weeks, series: [series], style: .percent, steps: true,
                    fixedY: (0, 1), bandName: "95% confidence band")
            ]
        case .outcomes(let estimates):
            let rows = estimates.map { IntervalCharts.Row(label: $0.label, values: [$0]) }
            return [
                IntervalCharts.horizontal(
                    id: id, kind: "outcomes", title: section.title, caption: section.caption,
                    valueLabel: section.xLabel, rows: rows, series: [], style: .percent, mark: .bar, fixed: (0, 1),
                    showValues: true)
            ]
        case .fan(let data):
            return [TimeCharts.fan(id: id, section: section, data: data)]
        case .stacked(let data):
            return [TimeCharts.stacked(id: id, section: section, data: data)]
        case .line(let data):
            return [
                TimeCharts.lines(
                    id: id, kind: "line", title: section.title, caption: section.caption, xLabel: section.xLabel,
                    yLabel: section.yLabel, weeks: data.weeks, series: data.series, style: data.style,
                    steps: data.steps,
                    bandName: data.bandName ?? "shaded: 95% interval")
            ]
        case .comparison(let data):
            return ExperimentCharts.comparison(id: id, section: section, data: data)
        case .scatter(let data):
            return ExperimentCharts.scatter(id: id, section: section, data: data)
        case .heatmap(let data):
            return [ExperimentCharts.heatmap(id: id, section: section, data: data)]
        case .bars(let data):
            let rows = data.groups.map { group in
                IntervalCharts.Row(
                    label: group.label,
                    values: data.indices.indices.map { i in
                        i < group.values.count ? group.values[i] : nil
                    })
            }
            return [
                IntervalCharts.horizontal(
                    id: id, kind: "bars", title: section.title, caption: section.caption, valueLabel: section.xLabel,
                    rows: rows, series: data.indices, style: .number, mark: .bar)
            ]
        case .histogram(let data):
            return [TimeCharts.histogram(id: id, section: section, data: data)]
        case .points(let data):
            return [DiscoveryCharts.points(id: id, section: section, data: data)]
        case .ranges(let data):
            return [DiscoveryCharts.ranges(id: id, section: section, data: data)]
        case .table:
            return []
        }
    }

    /// The number of `<svg>` charts ``html(_:)`` draws for `input`.
    public static func chartCount(_ input: ReportInput) -> Int {
        input.sections.enumerated().reduce(0) { $0 + charts(for: $1.element, id: "c\($1.offset)").count }
    }

    private static func settingsHTML(_ settings: [ReportSetting]) -> String {
        guard !settings.isEmpty else { return "" }
        let e = SVGMarkup.escape
        let items = settings.map { "<div><dt>\(e($0.label))</dt><dd>\(e($0.value))</dd></div>" }
        return "<dl class=\"settings\">\(items.joined())</dl>\n"
    }

    private static func sectionHTML(_ section: ReportSection, number: Int, charts: [String]) -> String {
        let e = SVGMarkup.escape
        let kind = section.content.kind
        var body = ""
        if case .table(let table) = section.content {
            body = tableHTML(table)
        } else {
            body = "<div class=\"charts charts-\(kind)\">\n\(charts.joined(separator: "\n"))\n</div>"
        }
        return """
            <section class="report-section" id="section-\(number)" data-kind="\(kind)">
            <h2>\(number). \(e(section.title))</h2>
            \(body)
            <p class="caption">\(e(section.caption))</p>
            </section>

            """
    }

    private static func tableHTML(_ table: TableData) -> String {
        let e = SVGMarkup.escape
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        func padded(_ row: [String]) -> [String] { row + Array(repeating: "", count: max(columns - row.count, 0)) }
        let head = padded(table.header).map { "<th scope=\"col\">\(e($0))</th>" }.joined()
        let rows = table.rows.map { row in
            "<tr>" + padded(row).map { "<td>\(e($0))</td>" }.joined() + "</tr>"
        }
        let body =
            rows.isEmpty ? "<tr><td colspan=\"\(max(columns, 1))\">no rows</td></tr>" : rows.joined(separator: "\n")
        return "<div class=\"table-wrap\"><table class=\"data-table\"><thead><tr>\(head)</tr></thead>\n"
            + "<tbody>\n\(body)\n</tbody></table></div>"
    }
}

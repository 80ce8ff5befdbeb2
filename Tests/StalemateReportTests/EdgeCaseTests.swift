import Foundation
import Testing

@testable import StalemateReport

/// Inputs a chart could choke on: empty, non-finite, single points, all zeros, mismatched
/// lengths, inverted intervals, very long and hostile labels.
@Suite("Edge cases")
struct EdgeCaseTests {
    static let long = String(repeating: "a very long label with <angle> & \"quotes\" ", count: 6) + "\u{01}end"

    /// One section of every kind built from `weeks` and `values`.
    static func sections(weeks: [Int], values: [Double], label: String = "x") -> [ReportSection] {
        let estimates = values.map { IntervalEstimate(label: label, value: $0, lower: $0 - 0.1, upper: $0 + 0.1) }
        let contents: [ReportContent] = [
            .survival(SurvivalData(weeks: weeks, share: values, lower: values, upper: values)),
            .outcomes(estimates),
            .fan(FanData(weeks: weeks, median: values, q25: values, q75: values, q05: values, q95: values)),
            .stacked(StackedData(weeks: weeks, series: [NamedSeries(name: label, values: values)])),
            .line(
                LineData(weeks: weeks, series: [LineSeries(name: label, values: values, lower: values, upper: values)])),
            .comparison(
                ComparisonData(
                    weeks: weeks, curves: [LineSeries(name: label, values: values)],
                    differences: estimates, differenceLabel: label)),
            .scatter(
                ScatterData(panels: [
                    ScatterPanel(parameter: label, points: values.map { ScatterPoint(x: $0, y: $0) }),
                    ScatterPanel(
                        parameter: label, points: values.map { ScatterPoint(x: $0, y: $0, lower: $0, upper: .nan) },
                        logarithmic: true),
                ])),
            .bars(BarsData(indices: [label, label], groups: [BarGroup(label: label, values: estimates)])),
            .table(TableData(header: [label], rows: [values.map { "\($0)" }, []])),
        ]
        return contents.map { ReportSection(title: label, caption: label, xLabel: label, yLabel: label, content: $0) }
    }

    static let cases: [(name: String, weeks: [Int], values: [Double])] = [
        ("empty", [], []),
        ("NaN and infinities", [0, 1, 2, 3, 4, 5], [0.5, .nan, 0.4, .infinity, -.infinity, 0.3]),
        ("all NaN", [0, 1, 2], [.nan, .nan, .nan]),
        ("single point", [7], [0.42]),
        ("all zero", [0, 1, 2, 3], [0, 0, 0, 0]),
        ("mismatched lengths", [0, 1, 2, 3, 4, 5, 6], [0.2, 0.3]),
        ("out of range and negative", [0, 1, 2], [-3, 1e12, 2]),
        ("unsorted weeks", [5, 1, 3], [0.1, 0.2, 0.3]),
    ]

    @Test("every kind of section survives odd data and stays valid XML", arguments: cases.indices)
    func oddData(index: Int) {
        let c = Self.cases[index]
        let input = ReportInput(title: c.name, sections: Self.sections(weeks: c.weeks, values: c.values))
        let html = ReportRenderer.html(input)
        let svgs = SVGChecks.svgElements(in: html)
        #expect(svgs.count == ReportRenderer.chartCount(input))
        for svg in svgs { SVGChecks.validate(svg) }
        for bad in ["NaN", "nan", "inf"] { #expect(!svgs.joined().contains("\"\(bad)"), "\(bad) in attributes") }
    }

    @Test("empty charts say so and are flagged for the self-check")
    func emptyCharts() {
        let html = ReportRenderer.html(ReportInput(title: "empty", sections: Self.sections(weeks: [], values: [])))
        let svgs = SVGChecks.svgElements(in: html)
        #expect(!svgs.isEmpty)
        for svg in svgs {
            #expect(svg.contains("data-empty=\"true\""))
            #expect(svg.contains("no data to show"))
        }
    }

    @Test("a single point is drawn as a dot, and all-zero data still draws marks")
    func singlePointAndZeros() {
        let single = ReportRenderer.charts(for: Self.sections(weeks: [7], values: [0.42])[4], id: "s").joined()
        #expect(single.contains("<circle class=\"mark\""))
        let zeros = Self.sections(weeks: [0, 1, 2, 3], values: [0, 0, 0, 0])
        let line = ReportRenderer.charts(for: zeros[4], id: "z").joined()
        #expect(line.contains("data-empty=\"false\""))
    }

    @Test("long and hostile labels are escaped and shortened, keeping the full text as a tooltip")
    func longLabels() throws {
        var input = ReportInput(
            title: Self.long, subtitle: Self.long, settings: [ReportSetting(label: Self.long, value: Self.long)],
            sections: Self.sections(weeks: [0, 1], values: [0.2, 0.3], label: Self.long))
        input.sections.append(ReportFixtures.sensitivity)
        let html = ReportRenderer.html(input)
        for svg in SVGChecks.svgElements(in: html) { SVGChecks.validate(svg) }
        #expect(html.contains("…"))
        #expect(html.contains("<title>a very long label with &lt;angle&gt;"))
        #expect(!html.contains("<angle>"))
        #expect(!html.contains("\u{01}"))
        #expect(SVGChecks.externalReferences(in: html).isEmpty)
    }

    @Test("a report without sections is still a valid page with zero charts")
    func noSections() {
        let html = ReportRenderer.html(ReportInput(title: "nothing"))
        #expect(SVGChecks.bodyAttribute("data-charts-expected", in: html) == "0")
        #expect(html.contains("</html>"))
    }
}

import Foundation
import Testing

@testable import StalemateReport

@Suite("HTML report")
struct ReportRendererTests {
    @Test("every kind of report renders, and each chart is valid SVG XML", arguments: ReportFixtures.Kind.allCases)
    func rendersValidSVG(kind: ReportFixtures.Kind) {
        let input = ReportFixtures.input(kind)
        let html = ReportRenderer.html(input)
        let svgs = SVGChecks.svgElements(in: html)
        #expect(svgs.count == ReportRenderer.chartCount(input))
        #expect(SVGChecks.bodyAttribute("data-charts-expected", in: html) == String(svgs.count))
        for svg in svgs { SVGChecks.validate(svg) }
        for svg in svgs { #expect(svg.contains("class=\"mark\""), "a chart with data draws marks") }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    @Test("every kind of section appears with its charts")
    func everySectionKind() throws {
        let html = ReportRenderer.html(ReportFixtures.input(.everything))
        for kind in [
            "survival", "outcomes", "fan", "stacked", "line", "comparison", "scatter", "heatmap", "bars", "histogram",
            "table",
        ] {
            #expect(html.contains("data-kind=\"\(kind)\""), "section \(kind)")
        }
        for chart in [
            "survival", "outcomes", "fan", "stacked", "line", "comparison-curves", "comparison-differences",
            "scatter", "heatmap", "bars", "histogram",
        ] {
            #expect(html.contains("data-chart=\"\(chart)\""), "chart \(chart)")
        }
        // Comparison: curves + forest plot; sweep: one chart per parameter (3); the backtest's
        // fan with observations and PIT histogram: 2 more.
        #expect(SVGChecks.count("data-chart=\"scatter\"", in: html) == 3)
        #expect(SVGChecks.svgElements(in: html).count == 15)
        // The grid: one cell per pair of levels drawn, the missing one left blank, each with
        // its interval as a tooltip.
        let start = try #require(html.range(of: "data-chart=\"heatmap\""))
        let heatmap = String(html[start.lowerBound...].split(separator: "</svg>")[0])
        #expect(SVGChecks.count("<rect class=\"mark\"", in: heatmap) == 11)
        #expect(heatmap.contains("decoupling = 0.33, sides.B.contingency = 1.0: 62% (95% CI 60%–64%)"))
        // Observations are points over the fan; the PIT histogram has a column per bin and series.
        #expect(SVGChecks.count("data-observed=\"true\"", in: html) == 27)
        #expect(html.contains("calibrated (10% per bin)"))
        #expect(html.contains("<th scope=\"col\">median</th>"))
    }

    @Test("the file is self-contained: no URLs but the SVG namespace, no external loads")
    func selfContained() {
        let html = ReportRenderer.html(ReportFixtures.input(.everything))
        #expect(SVGChecks.externalReferences(in: html).isEmpty, "\(SVGChecks.externalReferences(in: html))")
        for pattern in ["<link", "src=", "@import", "url(", "<img", "<iframe"] {
            #expect(!html.contains(pattern), "found \(pattern)")
        }
        #expect(SVGChecks.count("<script>", in: html) == 2)
    }

    @Test("the settings and captions are shown, and legends and axis titles are drawn")
    func settingsCaptionsLegends() {
        let html = ReportRenderer.html(ReportFixtures.input(.run))
        #expect(html.contains("<dt>seed</dt><dd>20240806</dd>"))
        #expect(html.contains("<h1>Russia–Ukraine after the Kursk incursion [kursk-2024]</h1>"))
        #expect(html.contains("Kaplan–Meier estimate of the share"))
        #expect(html.contains(">95% confidence band</text>"))
        #expect(html.contains(">runs still at war (%)</text>"))
        #expect(html.contains(">weeks since 6 Aug 2024</text>"))
        #expect(html.contains(">suspended</text>"))
        #expect(html.contains(">39.3%</text>"), "outcome bars carry their value")
        #expect(html.contains("@media print"))
    }

    @Test("rendering is deterministic")
    func deterministic() {
        let input = ReportFixtures.input(.everything)
        #expect(ReportRenderer.html(input) == ReportRenderer.html(input))
    }

    @Test("the input round-trips through JSON")
    func codable() throws {
        let input = ReportFixtures.input(.everything)
        let data = try JSONEncoder().encode(input)
        #expect(try JSONDecoder().decode(ReportInput.self, from: data) == input)
    }

    @Test("text is escaped for XML and HTML")
    func escaping() {
        #expect(SVGMarkup.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect(SVGMarkup.escape("bell\u{07}tab\tnul\u{0}") == "belltab\tnul")
        let input = ReportInput(
            title: "<script>alert(1)</script>", settings: [ReportSetting(label: "a&b", value: "</dd>")])
        let html = ReportRenderer.html(input)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<dt>a&amp;b</dt><dd>&lt;/dd&gt;</dd>"))
    }

    @Test("scales choose nice ticks and clamp values to the domain")
    func scales() {
        var scale = LinearScale(lower: 0.03, upper: 2.77, rangeStart: 0, rangeEnd: 100)
        scale.nice(target: 5)
        #expect(scale.ticks(target: 5) == [0, 0.5, 1, 1.5, 2, 2.5, 3])
        #expect(scale.map(-10) == 0 && scale.map(10) == 100)
        let flat = LinearScale(lower: 0, upper: 0, rangeStart: 0, rangeEnd: 100)
        #expect(flat.map(0) == 50)
        let log = LinearScale(lower: 0.1, upper: 100, rangeStart: 0, rangeEnd: 30, logarithmic: true)
        #expect(log.ticks(target: 4) == [0.1, 1, 10, 100])
        #expect(abs(log.map(1) - 10) < 1e-9)
        #expect(ValueFormatter(style: .percent, step: 0.2).string(0.4) == "40%")
        #expect(ValueFormatter(style: .number, step: 0.05).string(-0.0) == "0.00")
    }
}

import Foundation
import StalemateReport
import Testing

/// Loads reports in headless Chromium (Debian's `chromium` package): the self-check must
/// pass, the console must stay silent, and a screenshot is kept as a test artefact.
/// Without Chromium they are skipped with one line, and fail if `STALEMATE_REQUIRE_BROWSER=1`
/// (CI sets it after installing Chromium); `STALEMATE_SKIP_BROWSER=1` skips them always.
@Suite(
    "Reports in headless Chromium",
    .enabled(
        if: Chromium.testsRun,
        "browser tests skipped: Chromium is not installed (apt-get install chromium) or STALEMATE_SKIP_BROWSER=1; STALEMATE_REQUIRE_BROWSER=1 makes a missing Chromium a failure"
    ))
struct BrowserTests {
    /// Chromium, or `nil` after recording why the test cannot run.
    static func requireChromium(sourceLocation: SourceLocation = #_sourceLocation) -> Chromium? {
        if let chromium = Chromium.locate() { return chromium }
        Issue.record(
            """
            STALEMATE_REQUIRE_BROWSER=1 is set but Chromium is not installed, so reports cannot be checked in a \
            browser. Install Debian's chromium (apt-get update && apt-get install -y chromium).
            """, sourceLocation: sourceLocation)
        return nil
    }

    /// Writes `html` to the artefact directory as `name` and returns its URL.
    static func write(_ html: String, name: String) throws -> URL {
        let url = Chromium.artifactDirectory.appendingPathComponent(name)
        try html.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(
        "each kind of report loads with no console errors, every chart drawn, and a screenshot",
        arguments: ReportFixtures.Kind.allCases)
    func reportInBrowser(kind: ReportFixtures.Kind) async throws {
        guard let chromium = Self.requireChromium() else { return }
        let input = ReportFixtures.input(kind)
        let file = try Self.write(ReportRenderer.html(input), name: "report-\(kind.rawValue).html")

        let dom = try await chromium.dumpDOM(file)
        #expect(!dom.timedOut && dom.status == 0, "chromium exited with \(dom.status)\n\(dom.stderr.suffix(2000))")
        #expect(dom.consoleLines.isEmpty, "console output: \(dom.consoleLines)")
        #expect(
            SVGChecks.bodyAttribute("data-charts-ok", in: dom.stdout) == "true",
            "self-check: \(String(dom.stdout.prefix(600)))")
        #expect(SVGChecks.bodyAttribute("data-chart-count", in: dom.stdout) == String(ReportRenderer.chartCount(input)))
        #expect(SVGChecks.bodyAttribute("data-console-errors", in: dom.stdout) == "0")
        #expect(SVGChecks.count("data-ok=\"true\"", in: dom.stdout) == ReportRenderer.chartCount(input))

        let png = Chromium.artifactDirectory.appendingPathComponent("report-\(kind.rawValue).png")
        try? FileManager.default.removeItem(at: png)
        let shot = try await chromium.screenshot(file, to: png)
        #expect(!shot.timedOut && shot.status == 0, "chromium exited with \(shot.status)\n\(shot.stderr.suffix(2000))")
        #expect(shot.consoleLines.isEmpty, "console output: \(shot.consoleLines)")
        let data = try Data(contentsOf: png)
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        #expect(data.count > 30_000, "screenshot \(png.path) is only \(data.count) bytes")
    }

    @Test("a broken script and a console.error are caught")
    func brokenScriptIsCaught() async throws {
        guard let chromium = Self.requireChromium() else { return }
        let broken = ReportRenderer.html(ReportFixtures.input(.sensitivity)).replacingOccurrences(
            of: "</body>",
            with: "<script>console.error(\"deliberate console error\"); undefinedFunctionForTest();</script>\n</body>")
        let file = try Self.write(broken, name: "negative-broken-script.html")
        let dom = try await chromium.dumpDOM(file)
        #expect(dom.status == 0 && !dom.timedOut)
        #expect(dom.consoleLines.count == 2, "console lines: \(dom.consoleLines)")
        #expect(dom.consoleLines.contains { $0.contains("\"deliberate console error\"") })
        #expect(dom.consoleLines.contains { $0.contains("Uncaught ReferenceError: undefinedFunctionForTest") })
        #expect(SVGChecks.bodyAttribute("data-console-errors", in: dom.stdout) == "2")
    }

    @Test("the self-check fails for a chart with nothing drawn and for a missing chart")
    func selfCheckCatchesEmptyCharts() async throws {
        guard let chromium = Self.requireChromium() else { return }
        let empty = ReportSection(
            title: "Empty", caption: "No data.", xLabel: "weeks", yLabel: "share",
            content: .survival(SurvivalData(weeks: [], share: [], lower: [], upper: [])))
        var input = ReportFixtures.input(.sensitivity)
        input.sections.append(empty)
        let file = try Self.write(ReportRenderer.html(input), name: "negative-empty-chart.html")
        let dom = try await chromium.dumpDOM(file)
        #expect(SVGChecks.bodyAttribute("data-charts-ok", in: dom.stdout) == "false")
        #expect(SVGChecks.bodyAttribute("data-charts-failed", in: dom.stdout) == "1")
        #expect(dom.consoleLines.isEmpty)

        let missing = ReportRenderer.html(ReportFixtures.input(.sensitivity)).replacingOccurrences(
            of: "data-charts-expected=\"1\"", with: "data-charts-expected=\"2\"")
        let dom2 = try await chromium.dumpDOM(try Self.write(missing, name: "negative-missing-chart.html"))
        #expect(SVGChecks.bodyAttribute("data-charts-ok", in: dom2.stdout) == "false")
        #expect(SVGChecks.bodyAttribute("data-charts-failed", in: dom2.stdout) == "0")
    }
}

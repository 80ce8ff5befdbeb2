import Foundation
import StalemateAnalysis
import StalemateReport
import StalemateScenario
import Testing

@Suite("Reports from results")
struct ReportBuilderTests {
    @Test func runReportHasEveryChartWithData() throws {
        let job = try RunJob(scenario: ScenarioLoader.bundled(name: "kursk-2024"), runs: 300, seed: 5, threads: 2)
        let acc = Ensemble(model: job.compiled, seed: job.seed, runs: job.runs, threads: 2).run()
        let input = ReportBuilder.run(summary: job.summary(of: acc), accumulator: acc)
        #expect(
            input.sections.map(\.content.kind) == ["survival", "outcomes", "fan", "stacked", "line", "stacked", "line"])
        let html = ReportRenderer.html(input)
        #expect(ReportRenderer.chartCount(input) == 7)
        // Every blocker that held: unwillingness holds in most weeks, the missing range in some.
        guard case .line(let held) = input.sections[6].content else { Issue.record("not a line chart"); return }
        #expect(
            held.series.map(\.name) == [
                "no bargaining range", "a side unwilling", "talks suspended", "talks, no agreement yet",
            ])
        #expect(held.series[1].values[20] > 0.5 && held.series[0].values.max() ?? 0 > 0.05)
        #expect(html.contains("kursk-2024"))
        // Words, not identifiers; the hash whole; the harness's self-check hidden from readers.
        #expect(html.contains("suspended by Russia") && html.contains("no range: humiliation"))
        #expect(!html.contains(">suspended.byB<") && !html.contains("ladderMax"))
        #expect(!html.contains("…</dd>"))
        #expect(html.contains(".self-check { display: none; }"))
        #expect(!html.contains("no data to show"))
        // Talks-state shares add up to one every week.
        guard case .stacked(let phases) = input.sections[3].content else { Issue.record("not stacked"); return }
        for t in phases.weeks.indices {
            #expect(abs(phases.series.map { $0.values[t] }.reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func experimentAndSensitivityReportsRender() throws {
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        let (c, o) = try CompareJob(scenario: kursk, runs: 200, seed: 3, threads: 2).execute()
        let names = [c.baseline.name] + c.variants.map(\.name)
        let input = ReportBuilder.compare(
            c, arms: zip(names, o.accumulators).map { (name: $0, accumulator: $1) },
            sides: kursk.model.sideNames)
        let html = ReportRenderer.html(input)
        #expect(html.contains("no-incursion"))
        #expect(!html.contains("no data to show"))
        // Every arm has its talks and its blockers; each arm's talks shares add up to one.
        for name in names {
            let talks = input.sections.first { $0.title == "The talks: \(name)" }
            #expect(input.sections.contains { $0.title == "What blocked peace: \(name)" })
            guard case .stacked(let phases)? = talks?.content else {
                Issue.record("no talks chart for \(name)")
                continue
            }
            for t in phases.weeks.indices {
                #expect(abs(phases.series.map { $0.values[t] }.reduce(0, +) - 1) < 1e-9)
            }
        }
        // The survival chart has one curve with a band per arm, starting at 1.
        guard case .line(let survival) = input.sections[0].content else { Issue.record("not a line"); return }
        #expect(survival.series.count == names.count)
        #expect(survival.series.allSatisfy { $0.values.first == 1 && $0.lower != nil })
        let s = try SensitivityJob(
            scenario: kursk, parameters: ["sides.B.baseWillingness=-4:0", "sides.B.contingency=0:4"], method: .morris,
            metric: "duration", size: 3, runs: 50, threads: 2
        ).execute()
        let bars = ReportBuilder.sensitivity(s)
        #expect(ReportRenderer.chartCount(bars) == 1)
        #expect(!ReportRenderer.html(bars).contains("no data to show"))
    }
}

/// A sweep over a full grid of two parameters is drawn as a heat map; any other design as
/// one scatter per parameter.
@Test func twoParameterGridsAreHeatMaps() throws {
    let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
    func report(_ kind: SweepDesignKind) throws -> ReportInput {
        let job = try SweepJob(
            scenario: kursk, parameters: ["thirdParties.mediators.decoupling=0:1", "sides.B.contingency=0:2"],
            kind: kind, points: kind == .grid ? 3 : 9, runs: 40, threads: 2)
        let rows = try job.execute()
        let s = job.base.scenario
        return ReportBuilder.sweep(
            rows: rows, parameters: job.design.parameters,
            scenario: .init(id: s.id, title: s.title, hash: s.sourceHash),
            runs: 40, seed: job.base.seed)
    }
    let grid = try report(.grid)
    guard case .heatmap(let map) = grid.sections[0].content else {
        Issue.record("a grid is not a heat map: \(grid.sections[0].content.kind)")
        return
    }
    #expect(map.xLevels == [0, 0.5, 1] && map.yLevels == [0, 1, 2])
    #expect(map.cells.count == 3 && map.cells.allSatisfy { $0.count == 3 && $0.allSatisfy { $0 != nil } })
    let lhs = try report(.lhs)
    guard case .scatter(let scatter) = lhs.sections[0].content else {
        Issue.record("a Latin hypercube is not a scatter")
        return
    }
    #expect(scatter.panels.count == 2)
}

/// A categorical parameter's axis is labelled with its levels' names, not their indices, in
/// the heat map and in the scatter.
@Test func categoricalAxesNameTheirLevels() throws {
    let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
    func svg(_ kind: SweepDesignKind, _ parameters: [String]) throws -> String {
        let job = try SweepJob(
            scenario: kursk, parameters: parameters, kind: kind, points: kind == .grid ? 2 : 6, runs: 20, threads: 2)
        let s = job.base.scenario
        return ReportRenderer.html(
            ReportBuilder.sweep(
                rows: try job.execute(), parameters: job.design.parameters,
                scenario: .init(id: s.id, title: s.title, hash: s.sourceHash), runs: 20, seed: job.base.seed))
    }
    let grid = try svg(.grid, ["attritionLaw=square,linear", "events.kursk-incursion=on,off"])
    #expect(grid.contains(">square<") && grid.contains(">linear<") && grid.contains(">off<"))
    #expect(grid.contains("attritionLaw = linear, events.kursk-incursion = on"))
    let lhs = try svg(.lhs, ["attritionLaw=square,linear", "sides.B.contingency=0:6"])
    #expect(lhs.contains(">square<") && lhs.contains(">linear<"))
}

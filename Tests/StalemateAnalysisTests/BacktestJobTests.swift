import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCore
import StalemateScenario
import Testing

@Suite("Backtest")
struct BacktestJobTests {
    static let occupied = """
        date,week,occupied_km2
        2024-07-29,-1,109468
        2024-08-05,0,109515
        2024-08-12,1,109593
        2024-08-19,2,109690
        2024-09-02,4,109863
        2025-02-03,26,112212
        2027-09-06,161,120000
        """

    static func job(
        runs: Int, threads: Int = 1, weeks: Int? = nil, observable: Observable = .occupied(.a),
        text: String = occupied, column: String = "occupied_km2", scale: Double = 0.001
    ) throws -> BacktestJob {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        let run = try RunJob(scenario: scenario, runs: runs, seed: 20_240_806, weeks: weeks, threads: threads)
        let series = try ObservedSeries(
            text: text, file: "obs.csv", column: column, scale: scale, start: scenario.startDate,
            binary: observable.isBinary)
        return try BacktestJob(
            run: run, observable: observable, series: series, file: "obs.csv", scale: scale, trendFrom: nil)
    }

    /// With one run, the "ensemble" at week w is that run's state after w weeks, which the
    /// trajectory recorder writes as the row of week w − 1 (or its last row, once it ended).
    @Test func theForecastOfWeekWIsTheStateAfterWWeeks() throws {
        let job = try Self.job(runs: 1)
        let (result, _) = try job.execute()
        let csv = TrajectoryRecorder.csv(model: job.run.compiled, seed: job.run.seed, runs: 1)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(lines[0].firstIndex(of: "occupiedA"))
        let rows = lines.dropFirst()
        #expect(result.weeks.map(\.week) == [1, 2, 4, 26])
        for w in result.weeks {
            let row = rows.first { Int($0[1]) == w.week - 1 } ?? rows.last!
            #expect(abs(w.model.median - Double(row[column])!) < 1e-9)
        }
        // Week 0 is the starting map, not a forecast: Σ (1 − control) × value of Ukraine's regions.
        let origin = try #require(result.origin)
        let regions = job.run.scenario.model.regions.filter { $0.home == .a }
        let start = regions.map { (1 - $0.control) * $0.value }.reduce(0, +)
        #expect(abs(origin.scenario - start) < 1e-9)
        #expect(abs(origin.observed - 109.515) < 1e-12)
        #expect(result.observed.beforeOrigin == 1 && result.observed.pastHorizon == 1 && result.observed.scored == 4)
        // The anchored diagnostic scores the run shifted by the week-0 difference: for one run,
        // the mean absolute error of the shifted values.
        let anchored = try #require(result.anchored)
        let shiftedError =
            result.weeks.map { abs($0.model.median - origin.difference - $0.observed) }.reduce(0, +) / 4
        #expect(abs(anchored.crps.model - shiftedError) < 1e-9)
        #expect(anchored.crps.trend == result.summary.crps.trend)
        #expect(job.notes.count == 2)
    }

    /// The same bytes for 1 and 2 threads (the columns are sorted before scoring).
    @Test func sameJSONForAnyThreadCount() throws {
        let one = try StableJSON.text(Self.job(runs: 700, threads: 1).execute().result)
        let two = try StableJSON.text(Self.job(runs: 700, threads: 2).execute().result)
        #expect(one == two)
    }

    /// The summary and bands hold what the weekly rows say.
    @Test func summaryAndBandsAverageTheWeeks() throws {
        let r = try Self.job(runs: 500).execute().result
        let mean = r.weeks.map(\.model.crps).reduce(0, +) / Double(r.weeks.count)
        #expect(abs(r.summary.crps.model - mean) < 1e-12)
        #expect(r.bands.map { $0.band } == ["1-4", "14-26"])
        #expect(r.bands[0].weeks == 3 && r.bands[1].weeks == 1)
        let skill = 1 - r.summary.crps.model / r.summary.crps.trend
        #expect(abs(r.summary.skill.trend! - skill) < 1e-12)
        let pit = try #require(r.summary.pit)
        #expect(abs(pit.model.reduce(0, +) - 1) < 1e-12)
        #expect(r.summary.coverage.p90 == Double(r.weeks.filter(\.model.in90).count) / 4)
    }

    /// A binary observable is scored as a probability: Brier and log scores by hand.
    @Test func binaryObservablesGetBrierAndLogScores() throws {
        let text = "week,value\n0,0\n1,1\n2,1\n3,0\n"
        let r = try Self.job(runs: 400, observable: .talksSuspended, text: text, column: "value", scale: 1)
            .execute().result
        for w in r.weeks {
            let p = try #require(w.model.probability)
            #expect(abs(w.model.brier! - (p - w.observed) * (p - w.observed)) < 1e-15)
            let clipped = min(0.999, max(0.001, p))
            #expect(abs(w.model.log! - -log(w.observed == 1 ? clipped : 1 - clipped)) < 1e-12)
            // Persistence says 0 (week 0 was 0): its Brier score is the observation itself.
            #expect(w.persistence.brier == w.observed)
        }
        #expect(r.summary.brier != nil && r.summary.log != nil)
    }

    /// A region's control is an observable too; a forecast that starts on the observed value
    /// prints its zero difference as +0, never -0.
    @Test func controlOfARegionAndNoNegativeZero() throws {
        let text = "week,value\n0,0\n1,0.02\n2,0.03\n"
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        let index = try #require(scenario.model.regions.firstIndex { $0.id == "kursk" })
        let r = try Self.job(
            runs: 300, observable: .control(region: index, id: "kursk"), text: text, column: "value", scale: 1
        ).execute().result
        #expect(r.origin?.difference == 0)
        #expect(r.weeks.allSatisfy { (0...1).contains($0.model.median) })
        let table = BacktestFormatter.table(r)
        #expect(table.contains("(+0)") && !table.contains("-0)") && !table.contains("+-0"))
    }

    @Test func observablesAreNamedAsDocumented() {
        let names = Observable.all(regionIDs: ["kursk"]).map(\.description)
        #expect(
            names == [
                "share", "occupied.A", "occupied.B", "control.kursk", "forces.A", "forces.B", "casualties.A",
                "casualties.B", "talks.open", "talks.suspended", "ceasefire", "escalation",
            ])
        #expect(Observable(name: "control.kursk", regionIDs: ["kursk"]) == .control(region: 0, id: "kursk"))
        #expect(Observable(name: "occupied.C", regionIDs: []) == nil)
    }
}

@Suite("Observed series")
struct ObservedSeriesTests {
    func error(_ text: String, column: String? = nil, binary: Bool = false) -> BacktestDataError? {
        do {
            _ = try ObservedSeries(
                text: text, file: "f.csv", column: column, start: ScenarioDate(iso: "2024-08-05"), binary: binary)
            return nil
        } catch {
            return error
        }
    }

    @Test func datesMapToWeeksAndScaleApplies() throws {
        let s = try ObservedSeries(
            text: "date,value\n2024-07-29,1\n2024-08-05,2\n2024-08-13,3\n", file: "f.csv", scale: 10,
            start: ScenarioDate(iso: "2024-08-05"))
        #expect(s.points.map(\.week) == [-1, 0, 1])
        #expect(s.points.map(\.value) == [10, 20, 30])
        #expect(s.notes.count == 1)  // 13 August is not a week start
        // Without dates, the week column counts.
        let w = try ObservedSeries(text: "week,v\n3,1.5\n", file: "f.csv", column: "v", start: nil)
        #expect(w.points.map(\.week) == [3] && w.points.map(\.value) == [1.5] && w.points.map(\.line) == [2])
    }

    /// Every problem names the file, line and column, and says what to fix.
    @Test func badInputGivesLocatedErrors() throws {
        let cases: [(text: String, column: String?, binary: Bool, place: String, words: String)] = [
            ("", nil, false, "f.csv", "empty"),
            ("date,amount\n2024-08-05,1\n", nil, false, "f.csv:1:1", "no column 'value'"),
            ("date,value\n2024-08-05,1\n", "valeu", false, "f.csv:1:1", "did you mean 'value'?"),
            ("day,value\n1,1\n", nil, false, "f.csv:1:1", "no 'date' or 'week' column"),
            ("date,value\n2024-08-05,1\n2024-13-01,2\n", nil, false, "f.csv:3:1", "not a date"),
            ("date,value\n2024-08-05,1\n2024-08-12,abc\n", nil, false, "f.csv:3:12", "not a number"),
            ("date,value\n2024-08-05,1\n2024-08-12,\n", nil, false, "f.csv:3:12", "is empty"),
            ("date,value\n2024-08-12,1\n2024-08-05,2\n", nil, false, "f.csv:3:1", "sort the rows"),
            ("date,value\n2024-08-12,1\n2024-08-12,2\n", nil, false, "f.csv:3:1", "appears twice"),
            ("week,value\n1,0.5\n", nil, true, "f.csv:2:3", "binary"),
            ("week,value,value\n1,2,3\n", nil, false, "f.csv:1:12", "twice"),
            ("week,value\n", nil, false, "f.csv:1:1", "no rows"),
            ("week,value\n1.5,2\n", nil, false, "f.csv:2:1", "not a week number"),
            ("week,value\n-9223372036854775808,2\n", nil, false, "f.csv:2:1", "not a week number"),
            ("date,value\n9999-01-01,2\n", nil, false, "f.csv:2:1", "not a date near"),
            ("week,value\n1,nan\n", nil, false, "f.csv:2:3", "not a number"),
        ]
        for c in cases {
            let e = try #require(error(c.text, column: c.column, binary: c.binary), "\(c.text)")
            #expect(e.description.hasPrefix(c.place + ":"), "\(e)")
            #expect(e.description.contains(c.words), "\(e)")
            #expect(e.description.contains("Fix:"), "\(e)")
        }
        // A value that overflows once scaled is refused too.
        #expect(throws: BacktestDataError.self) {
            try ObservedSeries(text: "week,value\n1,1e308\n", file: "f.csv", scale: 10, start: nil)
        }
        // Dates need the scenario's start.
        #expect(throws: BacktestDataError.self) {
            try ObservedSeries(text: "date,value\n2024-08-05,1\n", file: "f.csv", start: nil)
        }
    }
}

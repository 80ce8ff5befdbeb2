import StalemateAnalysis
import StalemateScenario
import Testing

/// docs/output.md: `survival[].atRisk` is the number of runs still at war after `week`.
@Test func atRiskAtTheHorizonCountsTheRunsStillAtWar() throws {
    let summary = try RunJob(scenario: ScenarioLoader.bundled(name: "kursk-2024"), runs: 300, seed: 4, threads: 2)
        .execute()
    let last = try #require(summary.survival.last)
    let ongoing = try #require(summary.outcomes.first { $0.outcome == "ongoing" })
    #expect(last.week == 156 && ongoing.count > 0)
    #expect(last.atRisk == ongoing.count)
    // Earlier weeks: the runs at war then, consistent with the curve.
    for point in summary.survival {
        #expect(abs(Double(point.atRisk) / 300 - point.stillAtWar) < 1e-9, "week \(point.week)")
    }
}

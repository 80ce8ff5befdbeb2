import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateScenario
import Testing

/// Tallies stored before schema v3 (8 blockers, no `joint`) still decode and merge.
@Suite("Stored tallies of older versions")
struct BlockerTalliesCompatTests {
    @Test func olderWeeklyTalliesAreWidened() throws {
        let job = try RunJob(scenario: ScenarioLoader.bundled(name: "kursk-2024"), runs: 300, seed: 1)
        let acc = Ensemble(model: job.compiled, seed: job.seed, runs: job.runs, threads: 1).run()
        var json = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(acc)) as? [String: Any])
        var weekly = try #require(json["weekly"] as? [String: Any])
        let horizon = try #require(weekly["horizon"] as? Int)
        let blocker = try #require(weekly["blocker"] as? [Int])
        let width = Blocker.allCases.count
        // The layout before v3: 8 blockers a week, no joint tallies.
        weekly["blocker"] = (0..<horizon).flatMap { t in blocker[(t * width)..<(t * width + 8)] }
        weekly["joint"] = nil
        json["weekly"] = weekly
        json["blockerWeeks"] = Array((json["blockerWeeks"] as? [Int] ?? []).prefix(8))
        let old = try JSONDecoder().decode(
            EnsembleAccumulator.self, from: JSONSerialization.data(withJSONObject: json))
        for t in 0..<horizon {
            for b in Blocker.allCases where b.rawValue < 8 {
                #expect(old.weekly.count(week: t, blocker: b) == acc.weekly.count(week: t, blocker: b))
            }
            #expect(old.weekly.count(week: t, blocker: .noRangeCoreDemands) == 0)
            #expect(old.weekly.count(week: t, held: .suspended) == 0)
        }
        // A resumed run merges old chunks with new ones.
        var merged = Ensemble(model: job.compiled, seed: job.seed, runs: 0).makeAccumulator()
        merged.merge(old)
        merged.merge(acc)
        #expect(merged.runs == 600)
        #expect(merged.blockerWeeks.count == width)
        _ = EnsembleSummary(
            accumulator: old, scenario: .init(id: "k", title: "k", hash: "h"),
            settings: .init(runs: 300, seed: 1, weeks: horizon, overrides: []), sideNames: SidePair(a: "A", b: "B"))
    }
}

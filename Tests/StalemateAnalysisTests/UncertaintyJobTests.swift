import Foundation
import StalemateAnalysis
import StalemateScenario
import Testing

/// Parameter uncertainty: draws of the assumptions on common random numbers.
@Suite("Parameter uncertainty")
struct UncertaintyJobTests {
    static func job(_ parameters: [String], points: Int = 8) throws -> UncertaintyJob.Result {
        try UncertaintyJob(
            scenario: ScenarioLoader.bundled(name: "kursk-2024"), parameters: parameters, points: points, runs: 100,
            threads: 2
        ).execute()
    }

    /// A number the model never reads leaves no spread: every draw runs the same wars.
    @Test func anInertAssumptionLeavesNoSpread() throws {
        let result = try Self.job(["regions.russia-rear.symbolic=0:3"])
        for m in result.metrics {
            #expect(m.min == m.max && m.min == m.atScenario, "\(m.key)")
        }
    }

    /// A decisive one spreads the headline far beyond its Monte Carlo error, in the direction
    /// the model says (a Russia more willing to talk settles sooner).
    @Test func aDecisiveAssumptionSpreadsTheHeadline() throws {
        let result = try Self.job(["sides.B.baseWillingness=-4:0"])
        let settled = try #require(result.metrics.first { $0.key == "settledBy104" })
        #expect(settled.quantiles.count == 5 && settled.quantiles == settled.quantiles.sorted())
        #expect(settled.quantiles[4] - settled.quantiles[0] > 10 * settled.monteCarloSE)
        #expect(result.points == 8 && result.runsPerPoint == 100)
        // The same job gives the same bytes whatever the threads.
        let one = try UncertaintyJob(
            scenario: ScenarioLoader.bundled(name: "kursk-2024"), parameters: ["sides.B.baseWillingness=-4:0"],
            points: 8, runs: 100, threads: 1
        ).execute()
        #expect(one == result)
    }

    @Test func badParametersAreRejected() throws {
        #expect(throws: (any Error).self) { try Self.job(["sides.B.baseWillingnes=-4:0"]) }
        #expect(throws: (any Error).self) { try Self.job(["sides.B.baseWillingness=0:-4"]) }
        #expect(throws: (any Error).self) { try Self.job(["sides.B.baseWillingness=-4:0"], points: 1) }
    }
}

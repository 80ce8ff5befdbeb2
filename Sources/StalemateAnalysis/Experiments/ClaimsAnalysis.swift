import Foundation
import StalemateCore
import StalemateScenario
import StalemateStatistics

/// The source text's claims, measured on a scenario (docs/analyses/kursk-2024.md): how likely
/// the incursion makes the victim suspend talks, how long suspensions last, how much the
/// contingency of willingness delays settlement, how escalation–retaliation cycles change the
/// odds, and what mediators' decoupling changes in all of these. Every arm runs on the same
/// seeds, so every difference is paired.
public struct ClaimsAnalysis: Sendable {
    public var scenario: Scenario
    public var runs: Int
    public var seed: UInt64
    public var threads: Int
    /// The event whose removal is the "no incursion" counterfactual.
    public var incursionEvent: String
    /// The third party whose decoupling is raised, and to what level.
    public var mediator: String
    public var decoupling: Double

    public init(
        scenario: Scenario, runs: Int, seed: UInt64, threads: Int, incursionEvent: String = "kursk-incursion",
        mediator: String = "mediators", decoupling: Double = 0.8
    ) {
        self.scenario = scenario
        self.runs = runs
        self.seed = seed
        self.threads = threads
        self.incursionEvent = incursionEvent
        self.mediator = mediator
        self.decoupling = decoupling
    }

    /// The arms: (name, overrides). Decoupling is crossed with the other counterfactuals.
    public var arms: [(String, [String])] {
        let decouple = "thirdParties.\(mediator).decoupling=\(decoupling)"
        let noContingency = ["sides.A.contingency=0", "sides.B.contingency=0"]
        let noCycles = [
            "sides.A.baseEscalation=-50", "sides.B.baseEscalation=-50", "sides.A.retaliation=0",
            "sides.B.retaliation=0",
        ]
        return [
            ("no-incursion", ["events.\(incursionEvent)=off"]),
            ("no-contingency", noContingency),
            ("no-escalation-cycles", noCycles),
            ("decoupling", [decouple]),
            ("decoupling+no-contingency", [decouple] + noContingency),
            ("decoupling+no-escalation-cycles", [decouple] + noCycles),
        ]
    }

    /// Runs every arm and the comparison of each with the baseline.
    public func execute(progress: (@Sendable (Int) -> Void)? = nil, stop: StopFlag? = nil) throws -> (
        Comparison, Experiment.Outcome
    ) {
        let job = try CompareJob(
            scenario: scenario, variants: arms.map { "\($0.0):" + $0.1.joined(separator: ",") }, runs: runs, seed: seed,
            threads: threads)
        return try job.execute(progress: progress, stop: stop)
    }

    /// Kaplan–Meier median (with 95% interval) of the first suspension's length in arm `a`.
    static func suspensionLength(_ o: Experiment.Outcome, arm a: Int, horizon: Int) -> (
        median: Int?, lower: Int?, upper: Int?, n: Int
    ) {
        var km = KaplanMeier(maxWeek: horizon + 1)
        let length = o.values[a][RunMetric.firstSuspensionLength.rawValue]
        let resumed = o.values[a][RunMetric.firstSuspensionResumed.rawValue]
        var n = 0
        for i in length.indices where !length[i].isNaN {
            n += 1
            // A suspension lifted after w weeks is an event at w (at least 1 for the KM scale).
            if resumed[i] == 1 {
                km.addEvent(atWeek: max(1, Int(length[i])))
            } else {
                km.addCensored(atWeek: Int(length[i]))
            }
        }
        let curve = km.curve().dropFirst()
        // The median and the weeks where the 95% band crosses one half (the band inverted).
        func first(_ path: KeyPath<KaplanMeier.Point, Double>) -> Int? {
            curve.first { $0[keyPath: path] <= 0.5 }?.week
        }
        return (first(\.survival), first(\.lower), first(\.upper), n)
    }
}

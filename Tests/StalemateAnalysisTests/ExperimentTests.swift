import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateScenario
import Testing

@Suite("Experiments and explanations")
struct ExperimentTests {
    static func kursk() throws -> Scenario { try ScenarioLoader.bundled(name: "kursk-2024") }

    /// Common random numbers: a variant that changes nothing gives zero differences in every run.
    @Test func identicalVariantGivesExactlyZeroDifferences() throws {
        let job = try CompareJob(
            scenario: Self.kursk(), variants: ["same:model.horizonWeeks=156"], runs: 300, seed: 4, threads: 2)
        let (c, _) = try job.execute()
        for d in try #require(c.comparisons.first).differences where d.pairs > 1 {
            #expect(d.difference == 0, "\(d.key)")
            #expect(d.ci95 == [0, 0] || d.ci95 == nil, "\(d.key)")
        }
    }

    /// docs/theory.md, reference check 7, through the experiment machinery: decoupling makes
    /// suspensions rarer, and the comparison names the blocker it reduced.
    @Test func decouplingReducesSuspensionsAndSaysSo() throws {
        let job = try CompareJob(
            scenario: Self.kursk(), variants: ["decoupling:thirdParties.mediators.decoupling=0.8@0:156"], runs: 400,
            seed: 9, threads: 2)
        let (c, _) = try job.execute()
        let v = try #require(c.comparisons.first)
        let suspensions = try #require(v.differences.first { $0.key == "suspensions" })
        #expect((suspensions.ci95?[1] ?? 1) < 0)
        #expect(v.blockersReduced.contains("suspended"))
    }

    @Test func comparisonIsTheSameForAnyThreadCount() throws {
        let one = try CompareJob(scenario: Self.kursk(), runs: 300, seed: 2, threads: 1).execute().0
        let two = try CompareJob(scenario: Self.kursk(), runs: 300, seed: 2, threads: 2).execute().0
        #expect(try ComparisonFormatter.json(one) == ComparisonFormatter.json(two))
        // Without --variant the scenario's experiments are the variants.
        #expect(one.variants.map(\.name) == (try Self.kursk()).experiments.map(\.name))
    }

    @Test(arguments: ["no-colon", ":events.x=off", "name:", "name:key-without-value"])
    func malformedVariantsAreRejected(spec: String) {
        #expect(throws: CompareJob.VariantError.self) { try CompareJob.parseVariant(spec) }
    }

    @Test func unknownKeyInVariantIsAScenarioError() throws {
        #expect(throws: (any Error).self) {
            try CompareJob(scenario: Self.kursk(), variants: ["bad:sides.B.contingncy=1"], runs: 10)
        }
    }

    /// Each week the shares partition the runs, and the blockers partition the runs at war.
    @Test func explanationSharesAddUp() throws {
        let job = try RunJob(scenario: Self.kursk(), runs: 500, seed: 3, threads: 2)
        let acc = Ensemble(model: job.compiled, seed: job.seed, runs: job.runs, threads: 2).run()
        let e = Explanation(accumulator: acc, scenario: .init(id: "k", title: "k", hash: ""), seed: 3)
        #expect(e.weeks.count == 156)
        for w in e.weeks {
            #expect(abs(w.atWar + w.ceasefire + w.ended - 1) < 1e-9, "week \(w.week)")
            if w.atWar > 0 {
                #expect(abs(w.blockers.values.reduce(0, +) - 1) < 1e-9, "week \(w.week)")
                // Causes cover every suspended week, whichever blocker was primary.
                let suspended = w.held["suspended"] ?? 0
                #expect(abs(w.suspendedAfter.values.reduce(0, +) - suspended) < 1e-9, "week \(w.week)")
            }
        }
        // In the hindcast the incursion is what Russia suspends the Doha talks over in week 0.
        let hindcast = try RunJob(scenario: ScenarioLoader.bundled(name: "kursk-2024-hindcast"), runs: 500, seed: 3)
        let first = try #require(
            Explanation(
                accumulator: Ensemble(model: hindcast.compiled, seed: 3, runs: 500, threads: 2).run(),
                scenario: .init(id: "h", title: "h", hash: ""), seed: 3
            ).weeks.first)
        #expect((first.suspendedAfter["byB.incursion"] ?? 0) > 0.9)
    }
}

/// `explain` reports every blocker that held and how they combine, with a primary blocker
/// chosen with no range first, so a missing range cannot hide behind a suspension.
@Suite("Every blocker that held")
struct BlockersHeldTests {
    /// The v1 flagship the review measured, kept in docs/analyses.
    static let v1 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/analyses/kursk-2024-v1.yaml")

    static func explanation(_ overrides: [String], scenario: Scenario? = nil) throws -> Explanation {
        let job = try RunJob(
            scenario: scenario ?? ScenarioLoader.load(path: v1.path), overrides: overrides, runs: 600,
            seed: 20_240_806)
        let acc = Ensemble(model: job.compiled, seed: job.seed, runs: job.runs, threads: 2).run()
        return Explanation(accumulator: acc, scenario: .init(id: "k", title: "k", hash: "h"), seed: job.seed)
    }

    /// The review's case, on the v1 flagship: with costs cut 20× the range is missing in most
    /// weeks of war. Under v1's order (suspended first) "no range" showed 2.8%; now it is the
    /// primary blocker of most weeks, and the held and joint shares agree with each other.
    @Test func cuttingCostsMakesNoRangeVisible() throws {
        let cheap = try Self.explanation(["sides.A.weeklyCost=0.0002", "sides.B.weeklyCost=0.00005"])
        let primary = cheap.overall.filter { $0.key.hasPrefix("noRange.") }.map(\.value).reduce(0, +)
        #expect(primary > 0.5, "no range as the primary blocker: \(primary)")
        #expect(abs((cheap.overallHeld["noRange"] ?? 0) - primary) < 1e-12)
        #expect((cheap.overallHeld["suspended"] ?? 0) > 0.5)
        #expect(abs(cheap.overallJoint.values.reduce(0, +) - 1) < 1e-9)
        for group in BlockerGroup.allCases {
            let fromJoint = cheap.overallJoint.filter {
                $0.key.split(separator: "+").contains(Substring(group.description))
            }
            .map(\.value).reduce(0, +)
            #expect(abs(fromJoint - (cheap.overallHeld[group.description] ?? 0)) < 1e-9, "\(group)")
        }
        // As the v1 flagship shipped, the range always existed, so the primary blockers are as before.
        let shipped = try Self.explanation([])
        #expect(shipped.overallHeld["noRange"] == 0)
        #expect((shipped.overall["suspended.byB"] ?? 0) > 0.9)
        for week in cheap.weeks where week.atWar > 0 {
            #expect(abs(week.blockers.values.reduce(0, +) - 1) < 1e-9 || week.blockers.values.reduce(0, +) == 0)
        }
    }

    /// On kursk-2024 (model v2) the range is missing in some weeks as shipped (the incursion's
    /// humiliation), and cheaper war makes it missing in more.
    @Test func v2FlagshipShowsMissingRanges() throws {
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        let shipped = try Self.explanation([], scenario: kursk)
        let cheap = try Self.explanation(["sides.A.weeklyCost=0.00025", "sides.B.weeklyCost=0.00005"], scenario: kursk)
        let before = shipped.overallHeld["noRange"] ?? 0
        let after = cheap.overallHeld["noRange"] ?? 0
        #expect(before > 0.05, "no range as shipped: \(before)")
        #expect(after > before + 0.1, "no range: \(before) as shipped, \(after) with costs cut 20×")
        #expect((shipped.overall["noRange.humiliation"] ?? 0) > 0.05)
    }
}

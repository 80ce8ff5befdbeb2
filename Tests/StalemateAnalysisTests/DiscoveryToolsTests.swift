import Foundation
import StalemateAnalysis
import StalemateScenario
import Testing

/// Feature scores, the box's bootstrap stability and the robust-levers table, each on a case
/// whose answer is known (docs/discovery.md).
@Suite("Discovery tools")
struct DiscoveryToolsTests {
    struct KS: Decodable {
        struct Entry: Decodable { var D: Double, p: Double }
        var scipy: String
        var ks: [String: Entry]
    }

    /// On the synthetic data (of interest: 0.2 < x1 < 0.6 and x3 > 0.7), D equals scipy's
    /// ks_2samp statistic (recorded in Tests/Fixtures/prim/ks-scipy.json, scipy 1.17.1) to
    /// 1e-12; x3 and x1 rank first and second with the smallest p-value 199 shufflings allow;
    /// the three idle inputs do not reach p = 0.05.
    @Test func featureScoresFindTheInputsThatMatter() throws {
        let data = try PRIMTests.data()
        let scores = FeatureScore.scores(
            names: data.names, columns: data.prim.columns, kinds: data.prim.kinds, interest: data.prim.interest,
            permutations: 199, seed: 7)
        let reference = try JSONDecoder().decode(
            KS.self, from: Data(contentsOf: PRIMTests.folder.appendingPathComponent("ks-scipy.json")))
        for s in scores {
            let d = try #require(reference.ks[s.parameter]?.D)
            #expect(abs(s.score - d) < 1e-12, "\(s.parameter): \(s.score) vs scipy \(d)")
        }
        let byName = Dictionary(uniqueKeysWithValues: scores.map { ($0.parameter, $0) })
        #expect(byName["x3"]?.rank == 1 && byName["x1"]?.rank == 2)
        #expect(byName["x3"]?.pValue == 1.0 / 200 && byName["x1"]?.pValue == 1.0 / 200)
        for idle in ["x2", "x4", "x5"] { #expect(byName[idle]!.pValue > 0.05, "\(idle): \(byName[idle]!)") }
        // The same seed, the same p-values.
        let again = FeatureScore.scores(
            names: data.names, columns: data.prim.columns, kinds: data.prim.kinds, interest: data.prim.interest,
            permutations: 199, seed: 7)
        #expect(again == scores)
    }

    /// With levels (of interest: x1 > 0.5 and c1 in {a, b}): c1's total variation distance is
    /// the half-sum of the level shares' gaps, computed here from the counts; c1 and x1 rank
    /// first and second; c2 and the idle numbers do not reach p = 0.05.
    @Test func featureScoresHandleLevels() throws {
        let data = try PRIMTests.data("categorical.csv")
        let scores = FeatureScore.scores(
            names: data.names, columns: data.prim.columns, kinds: data.prim.kinds, interest: data.prim.interest,
            permutations: 199, seed: 3)
        let byName = Dictionary(uniqueKeysWithValues: scores.map { ($0.parameter, $0) })
        let c1 = data.prim.columns[3].map { Int($0) }
        let yes = data.prim.interest.filter { $0 }.count
        let no = data.prim.interest.count - yes
        var tv = 0.0
        for level in 0..<4 {
            let a = zip(c1, data.prim.interest).filter { $0.0 == level && $0.1 }.count
            let b = zip(c1, data.prim.interest).filter { $0.0 == level && !$0.1 }.count
            tv += abs(Double(a) / Double(yes) - Double(b) / Double(no)) / 2
        }
        #expect(abs(byName["c1"]!.score - tv) < 1e-12 && byName["c1"]!.statistic == "total-variation")
        #expect(Set([byName["c1"]!.rank, byName["x1"]!.rank]) == [1, 2])
        for idle in ["x2", "x3", "c2"] { #expect(byName[idle]!.pValue > 0.05, "\(idle): \(byName[idle]!)") }
    }

    /// Resampled, PRIM finds x1 and x3 again nearly every time, and the resamples' boxes cover
    /// the points of interest about as well on all the data; the same seed gives the same figures.
    @Test func theKnownBoxIsStableUnderResampling() throws {
        let data = try PRIMTests.data()
        let steps = data.prim.trajectory()
        let st = Discovery.stability(
            data.prim, choice: .minDensity(0.9), chosen: steps.last!, resamples: 10, seed: 11)
        #expect(st.resamples == 10)
        #expect(st.restricted[0] >= 0.9 && st.restricted[2] >= 0.9, "\(st.restricted)")
        #expect(st.density > 0.8 && st.coverage > 0.5, "\(st)")
        let again = Discovery.stability(
            data.prim, choice: .minDensity(0.9), chosen: steps.last!, resamples: 10, seed: 11)
        #expect(again.restricted == st.restricted && again.coverage == st.coverage)
    }

    /// A matrix worked by hand (lower is better): best per future (0.2, 0.3, 0.1); regrets
    /// A (0, 0.2, 0.2), B (0.1, 0, 0.2), C (0.2, 0.3, 0); only B is non-dominated; A and B
    /// tie on the largest regret and B wins on its mean. The same with the goal reversed.
    @Test func theRobustTableIsWorkedByHand() throws {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        let base = try RunJob(scenario: scenario, runs: 10, seed: 1)
        let levers = try SweepDesign(
            parameters: [try SweepParameter(parsing: "thirdParties.mediators.guarantee=0:1")], kind: .grid, points: 3,
            seed: 1)
        let futures = try SweepDesign(
            parameters: [try SweepParameter(parsing: "sides.B.contingency=0:6")], kind: .lhs, points: 3, seed: 1)
        let matrix = [[0.2, 0.5, 0.3], [0.3, 0.3, 0.3], [0.4, 0.6, 0.1]]
        for goal in ["min", "max"] {
            let sign = goal == "min" ? 1.0 : -1.0
            let r = RobustLevers(
                matrix: matrix.map { $0.map { sign * $0 } }, metric: "stillAtWar104", goal: goal, levers: levers,
                futures: futures, base: base)
            let s = r.settings
            #expect(abs(sign * s[0].mean - 1.0 / 3) < 1e-12 && abs(sign * s[1].mean - 0.3) < 1e-12)
            #expect(abs(sign * s[0].worstDecile - 0.46) < 1e-12 && abs(sign * s[2].worstDecile - 0.56) < 1e-12)
            #expect(abs(s[0].maxRegret - 0.2) < 1e-12 && abs(s[1].maxRegret - 0.2) < 1e-12)
            #expect(abs(s[2].maxRegret - 0.3) < 1e-12)
            #expect(abs(s[0].regret90 - 0.2) < 1e-12 && abs(s[1].regret90 - 0.18) < 1e-12)
            #expect(abs(s[2].regret90 - 0.28) < 1e-12)
            #expect(s.map(\.nonDominated) == [false, true, false])
            #expect(r.minimaxRegret == 1 && r.bestMean == 1 && r.bestWorstDecile == 1)
        }
    }
}

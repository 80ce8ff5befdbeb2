import Foundation
import StalemateAnalysis
import StalemateScenario
import Testing

/// Tallies read from a shard or the store that were damaged or edited: decoding refuses
/// impossible shapes, and `misfit` refuses tallies that do not fit the ensemble they would be
/// merged into, instead of a crash or an allocation of gigabytes (docs/reliability.md).
@Suite("Damaged tallies")
struct DamagedTalliesTests {
    static func tallies() throws -> (Ensemble, EnsembleAccumulator, [String: Any]) {
        let job = try RunJob(scenario: ScenarioLoader.bundled(name: "kursk-2024"), runs: 100, seed: 1)
        let ensemble = Ensemble(model: job.compiled, seed: job.seed, runs: job.runs, threads: 1)
        let acc = ensemble.run()
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(acc)) as? [String: Any])
        return (ensemble, acc, json)
    }

    static func decode(_ json: [String: Any]) throws -> EnsembleAccumulator {
        try JSONDecoder().decode(EnsembleAccumulator.self, from: JSONSerialization.data(withJSONObject: json))
    }

    @Test func impossibleShapesAreRefusedWhenRead() throws {
        let (_, _, json) = try Self.tallies()
        #expect(try Self.decode(json).runs == 100)
        let weekly = try #require(json["weekly"] as? [String: Any])
        let edits: [(String, (inout [String: Any]) -> Void)] = [
            ("a negative horizon", { $0["horizon"] = -1 }),
            ("a horizon of a billion weeks", { $0["horizon"] = 1_000_000_000 }),
            ("a negative ladder", { $0["ladderMax"] = -3 }),
            ("phases cut short", { $0["phase"] = [1, 2, 3] }),
            (
                "no joint tallies and a negative horizon",
                {
                    $0["joint"] = nil; $0["horizon"] = -5
                }
            ),
            ("blockers that are no whole number of weeks", { $0["blocker"] = [Int](repeating: 0, count: 157) }),
            ("runs ended in no week", { $0["endedFrom"] = [Int]() }),
        ]
        for (what, edit) in edits {
            var w = weekly
            edit(&w)
            var j = json
            j["weekly"] = w
            #expect(throws: DecodingError.self, "\(what)") { try Self.decode(j) }
        }
        var km = json
        var warEnd = try #require(json["warEnd"] as? [String: Any])
        warEnd["censored"] = [0]
        km["warEnd"] = warEnd
        #expect(throws: DecodingError.self, "events and censorings of different lengths") { try Self.decode(km) }
        var histogram = json
        var terms = try #require(json["termsHistogram"] as? [String: Any])
        terms["upper"] = -1
        histogram["termsHistogram"] = terms
        #expect(throws: DecodingError.self, "a histogram whose upper end is below its lower") {
            try Self.decode(histogram)
        }
        terms["upper"] = 1
        terms["counts"] = [Int]()
        histogram["termsHistogram"] = terms
        #expect(throws: DecodingError.self, "a histogram of no bins") { try Self.decode(histogram) }
    }

    @Test func talliesThatDoNotFitTheEnsembleAreNamed() throws {
        let (ensemble, acc, json) = try Self.tallies()
        #expect(ensemble.misfit(acc, chunk: 0) == nil)
        #expect(ensemble.misfit(acc, chunk: 1)?.contains("chunks 0..<1") == true)
        var negative = json
        var outcomes = try #require(json["outcomes"] as? [Int])
        outcomes[0] = -5
        negative["outcomes"] = outcomes
        #expect(ensemble.misfit(try Self.decode(negative), chunk: 0) == "a count that is negative or above 2^48")
        var runs = json
        runs["runs"] = 99
        #expect(ensemble.misfit(try Self.decode(runs), chunk: 0) == "99 runs, where this chunk has 100")
        let other = try RunJob(scenario: ScenarioLoader.bundled(name: "kursk-2024"), runs: 100, seed: 1, weeks: 52)
        let shorter = Ensemble(model: other.compiled, seed: 1, runs: 100, threads: 1).run()
        #expect(ensemble.misfit(shorter, chunk: 0) == "52 weeks, where this job has 156")
        var peaks = json
        peaks["peakCounts"] = [100]
        #expect(ensemble.misfit(try Self.decode(peaks), chunk: 0)?.contains("escalation peaks") == true)
    }
}

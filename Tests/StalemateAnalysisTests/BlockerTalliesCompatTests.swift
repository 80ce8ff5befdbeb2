import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateScenario
import StalemateStatistics
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

/// A stored chunk packs its large count arrays; chunks stored before packing (plain arrays)
/// still decode to the same tallies.
@Test func packedAndPlainChunksDecodeAlike() throws {
    let job = try RunJob(scenario: ScenarioLoader.bundled(name: "kursk-2024"), runs: 300, seed: 2)
    let acc = Ensemble(model: job.compiled, seed: job.seed, runs: job.runs, threads: 1).run()
    let packed = try acc.encoded()
    let plainEncoder = PropertyListEncoder()
    plainEncoder.outputFormat = .binary
    let plain = try plainEncoder.encode(acc)
    #expect(packed.count < plain.count / 2, "\(packed.count) bytes packed, \(plain.count) plain")
    let fromPacked = try EnsembleAccumulator.decoded(from: packed)
    let fromPlain = try EnsembleAccumulator.decoded(from: plain)
    // Byte-identical summaries: every count and mean came back exactly.
    func json(_ a: EnsembleAccumulator) throws -> String { try SummaryFormatter.json(job.summary(of: a)) }
    #expect(try json(fromPacked) == json(acc) && json(fromPlain) == json(acc))
    #expect(fromPacked.weekly == acc.weekly && fromPlain.weekly == acc.weekly)
    // JSON coders keep plain arrays.
    let text = String(decoding: try JSONEncoder().encode(acc.weekly), as: UTF8.self)
    #expect(text.contains("\"share\":["))
}

/// The packed blob gives back every value, negative and large ones included.
@Test(arguments: [
    [], [0], [0, 0, 0], [1], [-1], [5, 0, 0, 0, 7, 0], [Int.max, Int.min, 0, 127, 128, -128, 300],
    Array(repeating: 0, count: 10_000) + [3],
])
func packedIntsRoundTrip(_ values: [Int]) throws {
    struct Box: Codable, Equatable {
        var values: [Int]
        enum CodingKeys: String, CodingKey { case values }
        init(values: [Int]) { self.values = values }
        init(from decoder: any Decoder) throws {
            values = try PackedInts.decode(forKey: .values, in: try decoder.container(keyedBy: CodingKeys.self))
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try PackedInts.encode(values, forKey: .values, in: &c, encoder: encoder)
        }
    }
    let encoder = PropertyListEncoder()
    encoder.userInfo[PackedInts.key] = true
    let data = try encoder.encode(Box(values: values))
    #expect(try PropertyListDecoder().decode(Box.self, from: data) == Box(values: values))
}

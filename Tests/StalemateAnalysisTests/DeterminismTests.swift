import Foundation
import StalemateAnalysis
import StalemateCore
import Testing

/// docs/model.md §11: results depend only on (seed, run index), never on threads or chunking.
@Suite("Determinism")
struct DeterminismTests {
    static func model() -> CompiledModel {
        var a = ParameterValues<SideParameter>()
        var b = ParameterValues<SideParameter>()
        a[.baseEscalation] = -3
        b[.baseEscalation] = -3
        b[.forces] = 120
        return CompiledModel(
            WarModel(
                sides: SidePair(a: a, b: b),
                regions: [
                    Region(id: "east", home: .a, value: 2, symbolic: 1, control: 0.6),
                    Region(id: "border", home: .b, value: 1, symbolic: 3, control: 0, active: false),
                ],
                thirdParties: [ThirdParty(id: "un")],
                policies: [Policy(party: "un", kind: .convening(ratePerWeek: 0.1))],
                events: [
                    ScheduledEvent(
                        id: "raid", week: 3,
                        kind: .incursion(side: .a, region: 1, foothold: 0.05, humiliation: 2, shock: 2))
                ]))
    }

    func summaryJSON(threads: Int, chunk: Int) throws -> String {
        let acc = Ensemble(model: Self.model(), seed: 42, runs: 3000, threads: threads, chunkSize: chunk).run()
        let s = EnsembleSummary(
            accumulator: acc, scenario: .init(id: "t", title: "t", hash: "h"),
            settings: .init(runs: 3000, seed: 42, weeks: 156, overrides: []), sideNames: SidePair(a: "A", b: "B"))
        return try SummaryFormatter.json(s)
    }

    @Test func sameJSONForAnyThreadCount() throws {
        let one = try summaryJSON(threads: 1, chunk: 256)
        let two = try summaryJSON(threads: 2, chunk: 256)
        let four = try summaryJSON(threads: 4, chunk: 256)
        #expect(one == two)
        #expect(one == four)
    }

    @Test func shardsMergeToTheWhole() {
        let model = Self.model()
        let whole = Ensemble(model: model, seed: 9, runs: 1000).run()
        var first = Ensemble(model: model, seed: 9, runs: 512, firstRun: 0).run()
        let second = Ensemble(model: model, seed: 9, runs: 488, firstRun: 512).run()
        first.merge(second)
        #expect(first.outcomes == whole.outcomes)
        #expect(first.warEnd == whole.warEnd)
        #expect(first.weekly == whole.weekly)
        #expect(first.blockerWeeks == whole.blockerWeeks)
    }

    @Test func differentSeedsDiffer() throws {
        let model = Self.model()
        let a = Ensemble(model: model, seed: 1, runs: 500).run()
        let b = Ensemble(model: model, seed: 2, runs: 500).run()
        #expect(a.weekly != b.weekly)
    }
}

@Suite("Resumable ensembles")
struct ResumableEnsembleTests {
    /// Chunks stored (here: serialised and read back) and the rest simulated later give exactly
    /// the tallies of one uninterrupted ensemble.
    @Test func resumingFromStoredChunksGivesTheSameTallies() throws {
        let model = DeterminismTests.model()
        let ensemble = Ensemble(model: model, seed: 11, runs: 1500, threads: 2)
        let whole = ensemble.run()
        let stored = Locked([Int: Data]())
        _ = ensemble.run(
            preloaded: [:],
            onChunk: { chunk, acc, records in
                #expect(records.count == acc.runs)
                if chunk % 2 == 0, let data = try? PropertyListEncoder().encode(acc) {
                    stored.withLock { $0[chunk] = data }
                }
            })
        var preloaded: [Int: EnsembleAccumulator] = [:]
        for (chunk, data) in stored.withLock({ $0 }) {
            preloaded[chunk] = try PropertyListDecoder().decode(EnsembleAccumulator.self, from: data)
        }
        #expect(preloaded.count == (ensemble.chunkCount + 1) / 2)
        let resumed = ensemble.run(preloaded: preloaded, onChunk: nil)
        let info = EnsembleSummary.ScenarioInfo(id: "t", title: "t", hash: "h")
        let settings = EnsembleSummary.Settings(runs: 1500, seed: 11, weeks: 156, overrides: [])
        let a = EnsembleSummary(
            accumulator: whole, scenario: info, settings: settings, sideNames: SidePair(a: "A", b: "B"))
        let b = EnsembleSummary(
            accumulator: resumed, scenario: info, settings: settings, sideNames: SidePair(a: "A", b: "B"))
        #expect(try SummaryFormatter.json(a) == SummaryFormatter.json(b))
    }
}

/// A value shared by test closures.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

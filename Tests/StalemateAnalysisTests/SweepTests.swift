import Foundation
import StalemateAnalysis
import StalemateScenario
import Testing

@Suite("Sweeps")
struct SweepTests {
    @Test func gridHasEveryCombination() throws {
        let p = [try SweepParameter(parsing: "a=0:1"), try SweepParameter(parsing: "b=1:100:log")]
        let d = try SweepDesign(parameters: p, kind: .grid, points: 3, seed: 1)
        #expect(d.values.count == 9)
        #expect(Set(d.values.map { $0[0] }) == [0, 0.5, 1])
        let b = Set(d.values.map { $0[1] }).sorted()
        #expect(b.count == 3 && abs(b[0] - 1) < 1e-12 && abs(b[1] - 10) < 1e-9 && abs(b[2] - 100) < 1e-9)
    }

    /// McKay et al. (1979): each parameter has exactly one point in each of the N strata.
    @Test func latinHypercubeFillsEveryStratumOnce() throws {
        let p = [try SweepParameter(parsing: "a=0:1"), try SweepParameter(parsing: "b=-5:5")]
        let d = try SweepDesign(parameters: p, kind: .lhs, points: 20, seed: 7)
        #expect(d.values.count == 20)
        for (j, param) in p.enumerated() {
            let strata = d.values.map { Int((($0[j] - param.lower) / (param.upper - param.lower)) * 20) }
            #expect(Set(strata) == Set(0..<20))
        }
        #expect(try SweepDesign(parameters: p, kind: .lhs, points: 20, seed: 7) == d)
        #expect(try SweepDesign(parameters: p, kind: .lhs, points: 20, seed: 8) != d)
    }

    @Test(arguments: ["a", "a=1", "a=1:0", "a=1:1", "a=x:2", "a=0:1:ln", "a=0:1:log", "=0:1"])
    func badParametersAreRejected(text: String) {
        #expect(throws: SweepError.self) { try SweepParameter(parsing: text) }
    }

    @Test func tooFewOrTooManyPointsAreRejected() throws {
        let p = [try SweepParameter(parsing: "a=0:1")]
        #expect(throws: SweepError.self) { try SweepDesign(parameters: p, kind: .grid, points: 1, seed: 1) }
        let many = try (0..<6).map { try SweepParameter(parsing: "p\($0)=0:1") }
        #expect(throws: SweepError.self) { try SweepDesign(parameters: many, kind: .grid, points: 10, seed: 1) }
        #expect(throws: SweepError.self) { try SweepDesign(parameters: [], kind: .lhs, points: 10, seed: 1) }
    }

    @Test func unknownKeysFailBeforeAnythingRuns() throws {
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        #expect(throws: (any Error).self) {
            try SweepJob(scenario: kursk, parameters: ["sides.B.contingncy=0:2"], kind: .grid, points: 2, runs: 10)
        }
    }

    /// A resumed sweep ends with the same rows as one run straight through.
    @Test func resumeFinishesWithTheSameRows() throws {
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        let job = try SweepJob(
            scenario: kursk, parameters: ["sides.B.baseWillingness=-4:0"], kind: .grid, points: 4, runs: 100, threads: 2
        )
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ out: URL, resume: Bool, stopAfter: Int? = nil) throws -> (rows: [SweepRow], complete: Bool) {
            let checkpoint = try SweepCheckpoint(output: out, resume: resume, header: job.header)
            let stop = StopFlag()
            var kept = checkpoint.restored
            do {
                let rows = try job.execute(
                    restored: checkpoint.restored, stop: stop,
                    onPoint: { row in
                        try checkpoint.append(row)
                        kept[row.point] = row
                        // Stop after `stopAfter` points, as Ctrl-C does.
                        if let stopAfter, kept.count >= stopAfter { stop.set() }
                    })
                return (rows, true)
            } catch is Stopped {
                return (kept.keys.sorted().compactMap { kept[$0] }, false)
            }
        }
        let straight = try run(dir.appendingPathComponent("a.csv"), resume: false)
        #expect(straight.complete && straight.rows.count == 4)
        let out = dir.appendingPathComponent("b.csv")
        let first = try run(out, resume: false, stopAfter: 2)
        #expect(!first.complete && first.rows.count == 2)
        #expect(throws: SweepError.self) { try run(out, resume: false) }
        let rest = try run(out, resume: true)
        #expect(rest.complete)
        #expect(rest.rows == straight.rows)
        try job.write(rows: rest.rows, to: out)
        #expect(!FileManager.default.fileExists(atPath: SweepCheckpoint.url(for: out).path))
        #expect(try String(contentsOf: out, encoding: .utf8).split(separator: "\n").count == 5)
    }
}

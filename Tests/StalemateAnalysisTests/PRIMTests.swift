import Foundation
import StalemateAnalysis
import Testing

/// Stalemate's PRIM against the EMA Workbench's `prim.Prim` on a synthetic data set with a
/// known box (Tests/Fixtures/prim: 1,000 points in [0,1]^5, of interest when 0.2 < x1 < 0.6
/// and x3 > 0.7, 5% of labels flipped): the recorded trajectory of ema_workbench 2.5.3, and the
/// installed EMA Workbench run live where it is (required when STALEMATE_REQUIRE_EMA=1).
@Suite("PRIM against the EMA Workbench")
struct PRIMTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/prim")

    struct Reference: Decodable {
        struct Step: Decodable {
            var coverage, density, mass: Double
            var restricted, n, k: Int
            var lower, upper: [Double]
            var quasiP: [String: [Double?]]
        }
        var ema_workbench: String
        var steps: [Step]
    }

    static func data() throws -> PRIM {
        let text = try String(contentsOf: folder.appendingPathComponent("synthetic.csv"), encoding: .utf8)
        var columns = [[Double]](repeating: [], count: 5)
        var interest: [Bool] = []
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            for j in 0..<5 { columns[j].append(Double(cells[j])!) }
            interest.append(cells[5] == "1")
        }
        return PRIM(columns: columns, interest: interest)
    }

    /// Every step: the same points (n, k), restricted dimensions and limits (to 1e-12), and
    /// quasi-p-values within 1e-6 relative.
    static func compare(_ steps: [PRIM.Step], _ prim: PRIM, with reference: Reference) {
        #expect(steps.count == reference.steps.count, "\(steps.count) steps, EMA \(reference.steps.count)")
        for (i, (s, r)) in zip(steps, reference.steps).enumerated() {
            #expect(s.n == r.n && s.k == r.k && s.restricted == r.restricted, "step \(i): \(s) vs \(r)")
            #expect(abs(s.coverage - r.coverage) < 1e-12 && abs(s.density - r.density) < 1e-12)
            #expect(abs(s.mass - r.mass) < 1e-12)
            for j in 0..<5 {
                #expect(
                    abs(s.lower[j] - r.lower[j]) < 1e-12 && abs(s.upper[j] - r.upper[j]) < 1e-12, "step \(i), x\(j + 1)"
                )
            }
            guard i > 0 else { continue }
            for q in prim.quasiP(s) {
                let expected = r.quasiP["x\(q.dimension + 1)"] ?? [nil, nil]
                for (mine, theirs) in [(q.lower, expected[0]), (q.upper, expected[1])] {
                    #expect((mine == nil) == (theirs == nil), "step \(i), x\(q.dimension + 1)")
                    if let mine, let theirs {
                        #expect(abs(mine - theirs) <= 1e-6 * max(theirs, 1e-300), "step \(i): \(mine) vs \(theirs)")
                    }
                }
            }
        }
    }

    @Test func theTrajectoryIsTheEMAWorkbenchs() throws {
        let prim = try Self.data()
        let reference = try JSONDecoder().decode(
            Reference.self, from: Data(contentsOf: Self.folder.appendingPathComponent("ema-2.5.3.json")))
        let steps = prim.trajectory()
        Self.compare(steps, prim, with: reference)
        // The last box is the known one: x1 within about 0.2…0.6 and x3 above about 0.7.
        let last = try #require(steps.last)
        #expect(abs(last.lower[0] - 0.2) < 0.02 && abs(last.upper[0] - 0.6) < 0.02 && abs(last.lower[2] - 0.7) < 0.02)
        #expect(last.density > 0.95 && last.coverage > 0.65)
    }

    @Test func theInstalledEMAWorkbenchAgrees() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import ema_workbench"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            #expect(
                ProcessInfo.processInfo.environment["STALEMATE_REQUIRE_EMA"] != "1",
                "the EMA Workbench is required here (pip install ema-workbench)")
            print("note: the EMA Workbench is not installed; the live PRIM comparison is skipped")
            return
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ema-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = Process()
        run.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        run.arguments = [
            "python3", Self.folder.appendingPathComponent("ema_prim.py").path, "run",
            Self.folder.appendingPathComponent("synthetic.csv").path, out.path,
        ]
        let err = Pipe()
        run.standardError = err
        try run.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 0, "\(message.suffix(2000))")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: out))
        let prim = try Self.data()
        Self.compare(prim.trajectory(), prim, with: reference)
    }

    /// The binomial tail against values computed by hand and by scipy.stats.binomtest.
    @Test func theBinomialTailIsRight() {
        #expect(abs(PRIM.binomialUpperTail(successes: 3, trials: 4, p: 0.5) - 5.0 / 16) < 1e-15)
        #expect(PRIM.binomialUpperTail(successes: 0, trials: 10, p: 0.3) == 1)
        // scipy.stats.binomtest(90, 93, 0.5, alternative="greater").pvalue (scipy 1.17.1): 1.3544476685380618e-23
        let tail = PRIM.binomialUpperTail(successes: 90, trials: 93, p: 0.5)
        #expect(abs(tail - 1.3544476685380618e-23) / 1.3544476685380618e-23 < 1e-9, "\(tail)")
    }
}

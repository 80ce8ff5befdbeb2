import Foundation
import StalemateAnalysis
import StalemateTestSupport
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
            var lower, upper: [Double?]
            var quasiP: [String: [Double?]]
            var categories: [String: [String]]?
        }
        var ema_workbench: String
        var steps: [Step]
    }

    /// A fixture's data: the columns before `y`; a column of non-numbers is categorical, its
    /// levels coded in sorted order (as the reference lists them).
    struct DataSet {
        var names: [String]
        var prim: PRIM
        var levels: [[String]]
    }

    static func data(_ file: String = "synthetic.csv") throws -> DataSet {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let names = Array(lines[0].dropLast())
        let rows = lines.dropFirst()
        var columns: [[Double]] = []
        var levels: [[String]] = []
        var kinds: [PRIM.Kind] = []
        for j in names.indices {
            let cells = rows.map { $0[j] }
            if cells.allSatisfy({ Double($0) != nil }) {
                columns.append(cells.map { Double($0)! })
                levels.append([])
                kinds.append(.continuous)
            } else {
                let sorted = Array(Set(cells)).sorted()
                columns.append(cells.map { Double(sorted.firstIndex(of: $0)!) })
                levels.append(sorted)
                kinds.append(.categorical(levels: sorted.count))
            }
        }
        let prim = PRIM(columns: columns, interest: rows.map { $0.last == "1" }, kinds: kinds)
        return DataSet(names: names, prim: prim, levels: levels)
    }

    /// Every step: the same points (n, k), restricted dimensions, limits (to 1e-12) and levels,
    /// and quasi-p-values within 1e-6 relative.
    static func compare(_ steps: [PRIM.Step], _ data: DataSet, with reference: Reference) {
        let prim = data.prim
        #expect(steps.count == reference.steps.count, "\(steps.count) steps, EMA \(reference.steps.count)")
        for (i, (s, r)) in zip(steps, reference.steps).enumerated() {
            #expect(s.n == r.n && s.k == r.k && s.restricted == r.restricted, "step \(i): \(s) vs \(r)")
            #expect(abs(s.coverage - r.coverage) < 1e-12 && abs(s.density - r.density) < 1e-12)
            #expect(abs(s.mass - r.mass) < 1e-12)
            for (j, name) in data.names.enumerated() {
                if let lower = r.lower[j], let upper = r.upper[j] {
                    #expect(abs(s.lower[j] - lower) < 1e-12 && abs(s.upper[j] - upper) < 1e-12, "step \(i), \(name)")
                } else {
                    let mine = (s.categories?[j] ?? []).map { data.levels[j][$0] }
                    #expect(mine == r.categories?[name], "step \(i), \(name)")
                }
            }
            guard i > 0 else { continue }
            for q in prim.quasiP(s) {
                let name = data.names[q.dimension]
                let expected = r.quasiP[name] ?? [nil, nil]
                for (mine, theirs) in [(q.lower, expected[0]), (q.upper, expected[1])] {
                    #expect((mine == nil) == (theirs == nil), "step \(i), \(name)")
                    if let mine, let theirs {
                        #expect(abs(mine - theirs) <= 1e-6 * max(theirs, 1e-300), "step \(i): \(mine) vs \(theirs)")
                    }
                }
            }
        }
    }

    static func reference(_ file: String) throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: folder.appendingPathComponent(file)))
    }

    @Test func theTrajectoryIsTheEMAWorkbenchs() throws {
        let data = try Self.data()
        let steps = data.prim.trajectory()
        Self.compare(steps, data, with: try Self.reference("ema-2.5.3.json"))
        // The last box is the known one: x1 within about 0.2…0.6 and x3 above about 0.7.
        let last = try #require(steps.last)
        #expect(abs(last.lower[0] - 0.2) < 0.02 && abs(last.upper[0] - 0.6) < 0.02 && abs(last.lower[2] - 0.7) < 0.02)
        #expect(last.density > 0.95 && last.coverage > 0.65)
    }

    /// Categorical inputs (Tests/Fixtures/prim/categorical.csv: of interest when x1 > 0.5 and
    /// c1 is a or b): levels dropped and pasted back as the EMA Workbench does, step for step.
    @Test func categoricalInputsAreTheEMAWorkbenchs() throws {
        let data = try Self.data("categorical.csv")
        let steps = data.prim.trajectory()
        Self.compare(steps, data, with: try Self.reference("ema-2.5.3-categorical.json"))
        // Box 16 (before the spurious limits): x1 above about 0.5, c1 in {a, b}.
        let box = steps[16]
        #expect(abs(box.lower[0] - 0.5) < 0.03 && box.categories?[3] == [0, 1] && box.restricted == 2)
    }

    @Test(arguments: ["synthetic.csv", "categorical.csv"])
    func theInstalledEMAWorkbenchAgrees(file: String) throws {
        guard try pythonCanImport("ema_workbench") else {
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
            Self.folder.appendingPathComponent(file).path, out.path,
        ]
        // Python's string hashing orders a set's levels; fixed, the candidates come in one order.
        run.environment = ProcessInfo.processInfo.environment.merging(["PYTHONHASHSEED": "0"]) { $1 }
        let err = Pipe()
        run.standardError = err
        try run.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 0, "\(message.suffix(2000))")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: out))
        let data = try Self.data(file)
        Self.compare(data.prim.trajectory(), data, with: reference)
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

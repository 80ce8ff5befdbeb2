import Foundation
import StalemateAnalysis
import StalemateSensitivity
import Testing

@Suite("Sobol indices")
struct SensitivitySobolTests {
    /// Rows come in blocks A, B, A_B^(1…k) of N rows; A_B^(i) is A with column i from B; with
    /// the Sobol' sequence and N = 2^6 each column of A and of B is stratified (one point per
    /// cell of width 1/64).
    @Test(arguments: SobolDesign.Sampling.allCases)
    func designHasSaltelliBlocks(sampling: SobolDesign.Sampling) throws {
        let inputs = try SensitivityFixtures.linearInputs(logScaleThird: true)
        let n = 64
        let design = try SobolDesign(inputs: inputs, baseSamples: n, seed: 21, sampling: sampling)
        let k = inputs.count
        #expect(design.count == n * (k + 2))
        #expect(design.rows(ofBlock: 2 + k - 1) == (n * (k + 1))..<(n * (k + 2)))
        let a = Array(design.unitPoints[design.rows(ofBlock: 0)])
        let b = Array(design.unitPoints[design.rows(ofBlock: 1)])
        for i in 0..<k {
            let mixed = Array(design.unitPoints[design.rows(ofBlock: 2 + i)])
            for j in 0..<n {
                var expected = a[j]
                expected[i] = b[j][i]
                #expect(mixed[j] == expected)
            }
        }
        if sampling == .sobolSequence {
            for column in 0..<k {
                #expect(Set(a.map { Int($0[column] * Double(n)) }).count == n)
                #expect(Set(b.map { Int($0[column] * Double(n)) }).count == n)
            }
        }
        for (unit, point) in zip(design.unitPoints, design.points) {
            #expect(point == zip(inputs, unit).map { $0.value(atUnit: $1) })
        }
    }

    /// Ishigami, Sobol' sequence, N = 2^13 (40 960 evaluations): every S1 and ST within 0.01 of
    /// the analytic value (Ishigami & Homma 1990; Saltelli et al. 2008 §4.6), and every analytic
    /// value inside its 95% bootstrap interval. The observed errors are about 0.002; the
    /// bootstrap treats the quasi-random rows as independent, so its intervals are wider than
    /// that (conservative), about ±0.02 for S1.
    @Test func ishigamiWithTheSobolSequence() throws {
        let design = try SobolDesign(
            inputs: SensitivityFixtures.ishigamiInputs(), baseSamples: 1 << 13, seed: 20240806)
        let indices = try SobolAnalysis.analyze(
            design: design, outputs: design.points.map(SensitivityFixtures.ishigami))
        let s1 = SensitivityFixtures.ishigamiFirstOrder
        let st = SensitivityFixtures.ishigamiTotal
        #expect(abs(s1[0] - 0.3139) < 5e-5 && abs(s1[1] - 0.4424) < 5e-5)
        #expect(abs(st[0] - 0.5576) < 5e-5 && abs(st[2] - 0.2437) < 5e-5)
        for i in 0..<3 {
            #expect(abs(indices[i].firstOrder - s1[i]) < 0.01, "S1 of x\(i + 1)")
            #expect(abs(indices[i].total - st[i]) < 0.01, "ST of x\(i + 1)")
            #expect(indices[i].firstOrderInterval.contains(s1[i]), "S1 interval of x\(i + 1)")
            #expect(indices[i].totalInterval.contains(st[i]), "ST interval of x\(i + 1)")
        }
    }

    /// Ishigami, pseudo-random design, N = 2^13: the Monte Carlo error of each index is about
    /// 0.012 at this N (root-mean-square over 200 seeds), so the tolerance 0.04 is 3.3 of
    /// those; every analytic value also lies in its 95% bootstrap interval.
    @Test func ishigamiWithPseudoRandomSampling() throws {
        let design = try SobolDesign(
            inputs: SensitivityFixtures.ishigamiInputs(), baseSamples: 1 << 13, seed: 20240806,
            sampling: .pseudoRandom)
        let indices = try SobolAnalysis.analyze(
            design: design, outputs: design.points.map(SensitivityFixtures.ishigami))
        let s1 = SensitivityFixtures.ishigamiFirstOrder
        let st = SensitivityFixtures.ishigamiTotal
        for i in 0..<3 {
            #expect(abs(indices[i].firstOrder - s1[i]) < 0.04, "S1 of x\(i + 1)")
            #expect(abs(indices[i].total - st[i]) < 0.04, "ST of x\(i + 1)")
            #expect(indices[i].firstOrderInterval.contains(s1[i]), "S1 interval of x\(i + 1)")
            #expect(indices[i].totalInterval.contains(st[i]), "ST interval of x\(i + 1)")
        }
    }

    /// Coverage of the percentile intervals with independent rows: over 100 pseudo-random
    /// Ishigami designs of N = 512 (200 resamples each), each of the six 95% intervals covers
    /// its analytic value at least 85 times. (A 1000-design run measured 0.92–0.945 at this N,
    /// 0.936–0.955 at N = 1024; 85/100 is 3 SE below 0.93, so a badly under-covering interval
    /// fails.)
    @Test func percentileIntervalsCoverNearTheirLevel() throws {
        let inputs = try SensitivityFixtures.ishigamiInputs()
        let s1 = SensitivityFixtures.ishigamiFirstOrder
        let st = SensitivityFixtures.ishigamiTotal
        var covered = [Int](repeating: 0, count: 6)
        for replication in 0..<100 {
            let design = try SobolDesign(
                inputs: inputs, baseSamples: 512, seed: UInt64(1000 + replication), sampling: .pseudoRandom)
            let indices = try SobolAnalysis.analyze(
                design: design, outputs: design.points.map(SensitivityFixtures.ishigami), bootstrap: 200)
            for i in 0..<3 {
                if indices[i].firstOrderInterval.contains(s1[i]) { covered[i] += 1 }
                if indices[i].totalInterval.contains(st[i]) { covered[3 + i] += 1 }
            }
        }
        #expect(covered.allSatisfy { $0 >= 85 }, "coverage counts \(covered)")
    }

    /// Additive f = Σ c_i x_i with one log-uniform input: S1_i = ST_i = c_i² Var(x_i) / Σ_j c_j²
    /// Var(x_j) (no interactions), met within 0.01 at N = 2^12 with the Sobol' sequence.
    @Test(arguments: [false, true])
    func additiveLinearFunction(logScaleThird: Bool) throws {
        let inputs = try SensitivityFixtures.linearInputs(logScaleThird: logScaleThird)
        let c = [2.0, -0.5, 0.3]
        let design = try SobolDesign(inputs: inputs, baseSamples: 1 << 12, seed: 77)
        let indices = try SobolAnalysis.analyze(
            design: design, outputs: design.points.map(SensitivityFixtures.linear(c)), bootstrap: 200)
        let expected = SensitivityFixtures.linearIndices(c, inputs)
        #expect(abs(expected.reduce(0, +) - 1) < 1e-12)
        for i in 0..<3 {
            #expect(abs(indices[i].firstOrder - expected[i]) < 0.01, "S1 of \(inputs[i].name)")
            #expect(abs(indices[i].total - expected[i]) < 0.01, "ST of \(inputs[i].name)")
        }
    }

    /// A large constant added to the output changes nothing beyond rounding (1e-9): the
    /// first-order estimator is centred on the mean (see `SobolAnalysis.analyze`).
    @Test func indicesIgnoreTheOutputsMean() throws {
        let design = try SobolDesign(inputs: SensitivityFixtures.ishigamiInputs(), baseSamples: 256, seed: 4)
        let outputs = design.points.map(SensitivityFixtures.ishigami)
        let plain = try SobolAnalysis.analyze(design: design, outputs: outputs, bootstrap: 100)
        let shifted = try SobolAnalysis.analyze(design: design, outputs: outputs.map { $0 + 1e4 }, bootstrap: 100)
        for (p, s) in zip(plain, shifted) {
            #expect(abs(p.firstOrder - s.firstOrder) < 1e-9)
            #expect(abs(p.total - s.total) < 1e-9)
            #expect(abs(p.firstOrderInterval.lower - s.firstOrderInterval.lower) < 1e-9)
        }
    }

    /// The same seed gives the same points and indices; another seed gives other points.
    @Test(arguments: SobolDesign.Sampling.allCases)
    func sameSeedSameDesignAndIndices(sampling: SobolDesign.Sampling) throws {
        let inputs = try SensitivityFixtures.ishigamiInputs()
        let first = try SobolDesign(inputs: inputs, baseSamples: 128, seed: 31, sampling: sampling)
        let second = try SobolDesign(inputs: inputs, baseSamples: 128, seed: 31, sampling: sampling)
        let other = try SobolDesign(inputs: inputs, baseSamples: 128, seed: 32, sampling: sampling)
        #expect(first == second)
        #expect(first.points != other.points)
        let outputs = first.points.map(SensitivityFixtures.ishigami)
        let a = try SobolAnalysis.analyze(design: first, outputs: outputs, bootstrap: 300)
        let b = try SobolAnalysis.analyze(design: second, outputs: outputs, bootstrap: 300)
        #expect(a == b)
        let reseeded = try SobolAnalysis.analyze(design: first, outputs: outputs, bootstrap: 300, seed: 5)
        #expect(reseeded.map(\.firstOrder) == a.map(\.firstOrder))
        #expect(reseeded.map(\.totalInterval) != a.map(\.totalInterval))
    }
}

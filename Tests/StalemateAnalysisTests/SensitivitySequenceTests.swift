import Foundation
import StalemateAnalysis
import StalemateSensitivity
import Testing

@Suite("Sensitivity random sources")
struct SensitivitySequenceTests {
    /// The first ten points of the unshifted three-dimensional Sobol' sequence, as printed by
    /// Joe & Kuo's reference generator `sobol.cc` with `new-joe-kuo-6.21201` (Gray-code order).
    @Test func sobolFirstPointsMatchJoeKuoReference() {
        let expected: [[Double]] = [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875],
            [0.125, 0.625, 0.375], [0.1875, 0.3125, 0.9375], [0.6875, 0.8125, 0.4375],
        ]
        let sequence = SobolSequence(dimensions: 3)
        for (n, point) in expected.enumerated() {
            #expect(sequence.point(n) == point)
        }
    }

    /// Points 2730 (Gray code 0xFFF: the XOR of V_1…V_12) and 4095 (Gray code 0x800: V_12
    /// alone) in all 64 dimensions, as 32-bit integers, equal those of SciPy 1.17's
    /// `scipy.stats.qmc.Sobol(d=64, scramble=False, bits=32)`, which reads the same
    /// `new-joe-kuo-6.21201` file. V_12 comes from the recurrence in every dimension, so this
    /// checks each row's degree, polynomial and initial numbers.
    @Test func sobolHighDimensionsMatchSciPy() {
        let point2730: [UInt32] = [
            4293918720, 286261248, 11534336, 3488612352, 3079667712, 4254072832, 1366294528, 670040064,
            1827667968, 3933208576, 3174039552, 4096786432, 4027580416, 2402287616, 1500512256, 2068840448,
            4153409536, 802160640, 4149215232, 3880779776, 3912237056, 2811232256, 611319808, 3161456640,
            3624927232, 4165992448, 785383424, 3828350976, 3692036096, 3880779776, 632291328, 3398434816,
            4291821568, 2364538880, 3641704448, 1875902464, 2888826880, 1116733440, 1452277760, 3729784832,
            3851419648, 370147328, 810549248, 3434086400, 649068544, 3419406336, 1777336320, 3413114880,
            2999975936, 2360344576, 988807168, 1129316352, 2454716416, 317718528, 663748608, 1945108480,
            2108686336, 32505856, 4264558592, 2788163584, 1666187264, 3312451584, 1294991360, 3880779776,
        ]
        let point4095: [UInt32] = [
            1048576, 4042260480, 1435500544, 3872391168, 4038066176, 338690048, 4077912064, 1678770176,
            823132160, 1058013184, 2446327808, 1380974592, 1584398336, 2232418304, 2366636032, 1789919232,
            267386880, 2616197120, 3492806656, 2238709760, 969932800, 3144679424, 2911895552, 1913651200,
            787480576, 2289041408, 1626341376, 122683392, 4012900352, 3673161728, 1552941056, 376438784,
            3266314240, 1129316352, 4092592128, 753926144, 2492465152, 1408237568, 711983104, 976224256,
            862978048, 45088768, 2876243968, 2907701248, 2874146816, 4176478208, 3004170240, 84934656,
            4113563648, 2609905664, 1997537280, 158334976, 2922381312, 4266655744, 238026752, 621805568,
            3004170240, 2265972736, 2748317696, 2446327808, 1274019840, 1653604352, 2949644288, 2377121792,
        ]
        let sequence = SobolSequence(dimensions: SobolSequence.maxDimensions)
        #expect(sequence.integerPoint(2730) == point2730)
        #expect(sequence.integerPoint(4095) == point4095)
    }

    /// Every one-dimensional projection of the first 2^10 points, shifted or not, hits each of
    /// the 2^10 cells [j/1024, (j+1)/1024) exactly once (a (0, 10, 1)-net), in all 64 dimensions.
    @Test(arguments: [false, true])
    func sobolProjectionsAreStratified(shifted: Bool) {
        let sequence = SobolSequence(dimensions: SobolSequence.maxDimensions)
        var random = SensitivityRandom(seed: 7)
        let shift = shifted ? (0..<64).map { _ in UInt32(truncatingIfNeeded: random.next()) } : nil
        var hits = [[Int]](repeating: [Int](repeating: 0, count: 1024), count: 64)
        for n in 0..<1024 {
            for (d, u) in sequence.point(n, shift: shift).enumerated() {
                #expect(u >= 0 && u < 1)
                hits[d][Int(u * 1024)] += 1
            }
        }
        #expect(hits.allSatisfy { $0.allSatisfy { $0 == 1 } })
    }

    /// Two-dimensional projections of the first 2^8 points of dimensions 1–3: each of the 256
    /// square cells of the 16 × 16 grid holds exactly one point, as in a (0, 8, 2)-net (the
    /// square elementary intervals; checked against SciPy for these three pairs).
    @Test func sobolLowDimensionalPairsAreBalanced() {
        let sequence = SobolSequence(dimensions: 3)
        for pair in [(0, 1), (1, 2), (0, 2)] {
            var cells = Set<Int>()
            for n in 0..<256 {
                let p = sequence.point(n)
                cells.insert(Int(p[pair.0] * 16) * 16 + Int(p[pair.1] * 16))
            }
            #expect(cells.count == 256)
        }
    }

    /// SplitMix64 from state 0: the first outputs of Vigna's reference `splitmix64.c`.
    @Test func splitMixMatchesReference() {
        var random = SensitivityRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    /// 10^6 uniforms: mean within 4 SE of 1/2 (SE = sqrt(1/12/n) ≈ 2.9e-4), variance within
    /// 1% of 1/12; and `nextInt(below: 6)` over 6·10^5 draws passes a χ² test with 5 degrees of
    /// freedom at the 0.1% level (χ² < 20.5).
    @Test func uniformsAndIntegersAreUniform() {
        var random = SensitivityRandom(seed: 42, stream: 9)
        let n = 1_000_000
        var sum = 0.0
        var squares = 0.0
        for _ in 0..<n {
            let u = random.nextUniform()
            #expect(u >= 0 && u < 1)
            sum += u
            squares += u * u
        }
        let mean = sum / Double(n)
        #expect(abs(mean - 0.5) < 4 * (1.0 / 12 / Double(n)).squareRoot())
        #expect(abs((squares / Double(n) - mean * mean) * 12 - 1) < 0.01)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<600_000 { counts[random.nextInt(below: 6)] += 1 }
        let chiSquare = counts.reduce(0.0) { $0 + pow(Double($1) - 100_000, 2) / 100_000 }
        #expect(chiSquare < 20.5)
    }

    @Test func permutationsAreDeterministicPermutations() {
        var first = SensitivityRandom(seed: 3)
        var second = SensitivityRandom(seed: 3)
        let p = first.permutation(of: 50)
        #expect(p == second.permutation(of: 50))
        #expect(p.sorted() == Array(0..<50))
        #expect(p != Array(0..<50))
        #expect(SensitivityRandom(seed: 3, stream: 1) != SensitivityRandom(seed: 3, stream: 2))
    }
}

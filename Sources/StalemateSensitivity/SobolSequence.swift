import Foundation

/// The Sobol' low-discrepancy sequence (Sobol' 1967) in up to 64 dimensions, with the
/// direction numbers of Joe & Kuo (2008), file `new-joe-kuo-6.21201`, whose two-dimensional
/// projections have small t-values.
///
/// Points are produced in Gray-code order as in Joe & Kuo's reference generator (and SciPy's
/// `scipy.stats.qmc.Sobol(scramble=False)`): point `n` is the XOR of the direction numbers
/// `V_j` over the set bits `j` of `n ^ (n >> 1)`, read as a 32-bit binary fraction. The first
/// `2^m` points of any one dimension are the `2^m` multiples of `2^-m`, each once.
///
/// A random digital shift (XOR of each dimension with a random 32-bit word; Owen 1995,
/// Dick & Pillichshammer 2010 §4.4) keeps those net properties and makes every point uniform
/// on [0, 1)^d, which is what `SobolDesign` uses.
public struct SobolSequence: Sendable, Equatable {
    /// The largest number of dimensions supported (dimension 1 plus the 63 Joe–Kuo rows below).
    public static let maxDimensions = 64

    /// The number of coordinates of each point.
    public let dimensions: Int

    /// `directions[d][j]` is `V_{j+1}` of dimension `d`, a 32-bit binary fraction.
    private let directions: [[UInt32]]

    /// The sequence in `dimensions` dimensions.
    ///
    /// - Precondition: `1 ≤ dimensions ≤ SobolSequence.maxDimensions`.
    public init(dimensions: Int) {
        precondition(
            dimensions >= 1 && dimensions <= Self.maxDimensions,
            "SobolSequence supports 1...\(Self.maxDimensions) dimensions, not \(dimensions)")
        self.dimensions = dimensions
        var all: [[UInt32]] = [(0..<32).map { UInt32(1) << (31 - $0) }]
        for row in Self.joeKuo.prefix(dimensions - 1) {
            all.append(Self.directionNumbers(degree: row.s, coefficients: row.a, initial: row.m))
        }
        directions = all
    }

    /// The 32 direction numbers of one dimension from its primitive polynomial of degree `s`
    /// (inner coefficients `a`, most significant first) and initial odd numbers `m_1…m_s`:
    /// `V_i = m_i 2^(32−i)` for `i ≤ s`, then Bratley & Fox's (1988) recurrence
    /// `V_i = V_{i−s} ⊕ (V_{i−s} >> s) ⊕ a_1 V_{i−1} ⊕ … ⊕ a_{s−1} V_{i−s+1}`.
    static func directionNumbers(degree s: Int, coefficients a: UInt32, initial m: [UInt32]) -> [UInt32] {
        var v = [UInt32](repeating: 0, count: 32)
        for i in 0..<min(s, 32) { v[i] = m[i] << (31 - i) }
        if s < 32 {
            for i in s..<32 {
                var value = v[i - s] ^ (v[i - s] >> UInt32(s))
                for k in 1..<s where (a >> UInt32(s - 1 - k)) & 1 == 1 {
                    value ^= v[i - k]
                }
                v[i] = value
            }
        }
        return v
    }

    /// Point `index` as 32-bit binary fractions (unshifted), one per dimension.
    ///
    /// - Precondition: `0 ≤ index < 2^32`.
    public func integerPoint(_ index: Int) -> [UInt32] {
        precondition(index >= 0 && index <= Int(UInt32.max), "Sobol' index \(index) is outside 0..<2^32")
        let gray = UInt32(index) ^ (UInt32(index) >> 1)
        return directions.map { v in
            var x: UInt32 = 0
            var bits = gray
            var j = 0
            while bits != 0 {
                if bits & 1 == 1 { x ^= v[j] }
                bits >>= 1
                j += 1
            }
            return x
        }
    }

    /// Point `index` in [0, 1)^dimensions, each coordinate XOR-ed with `shift[d]` (a digital
    /// shift; zeros leave the sequence unshifted) and divided by 2^32.
    public func point(_ index: Int, shift: [UInt32]? = nil) -> [Double] {
        let raw = integerPoint(index)
        return raw.indices.map { d in Double(raw[d] ^ (shift?[d] ?? 0)) * 0x1.0p-32 }
    }

    /// Degree `s`, polynomial coefficients `a` and initial direction numbers `m` of dimensions
    /// 2…64, copied from Joe & Kuo's `new-joe-kuo-6.21201` (rows d = 2…64).
    static let joeKuo: [(s: Int, a: UInt32, m: [UInt32])] = [
        (1, 0, [1]), (2, 1, [1, 3]), (3, 1, [1, 3, 1]), (3, 2, [1, 1, 1]),
        (4, 1, [1, 1, 3, 3]), (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]), (5, 4, [1, 1, 5, 5, 5]), (5, 7, [1, 1, 7, 11, 19]),
        (5, 11, [1, 1, 5, 1, 1]), (5, 13, [1, 1, 1, 3, 11]), (5, 14, [1, 3, 5, 5, 31]),
        (6, 1, [1, 3, 3, 9, 7, 49]), (6, 13, [1, 1, 1, 15, 21, 21]), (6, 16, [1, 3, 1, 13, 27, 49]),
        (6, 19, [1, 1, 1, 15, 7, 5]), (6, 22, [1, 3, 1, 15, 13, 25]), (6, 25, [1, 1, 5, 5, 19, 61]),
        (7, 1, [1, 3, 7, 11, 23, 15, 103]), (7, 4, [1, 3, 7, 13, 13, 15, 69]),
        (7, 7, [1, 1, 3, 13, 7, 35, 63]), (7, 8, [1, 3, 5, 9, 1, 25, 53]),
        (7, 14, [1, 3, 1, 13, 9, 35, 107]), (7, 19, [1, 3, 1, 5, 27, 61, 31]),
        (7, 21, [1, 1, 5, 11, 19, 41, 61]), (7, 28, [1, 3, 5, 3, 3, 13, 69]),
        (7, 31, [1, 1, 7, 13, 1, 19, 1]), (7, 32, [1, 3, 7, 5, 13, 19, 59]),
        (7, 37, [1, 1, 3, 9, 25, 29, 41]), (7, 41, [1, 3, 5, 13, 23, 1, 55]),
        (7, 42, [1, 3, 7, 3, 13, 59, 17]), (7, 50, [1, 3, 1, 3, 5, 53, 69]),
        (7, 55, [1, 1, 5, 5, 23, 33, 13]), (7, 56, [1, 1, 7, 7, 1, 61, 123]),
        (7, 59, [1, 1, 7, 9, 13, 61, 49]), (7, 62, [1, 3, 3, 5, 3, 55, 33]),
        (8, 14, [1, 3, 1, 15, 31, 13, 49, 245]), (8, 21, [1, 3, 5, 15, 31, 59, 63, 97]),
        (8, 22, [1, 3, 1, 11, 11, 11, 77, 249]), (8, 38, [1, 3, 1, 11, 27, 43, 71, 9]),
        (8, 47, [1, 1, 7, 15, 21, 11, 81, 45]), (8, 49, [1, 3, 7, 3, 25, 31, 65, 79]),
        (8, 50, [1, 3, 1, 1, 19, 11, 3, 205]), (8, 52, [1, 1, 5, 9, 19, 21, 29, 157]),
        (8, 56, [1, 3, 7, 11, 1, 33, 89, 185]), (8, 67, [1, 3, 3, 3, 15, 9, 79, 71]),
        (8, 70, [1, 3, 7, 11, 15, 39, 119, 27]), (8, 84, [1, 1, 3, 1, 11, 31, 97, 225]),
        (8, 97, [1, 1, 1, 3, 23, 43, 57, 177]), (8, 103, [1, 3, 7, 7, 17, 17, 37, 71]),
        (8, 115, [1, 3, 1, 5, 27, 63, 123, 213]), (8, 122, [1, 1, 3, 5, 11, 43, 53, 133]),
        (9, 8, [1, 3, 5, 5, 29, 17, 47, 173, 479]), (9, 13, [1, 3, 3, 11, 3, 1, 109, 9, 69]),
        (9, 16, [1, 1, 1, 5, 17, 39, 23, 5, 343]), (9, 22, [1, 3, 1, 5, 25, 15, 31, 103, 499]),
        (9, 25, [1, 1, 1, 11, 11, 17, 63, 105, 183]), (9, 44, [1, 1, 5, 11, 9, 29, 97, 231, 363]),
        (9, 47, [1, 1, 5, 15, 19, 45, 41, 7, 383]), (9, 52, [1, 3, 7, 7, 31, 19, 83, 137, 221]),
        (9, 55, [1, 1, 1, 3, 23, 15, 111, 223, 83]), (9, 59, [1, 1, 5, 13, 31, 15, 55, 25, 161]),
        (9, 62, [1, 1, 3, 13, 25, 47, 39, 87, 257]),
    ]
}

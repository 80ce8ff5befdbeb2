import Foundation
import StalemateStatistics

/// The random source of the sensitivity designs and bootstraps: SplitMix64 (Steele, Lea &
/// Flood 2014, "Fast splittable pseudorandom number generators").
///
/// Every distribution is sampled from `next()` by code in this file, never by the standard
/// library's `random(in:using:)`, whose algorithms are not promised to stay the same. So a
/// seed gives the same designs and intervals on every platform and Swift version.
///
/// SplitMix64 passes BigCrush and has period 2^64, far more than a design or a bootstrap
/// draws. Streams for different purposes (a design, a bootstrap) are separated by
/// `init(seed:stream:)`, which mixes the stream label into the state.
public struct SensitivityRandom: RandomNumberGenerator, Sendable, Equatable {
    private var state: UInt64

    /// The golden-ratio increment of SplitMix64.
    private static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The stream with this seed (the state starts at `seed` itself).
    public init(seed: UInt64) {
        state = seed
    }

    /// The stream `stream` of a seed: a different stream label gives an unrelated sequence.
    ///
    /// Designs use stream 1, bootstraps stream 2, so an analysis seeded like its design does
    /// not reuse the design's numbers.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SensitivityRandom(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= Self.gamma
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits: `Double(next() >> 11) · 2⁻⁵³`.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire 2019, "Fast random
    /// integer generation in an interval": multiply, and reject the few biased low words).
    ///
    /// - Precondition: `bound > 0`.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        let s = UInt64(bound)
        var product = next().multipliedFullWidth(by: s)
        if product.low < s {
            let threshold = (0 &- s) % s
            while product.low < threshold {
                product = next().multipliedFullWidth(by: s)
            }
        }
        return Int(product.high)
    }

    /// A uniformly random permutation of `0..<count` (Fisher–Yates, from the last position down).
    public mutating func permutation(of count: Int) -> [Int] {
        var values = Array(0..<count)
        var i = count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            values.swapAt(i, j)
            i -= 1
        }
        return values
    }
}

/// A confidence interval of a sensitivity measure, from bootstrap percentiles.
public struct SensitivityInterval: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The lower limit.
    public var lower: Double
    /// The upper limit.
    public var upper: Double
    /// The nominal coverage, e.g. 0.95.
    public var level: Double

    /// An interval `lower...upper` with nominal coverage `level`.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Whether `value` lies within the limits (inclusive).
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// `upper - lower`.
    public var width: Double { upper - lower }

    /// `[lower, upper]` with four decimals.
    public var description: String {
        String(format: "[%.4f, %.4f]", lower, upper)
    }
}

/// The bootstrap shared by the Morris and Sobol analyses.
enum SensitivityBootstrap {
    /// The percentile interval of bootstrap replicates: the (1 − level)/2 and (1 + level)/2
    /// quantiles (Efron & Tibshirani 1993, §13.3). Replicates that are not finite (a resample
    /// whose variance vanished) are left out; with none left the interval is NaN...NaN.
    static func percentileInterval(_ replicates: [Double], level: Double) -> SensitivityInterval {
        let finite = replicates.filter(\.isFinite).sorted()
        guard !finite.isEmpty else { return SensitivityInterval(lower: .nan, upper: .nan, level: level) }
        let tail = (1 - level) / 2
        return SensitivityInterval(
            lower: Quantile.type7(sorted: finite, tail), upper: Quantile.type7(sorted: finite, 1 - tail), level: level)
    }

    /// `count` indices drawn uniformly with replacement from `0..<count`, into `buffer`.
    static func resample(_ buffer: inout [Int], count: Int, using random: inout SensitivityRandom) {
        if buffer.count != count { buffer = [Int](repeating: 0, count: count) }
        buffer.withUnsafeMutableBufferPointer { picks in
            for t in 0..<count { picks[t] = random.nextInt(below: count) }
        }
    }
}

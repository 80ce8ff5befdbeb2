import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit mixer used to seed streams.
///
/// Its output depends only on its state, so streams are identical on every platform.
@inlinable
public func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// Counter-based uniforms of one run: the draw with counter `i` is SplitMix64's output
/// function applied to `key + (i + 1) γ`, i.e. the `i`-th number of the SplitMix64 stream
/// keyed by (seed, run). Any draw can be computed on its own, so a week reads only the draws
/// it needs while every draw keeps its fixed place (common random numbers across variants).
public struct CounterRandom: Sendable {
    @usableFromInline let key: UInt64

    /// The draws of run `runIndex` of an ensemble with master seed `seed`.
    public init(seed: UInt64, runIndex: UInt64) {
        var mix = seed
        let a = splitMix64(&mix)
        var state = a ^ (runIndex &* 0xD1B5_4A32_D192_ED03)
        key = splitMix64(&state)
    }

    /// The uniform in [0, 1) with counter `counter`.
    @inlinable @inline(__always)
    public func uniform(_ counter: Int) -> Double {
        var state = key &+ UInt64(truncatingIfNeeded: counter) &* 0x9E37_79B9_7F4A_7C15
        return Double(splitMix64(&state) >> 11) * 0x1.0p-53
    }
}

/// The random stream of one run: xoshiro256** (Blackman & Vigna 2018) seeded from
/// (master seed, run index) through SplitMix64.
///
/// A run's numbers depend only on that pair, never on thread count or sharding.
public struct RunRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// The stream of run `runIndex` of an ensemble with master seed `seed`.
    public init(seed: UInt64, runIndex: UInt64) {
        var mix = seed
        let a = splitMix64(&mix)
        var state = a ^ (runIndex &* 0xD1B5_4A32_D192_ED03)
        s0 = splitMix64(&state)
        s1 = splitMix64(&state)
        s2 = splitMix64(&state)
        s3 = splitMix64(&state)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }
}

extension RandomNumberGenerator {
    /// A uniform draw in [0, 1) with 53 random bits, computed by our own code so it is portable.
    @inlinable
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal draw (Box–Muller, one of the pair), from two uniforms.
    @inlinable
    public mutating func standardNormal() -> Double {
        let u1 = 1.0 - uniform()
        let u2 = uniform()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }
}

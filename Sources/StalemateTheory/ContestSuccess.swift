import Foundation

/// The ratio-form contest success function (Tullock 1980; Hirshleifer 1989;
/// Skaperdas 1996, "Contest success functions", *Economic Theory* 7, pp. 283–290).
///
/// A side with strength `fA` beats a side with strength `fB` with probability
/// `fA^m / (fA^m + fB^m)`; `m ≥ 0` is the decisiveness (`m = 0`: a coin toss;
/// `m → ∞`: the stronger side always wins). docs/model.md §2 uses it per region.
public enum ContestSuccess {
    /// A's probability of winning: `fA^m / (fA^m + fB^m)`.
    ///
    /// Evaluated as the logistic function of `m·(ln fA − ln fB)`, so it neither
    /// overflows nor underflows for large `m` or extreme strength ratios
    /// (relative error a few ulps). Conventions: both strengths 0 (or `m = 0`)
    /// → 1/2; only `fA = 0` → 0; only `fB = 0` → 1 (for `m > 0`).
    ///
    /// Guarantees: `p(fA, fB) + p(fB, fA) = 1` to rounding; `p` is homogeneous of
    /// degree 0 (`p(c·fA, c·fB) = p(fA, fB)`); non-decreasing in `fA`.
    /// - Precondition: strengths and `m` finite and ≥ 0.
    @inlinable
    public static func probability(strengthA fA: Double, strengthB fB: Double, decisiveness m: Double) -> Double {
        precondition(
            fA >= 0 && fB >= 0 && fA.isFinite && fB.isFinite, "ContestSuccess: strengths must be finite and >= 0")
        precondition(m >= 0 && m.isFinite, "ContestSuccess: decisiveness must be finite and >= 0")
        if m == 0 || fA == fB { return 0.5 }
        if fA == 0 { return 0 }
        if fB == 0 { return 1 }
        // m = 1 (the default) is the plain ratio: exact, and no logarithms in the hot loop.
        if m == 1 { return fA / (fA + fB) }
        return logistic(m * (log(fA) - log(fB)))
    }

    /// The logistic function `1/(1 + e^(−z))`, evaluated without overflow: for
    /// `z ≥ 0` as `1/(1 + e^(−z))`, for `z < 0` as `e^z/(1 + e^z)`.
    @inlinable
    public static func logistic(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
}

import Foundation

/// The gambler's ruin: a random walk on `0…n` that moves up with probability `p`
/// and down with `q = 1 − p` per step and is absorbed at both ends.
///
/// In the Stalemate model (docs/model.md §2) one region with constant forces and defeat
/// at both ends is exactly this walk, which is Smith & Stam's (2004) model of war
/// as a sequence of battles; the closed forms are from Feller (1968), *An
/// Introduction to Probability Theory and Its Applications*, vol. 1, §XIV.2–3.
///
/// Both functions are numerically careful near `p = 1/2`: they work with
/// `λ = log(q/p)` and `expm1`, so they approach the `p = 1/2` limits `k/n` and
/// `k(n − k)` continuously (relative error ≈ 1e-13 or better for `n ≤ 10⁴`,
/// checked against an exact Markov-chain solve in the tests).
public enum GamblersRuin {
    /// Probability of reaching `n` before `0` from `k` (A "wins the war").
    ///
    /// `P = (1 − (q/p)^k) / (1 − (q/p)^n)`, and `k/n` when `p = 1/2` (Feller XIV.2).
    /// Evaluated as `expm1(λk)/expm1(λn)` for `λ = log(q/p) ≤ 0`, and as
    /// `e^(λ(k−n))·expm1(−λk)/expm1(−λn)` for `λ > 0` (no overflow for any `n`).
    ///
    /// - Parameters:
    ///   - p: probability of a step up, in `[0, 1]`.
    ///   - k: start, `0 ≤ k ≤ n`.
    ///   - n: upper absorbing state, `n ≥ 1`.
    /// - Returns: a probability in `[0, 1]`; `p = 1` gives 1 for `k > 0`, `p = 0`
    ///   gives 0 for `k < n`.
    public static func winProbability(p: Double, start k: Int, total n: Int) -> Double {
        check(p, k, n)
        if k == 0 { return 0 }
        if k == n { return 1 }
        if p == 1 { return 1 }
        if p == 0 { return 0 }
        let lambda = logOdds(p)
        if lambda == 0 { return Double(k) / Double(n) }
        let kk = Double(k)
        let nn = Double(n)
        if lambda < 0 { return expm1(lambda * kk) / expm1(lambda * nn) }
        return exp(lambda * (kk - nn)) * expm1(-lambda * kk) / expm1(-lambda * nn)
    }

    /// Probability of reaching `0` before `n` from `k`: `1 − winProbability`,
    /// computed by symmetry (`p ↔ q`, `k ↔ n − k`) so small values keep their
    /// relative accuracy.
    public static func lossProbability(p: Double, start k: Int, total n: Int) -> Double {
        winProbability(p: 1 - p, start: n - k, total: n)
    }

    /// Expected number of steps until absorption from `k`.
    ///
    /// `E = k/(q − p) − (n/(q − p))·(1 − (q/p)^k)/(1 − (q/p)^n)`, and `k(n − k)` when
    /// `p = 1/2` (Feller XIV.3). Near `p = 1/2` the two terms cancel; there the
    /// function uses the exact rearrangement
    /// `E = [k·h(λn) − n·h(λk)] / [(q − p)·expm1(λn)]` with `h(y) = eʸ − 1 − y`
    /// evaluated by its power series, which has no cancellation at `λ → 0`; for
    /// `p < 1/2` it uses the reflection `E(p, k, n) = E(q, n − k, n)` so that no
    /// exponential overflows. Relative error ≈ `n·1e-16` (loss near `k ≈ n`).
    ///
    /// - Returns: expected steps (≥ 0); `p ∈ {0, 1}` gives the deterministic
    ///   `k` or `n − k`.
    public static func expectedDuration(p: Double, start k: Int, total n: Int) -> Double {
        check(p, k, n)
        if k == 0 || k == n { return 0 }
        if p == 1 { return Double(n - k) }
        if p == 0 { return Double(k) }
        // Reflection (p ↔ q, k ↔ n − k) leaves the duration unchanged; use it so
        // that λ ≤ 0 and every exponential below stays in [−1, 0].
        if p < 0.5 { return expectedDuration(p: 1 - p, start: n - k, total: n) }
        let lambda = logOdds(p)
        let kk = Double(k)
        let nn = Double(n)
        if lambda == 0 { return kk * (nn - kk) }
        let numerator: Double
        if abs(lambda) * nn <= 1 {
            numerator = kk * excessOfExp(lambda * nn) - nn * excessOfExp(lambda * kk)
        } else {
            numerator = kk * expm1(lambda * nn) - nn * expm1(lambda * kk)
        }
        return numerator / ((1 - 2 * p) * expm1(lambda * nn))
    }

    // MARK: - Helpers

    /// `λ = log(q/p) = log1p((1 − 2p)/p)`; `1 − 2p` is exact for `p ∈ [1/4, 1]`.
    private static func logOdds(_ p: Double) -> Double {
        log1p((1 - 2 * p) / p)
    }

    /// `h(y) = eʸ − 1 − y`, by its Taylor series for `|y| ≤ 1` (terms to 1e-17
    /// relative) and by `expm1(y) − y` otherwise.
    private static func excessOfExp(_ y: Double) -> Double {
        if abs(y) > 1 { return expm1(y) - y }
        var term = y * y / 2
        var sum = term
        var index = 3.0
        while abs(term) > 1e-18 * abs(sum) {
            term *= y / index
            sum += term
            index += 1
        }
        return sum
    }

    private static func check(_ p: Double, _ k: Int, _ n: Int) {
        precondition(p >= 0 && p <= 1, "GamblersRuin: p must be in [0, 1]")
        precondition(n >= 1 && k >= 0 && k <= n, "GamblersRuin: need 0 <= k <= n and n >= 1")
    }
}

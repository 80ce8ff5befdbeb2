/// Approximate-equality and sampling-error helpers for tests (after
/// apple/swift-numerics `Sources/_TestSupport` and `RealModule/ApproximateEquality.swift`).
/// Generic helpers only: this target depends on no other module of the project.

/// Whether `a` and `b` agree to within a relative or an absolute tolerance:
/// `|a − b| ≤ max(absoluteTolerance, relativeTolerance·max(|a|, |b|))`.
///
/// Defaults: relative `1e-12`, absolute `0` (pure relative comparison; pass an
/// absolute tolerance when either value may be near zero). Two NaNs are *not*
/// equal; two equal infinities are.
public func isApproximatelyEqual(
    _ a: Double, _ b: Double,
    relativeTolerance: Double = 1e-12,
    absoluteTolerance: Double = 0
) -> Bool {
    precondition(relativeTolerance >= 0 && absoluteTolerance >= 0, "tolerances must be >= 0")
    if a == b { return true }
    guard a.isFinite && b.isFinite else { return false }
    let difference = abs(a - b)
    return difference <= max(absoluteTolerance, relativeTolerance * max(abs(a), abs(b)))
}

/// Element-wise `isApproximatelyEqual` of two equally long sequences.
public func isApproximatelyEqual(
    _ a: [Double], _ b: [Double],
    relativeTolerance: Double = 1e-12,
    absoluteTolerance: Double = 0
) -> Bool {
    a.count == b.count
        && zip(a, b).allSatisfy {
            isApproximatelyEqual($0, $1, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance)
        }
}

/// The relative difference `|a − b| / max(|a|, |b|)` (0 when both are 0), for
/// reporting how far two values are apart in a failure message.
public func relativeDifference(_ a: Double, _ b: Double) -> Double {
    let scale = max(abs(a), abs(b))
    return scale == 0 ? 0 : abs(a - b) / scale
}

/// Whether a statistical `estimate` lies within `count` standard errors of the
/// `expected` value: `|estimate − expected| ≤ count·standardError`.
///
/// With a fixed seed this is deterministic; choose `count` (e.g. 4) so that a
/// correct implementation fails with negligible probability (two-sided normal
/// tail at 4σ ≈ 6e-5) while a biased one still fails.
public func withinStandardErrors(
    estimate: Double, expected: Double, standardError: Double, count: Double
) -> Bool {
    precondition(standardError >= 0 && count >= 0, "standard error and count must be >= 0")
    return abs(estimate - expected) <= count * standardError
}

/// The standard error of a proportion estimated from `n` independent Bernoulli
/// trials with success probability `p`: `√(p(1 − p)/n)`.
public func binomialStandardError(p: Double, n: Int) -> Double {
    precondition((0...1).contains(p) && n > 0, "need p in [0, 1] and n > 0")
    return (p * (1 - p) / Double(n)).squareRoot()
}

/// The standard error of a sample mean, `s/√n`, with the unbiased sample
/// standard deviation `s` of `values` (at least two values).
public func standardErrorOfMean(_ values: [Double]) -> Double {
    precondition(values.count >= 2, "need at least two values")
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (variance / n).squareRoot()
}

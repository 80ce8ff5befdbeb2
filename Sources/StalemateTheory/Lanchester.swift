import Foundation

/// Exact solutions of Lanchester's attrition equations (Lanchester 1916).
///
/// Forces are in combat-power units (any consistent unit, e.g. men), time in the
/// unit in which the effectiveness coefficients are expressed (e.g. weeks or
/// days), and the coefficients are per unit time:
/// - square law (aimed fire): `kA` is B's loss per unit of A per unit time;
/// - linear law (area fire): `kA` is B's loss per unit of A per unit of B per unit time.
///
/// All functions require finite, non-negative forces, coefficients and durations
/// (checked with `precondition`). Nothing allocates; every function is pure.
public enum Lanchester {
    /// Who a Lanchester square-law fight leaves standing.
    public enum Winner: Sendable, Hashable {
        /// A annihilates B (`kA·A² > kB·B²`).
        case a
        /// B annihilates A (`kA·A² < kB·B²`).
        case b
        /// Neither: the invariant is exactly zero (both forces decay together as
        /// `e^(-rt)` and neither reaches zero in finite time), or nobody fires.
        case draw
    }

    /// The predicted end of a square-law fight fought to annihilation.
    public struct SquareLawOutcome: Sendable, Hashable {
        /// The side left standing.
        public var winner: Winner
        /// The survivor's strength when the loser reaches zero, in force units:
        /// `sqrt(A² − (kB/kA)·B²)` if A wins, `sqrt(B² − (kA/kB)·A²)` if B wins,
        /// and 0 for a draw.
        public var survivingStrength: Double

        /// Creates an outcome.
        public init(winner: Winner, survivingStrength: Double) {
            self.winner = winner
            self.survivingStrength = survivingStrength
        }
    }

    // MARK: - Square law

    /// Advances the square law `dA/dt = −kB·B`, `dB/dt = −kA·A` exactly over `t`.
    ///
    /// With `a = √kA·A`, `b = √kB·B` and `r = √(kA·kB)` the system is a hyperbolic
    /// rotation: `a + b` decays as `e^(−rt)` and `a − b` grows as `e^(rt)`, which is
    /// the closed form `A(t) = A cosh(rt) − √(kB/kA) B sinh(rt)`,
    /// `B(t) = B cosh(rt) − √(kA/kB) A sinh(rt)` evaluated without cancellation.
    ///
    /// If a side reaches zero within `t` (A does at `t* = atanh(a/b)/r` when `a < b`),
    /// the fight stops there: the loser is returned as exactly 0 and the survivor at
    /// its strength at `t*`, `sqrt(B² − (kA/kB)A²)`. With `kA = 0` (A does not fire)
    /// B is untouched and A declines linearly, `A − kB·B·t`, down to 0; symmetric for
    /// `kB = 0`.
    ///
    /// - Guarantee: when nobody reaches zero, `kA·A² − kB·B²` is conserved to a few
    ///   ulps of `kA·A² + kB·B²` (≈ 1e-15 relative; tests check 1e-12 per step and
    ///   1e-9 over thousands of steps). Results are never negative.
    public static func squareLawStep(
        forceA: Double, forceB: Double,
        effectivenessA kA: Double, effectivenessB kB: Double,
        duration t: Double
    ) -> (forceA: Double, forceB: Double) {
        checkInputs(forceA, forceB, kA, kB, t)
        if kA == 0 && kB == 0 { return (forceA, forceB) }
        if kA == 0 { return (max(0, forceA - kB * forceB * t), forceB) }
        if kB == 0 { return (forceA, max(0, forceB - kA * forceA * t)) }
        let rootA = kA.squareRoot()
        let rootB = kB.squareRoot()
        let a = rootA * forceA
        let b = rootB * forceB
        let r = rootA * rootB
        if a < b, t >= timeToZero(smaller: a, larger: b, rate: r) {
            return (0, ((b - a) * (b + a)).squareRoot() / rootB)
        }
        if b < a, t >= timeToZero(smaller: b, larger: a, rate: r) {
            return (((a - b) * (a + b)).squareRoot() / rootA, 0)
        }
        let sum = (a + b) * exp(-r * t)
        let difference = (a - b) * exp(r * t)
        let newA = max(0, 0.5 * (sum + difference)) / rootA
        let newB = max(0, 0.5 * (sum - difference)) / rootB
        return (newA, newB)
    }

    /// Time (same unit as `1/k`) at which the square law drives a side to zero, or
    /// `nil` if neither side reaches zero in finite time (invariant exactly zero,
    /// nobody fires, or both forces already zero). Returns 0 if a side is already
    /// at zero while the other is not.
    ///
    /// Formula: with `a = √kA·A`, `b = √kB·B`, `r = √(kA kB)`, the smaller of `a, b`
    /// hits zero at `atanh(smaller/larger)/r`; with `kA = 0`, A hits zero at
    /// `A/(kB·B)` (linear decline).
    public static func squareLawTimeToZero(
        forceA: Double, forceB: Double,
        effectivenessA kA: Double, effectivenessB kB: Double
    ) -> Double? {
        checkInputs(forceA, forceB, kA, kB, 0)
        if forceA == 0 && forceB == 0 { return nil }
        if forceA == 0 || forceB == 0 { return 0 }
        if kA == 0 && kB == 0 { return nil }
        if kA == 0 { return forceA / (kB * forceB) }
        if kB == 0 { return forceB / (kA * forceA) }
        let a = kA.squareRoot() * forceA
        let b = kB.squareRoot() * forceB
        if a == b { return nil }
        return timeToZero(smaller: min(a, b), larger: max(a, b), rate: (kA * kB).squareRoot())
    }

    /// The square-law invariant `kA·A² − kB·B²` (units: force² per unit time).
    ///
    /// Positive: A wins a fight to annihilation; negative: B wins; zero: both decay
    /// together. Conserved by `squareLawStep` while neither side reaches zero.
    public static func squareLawInvariant(
        forceA: Double, forceB: Double,
        effectivenessA kA: Double, effectivenessB kB: Double
    ) -> Double {
        kA * forceA * forceA - kB * forceB * forceB
    }

    /// Predicts the square-law winner and its strength when the loser is
    /// annihilated: `sqrt(A² − (kB/kA)·B²)` if `kA·A² > kB·B²` (Lanchester 1916),
    /// symmetric for B. Computed as `sqrt((a − b)(a + b))/√kA` to avoid
    /// cancellation. When nobody fires (`kA = kB = 0`) the result is `.draw` with
    /// strength 0; when only B fires, B wins at full strength.
    public static func squareLawWinner(
        forceA: Double, forceB: Double,
        effectivenessA kA: Double, effectivenessB kB: Double
    ) -> SquareLawOutcome {
        checkInputs(forceA, forceB, kA, kB, 0)
        if kA == 0 && kB == 0 { return SquareLawOutcome(winner: .draw, survivingStrength: 0) }
        let a = kA.squareRoot() * forceA
        let b = kB.squareRoot() * forceB
        if a > b {
            return SquareLawOutcome(winner: .a, survivingStrength: ((a - b) * (a + b)).squareRoot() / kA.squareRoot())
        }
        if b > a {
            return SquareLawOutcome(winner: .b, survivingStrength: ((b - a) * (b + a)).squareRoot() / kB.squareRoot())
        }
        return SquareLawOutcome(winner: .draw, survivingStrength: 0)
    }

    // MARK: - Linear law

    /// Advances the linear law `dA/dt = −kB·A·B`, `dB/dt = −kA·A·B` exactly over `t`.
    ///
    /// `c = kA·A − kB·B` is invariant, which turns each equation into a logistic
    /// (Bernoulli) equation, e.g. `dB/dt = −c·B − kB·B²`. For `c > 0`, with
    /// `Δ = c − kB·B₀·expm1(−ct)`: `A(t) = c·A₀/Δ`, `B(t) = c·B₀·e^(−ct)/Δ`; the case
    /// `c < 0` is the mirror image; for `c = 0`: `A(t) = A₀/(1 + kA·A₀·t)`,
    /// `B(t) = B₀/(1 + kB·B₀·t)`. With `kB = 0` this reduces to `A` constant and
    /// `B₀·e^(−kA·A·t)`. Neither side reaches zero in finite time.
    ///
    /// - Guarantee: `kA·A − kB·B` conserved to a few ulps of `kA·A + kB·B`; results
    ///   are non-negative and monotone non-increasing in `t`.
    public static func linearLawStep(
        forceA: Double, forceB: Double,
        effectivenessA kA: Double, effectivenessB kB: Double,
        duration t: Double
    ) -> (forceA: Double, forceB: Double) {
        checkInputs(forceA, forceB, kA, kB, t)
        let fireA = kA * forceA
        let fireB = kB * forceB
        let c = fireA - fireB
        if c > 0 {
            let denominator = c - fireB * expm1(-c * t)
            return (c * forceA / denominator, c * forceB * exp(-c * t) / denominator)
        }
        if c < 0 {
            let m = -c
            let denominator = m - fireA * expm1(-m * t)
            return (m * forceA * exp(-m * t) / denominator, m * forceB / denominator)
        }
        return (forceA / (1 + fireA * t), forceB / (1 + fireB * t))
    }

    /// The linear-law invariant `kA·A − kB·B` (force per unit time).
    public static func linearLawInvariant(
        forceA: Double, forceB: Double,
        effectivenessA kA: Double, effectivenessB kB: Double
    ) -> Double {
        kA * forceA - kB * forceB
    }

    // MARK: - Helpers

    /// `atanh(smaller/larger)/rate`, written as `½·log1p(2s/(l − s))/rate`, which is
    /// accurate also when `smaller/larger` is close to 1.
    private static func timeToZero(smaller: Double, larger: Double, rate: Double) -> Double {
        0.5 * log1p(2 * smaller / (larger - smaller)) / rate
    }

    private static func checkInputs(_ a: Double, _ b: Double, _ kA: Double, _ kB: Double, _ t: Double) {
        precondition(a >= 0 && b >= 0 && a.isFinite && b.isFinite, "Lanchester: forces must be finite and >= 0")
        precondition(
            kA >= 0 && kB >= 0 && kA.isFinite && kB.isFinite, "Lanchester: effectiveness must be finite and >= 0")
        precondition(t >= 0 && t.isFinite, "Lanchester: duration must be finite and >= 0")
    }
}

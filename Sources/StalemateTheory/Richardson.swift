import Foundation

/// Richardson's (1960) arms-race model (*Arms and Insecurity*, Boxwood Press):
///
///     dx/dt = a·y − m·x + g
///     dy/dt = b·x − n·y + h
///
/// `x`, `y` are the two sides' armament levels (any unit, e.g. spending);
/// `a`, `b` ≥ 0 are defence (reaction) coefficients and `m`, `n` ≥ 0 fatigue
/// (restraint) coefficients, per unit time; `g`, `h` are grievances (armament
/// units per unit time). The system is linear with matrix `M = [[−m, a], [b, −n]]`.
public enum Richardson {
    /// One point of a simulated trajectory.
    public struct State: Sendable, Hashable {
        /// Time since the start, in the coefficients' time unit.
        public var time: Double
        /// A's armament level.
        public var x: Double
        /// B's armament level.
        public var y: Double

        /// Creates a state.
        public init(time: Double, x: Double, y: Double) {
            self.time = time
            self.x = x
            self.y = y
        }
    }

    /// The equilibrium (fixed point), or `nil` when `m·n = a·b` (singular `M`:
    /// no isolated equilibrium).
    ///
    /// `x* = (n·g + a·h)/(m·n − a·b)`, `y* = (m·h + b·g)/(m·n − a·b)` (Richardson 1960).
    public static func equilibrium(
        a: Double, b: Double, m: Double, n: Double, g: Double, h: Double
    ) -> (x: Double, y: Double)? {
        let determinant = m * n - a * b
        if determinant == 0 { return nil }
        return ((n * g + a * h) / determinant, (m * h + b * g) / determinant)
    }

    /// Whether every trajectory converges to the equilibrium: `m·n > a·b`.
    ///
    /// For non-negative coefficients the trace `−(m + n)` is ≤ 0, so both
    /// eigenvalues of `M` have negative real part iff `det M = m·n − a·b > 0` and
    /// `m + n > 0` (implied when `m·n > a·b ≥ 0`). Fatigue must outweigh the
    /// mutual reaction; otherwise the race runs away (or collapses to disarmament).
    public static func isStable(a: Double, b: Double, m: Double, n: Double) -> Bool {
        m * n > a * b
    }

    /// The eigenvalues' real parts of `M`, in increasing order: stability iff the
    /// larger is negative. For non-negative coefficients `(m − n)² + 4ab ≥ 0`, so
    /// the eigenvalues are real: `(−(m + n) ± √((m − n)² + 4ab))/2`.
    public static func eigenvalues(a: Double, b: Double, m: Double, n: Double) -> (Double, Double) {
        let discriminant = (m - n) * (m - n) + 4 * a * b
        let root = discriminant >= 0 ? discriminant.squareRoot() : 0
        return ((-(m + n) - root) / 2, (-(m + n) + root) / 2)
    }

    /// Integrates the model from `(x0, y0)` with the classical fourth-order
    /// Runge–Kutta method (global error O(Δt⁴); for this linear system each step
    /// is the degree-4 Taylor polynomial of `e^(MΔt)`, so the local error per
    /// step is ≈ `(|λ|·Δt)⁵/120` relative, `λ` the largest eigenvalue magnitude).
    ///
    /// - Returns: `steps + 1` states, starting with the initial one.
    /// - Precondition: `timeStep > 0`, `steps ≥ 0`.
    public static func simulate(
        x0: Double, y0: Double,
        a: Double, b: Double, m: Double, n: Double, g: Double, h: Double,
        timeStep: Double, steps: Int
    ) -> [State] {
        precondition(timeStep > 0 && steps >= 0, "Richardson: need timeStep > 0 and steps >= 0")
        func rate(_ x: Double, _ y: Double) -> (Double, Double) {
            (a * y - m * x + g, b * x - n * y + h)
        }
        var states = [State]()
        states.reserveCapacity(steps + 1)
        var x = x0
        var y = y0
        states.append(State(time: 0, x: x, y: y))
        let dt = timeStep
        for step in stride(from: 1, through: steps, by: 1) {
            let k1 = rate(x, y)
            let k2 = rate(x + 0.5 * dt * k1.0, y + 0.5 * dt * k1.1)
            let k3 = rate(x + 0.5 * dt * k2.0, y + 0.5 * dt * k2.1)
            let k4 = rate(x + dt * k3.0, y + dt * k3.1)
            x += dt / 6 * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0)
            y += dt / 6 * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1)
            states.append(State(time: Double(step) * dt, x: x, y: y))
        }
        return states
    }
}

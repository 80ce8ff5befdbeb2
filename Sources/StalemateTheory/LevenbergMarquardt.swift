/// Nonlinear least squares by the Levenberg–Marquardt method (Levenberg 1944;
/// Marquardt 1963; Nocedal & Wright 2006, *Numerical Optimization*, §10.3),
/// for small problems (a handful of parameters, any number of residuals).
///
/// Minimises `S(θ) = Σ rᵢ(θ)²` given residuals and their Jacobian. Each step
/// solves `(JᵀJ + μ·diag(JᵀJ))·δ = −Jᵀr` (Marquardt's scale-invariant damping);
/// `μ` shrinks by 10 after a step that lowers `S` and grows by 10 otherwise.
/// Standard errors come from the Gauss–Newton covariance at the minimum,
/// `s²·(JᵀJ)⁻¹` with `s² = S/(N − p)` (valid for independent, homoscedastic
/// residuals; an approximation otherwise).
public enum LevenbergMarquardt {
    /// What the solver found.
    public struct Result: Sendable {
        /// The parameters at the minimum.
        public var parameters: [Double]
        /// The residuals at the minimum.
        public var residuals: [Double]
        /// `S = Σ rᵢ²` at the minimum.
        public var sumOfSquares: Double
        /// `s²·(JᵀJ)⁻¹` at the minimum, `nil` if `JᵀJ` is singular or `N ≤ p`.
        public var covariance: [[Double]]?
        /// Accepted steps taken.
        public var iterations: Int
        /// Whether a convergence test passed before `maxIterations`.
        public var converged: Bool

        /// Square roots of the covariance diagonal (NaN when unavailable).
        public var standardErrors: [Double] {
            guard let covariance else { return Array(repeating: .nan, count: parameters.count) }
            return parameters.indices.map { covariance[$0][$0].squareRoot() }
        }
    }

    /// Minimises `Σ r(θ)²` from `initial`.
    ///
    /// - Parameters:
    ///   - initial: starting parameters.
    ///   - maxIterations: cap on accepted and rejected trial steps together.
    ///   - tolerance: converged when every step component is below
    ///     `tolerance·(|θᵢ| + tolerance)` or `S` falls by less than
    ///     `tolerance²·S` in an accepted step.
    ///   - isAdmissible: trial points for which this is false are rejected (used
    ///     to keep rate coefficients positive).
    ///   - evaluate: residuals `r(θ)` (N values) and Jacobian rows `∂rᵢ/∂θⱼ` (N × p).
    public static func minimize(
        initial: [Double],
        maxIterations: Int = 500,
        tolerance: Double = 1e-10,
        isAdmissible: ([Double]) -> Bool = { _ in true },
        evaluate: ([Double]) -> (residuals: [Double], jacobian: [[Double]])
    ) -> Result {
        var theta = initial
        var (residuals, jacobian) = evaluate(theta)
        var sum = sumOfSquares(residuals)
        var mu = 1e-3
        var accepted = 0
        var converged = false
        for _ in 0..<maxIterations {
            let (normal, gradient) = normalEquations(jacobian, residuals)
            var damped = normal
            for i in damped.indices { damped[i][i] += mu * max(normal[i][i], 1e-300) }
            guard let step = solve(damped, gradient.map { -$0 }) else {
                mu *= 10
                continue
            }
            let trial = zip(theta, step).map { $0 + $1 }
            let smallStep = zip(step, theta).allSatisfy { abs($0) <= tolerance * (abs($1) + tolerance) }
            if isAdmissible(trial) {
                let (trialResiduals, trialJacobian) = evaluate(trial)
                let trialSum = sumOfSquares(trialResiduals)
                if trialSum <= sum {
                    let smallDecrease = sum - trialSum <= tolerance * tolerance * sum
                    theta = trial
                    residuals = trialResiduals
                    jacobian = trialJacobian
                    sum = trialSum
                    accepted += 1
                    mu = max(mu / 10, 1e-12)
                    if smallStep || smallDecrease {
                        converged = true
                        break
                    }
                    continue
                }
            }
            if smallStep {
                // Damping shrank the step to nothing after rejected trials: a minimum only if the
                // search has moved, or if the gradient vanishes where it stands. A search that
                // never left its starting point has not converged.
                let flat = gradient.allSatisfy { abs($0) <= tolerance * (sum + tolerance) }
                converged = accepted > 0 || flat
                break
            }
            mu *= 10
        }
        let count = residuals.count
        let p = theta.count
        var covariance: [[Double]]? = nil
        if count > p, let inverse = invert(normalEquations(jacobian, residuals).normal) {
            let scale = sum / Double(count - p)
            covariance = inverse.map { row in row.map { $0 * scale } }
        }
        return Result(
            parameters: theta, residuals: residuals, sumOfSquares: sum,
            covariance: covariance, iterations: accepted, converged: converged
        )
    }

    // MARK: - Small dense linear algebra

    private static func sumOfSquares(_ values: [Double]) -> Double {
        values.reduce(0) { $0 + $1 * $1 }
    }

    /// `JᵀJ` and `Jᵀr`.
    private static func normalEquations(_ jacobian: [[Double]], _ residuals: [Double]) -> (
        normal: [[Double]], gradient: [Double]
    ) {
        let p = jacobian.first?.count ?? 0
        var normal = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        var gradient = Array(repeating: 0.0, count: p)
        for (row, r) in zip(jacobian, residuals) {
            for i in 0..<p {
                gradient[i] += row[i] * r
                for j in 0..<p { normal[i][j] += row[i] * row[j] }
            }
        }
        return (normal, gradient)
    }

    /// Solves `A·x = b` by Gaussian elimination with partial pivoting; `nil` if a
    /// pivot is zero or not finite (singular to working precision).
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
        var a = matrix
        var b = rhs
        let n = b.count
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                a[pivot][column] != 0, a[pivot][column].isFinite
            else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = Array(repeating: 0.0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var value = b[row]
            for k in (row + 1)..<n { value -= a[row][k] * x[k] }
            x[row] = value / a[row][row]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }

    /// The inverse of a small square matrix, column by column; `nil` if singular.
    static func invert(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var columns: [[Double]] = []
        for j in 0..<n {
            var unit = Array(repeating: 0.0, count: n)
            unit[j] = 1
            guard let column = solve(matrix, unit) else { return nil }
            columns.append(column)
        }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }
}

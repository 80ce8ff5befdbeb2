import StalemateAnalysis

/// The Nelder–Mead downhill simplex minimiser (Nelder & Mead 1965, Computer Journal 7(4)),
/// with the standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½.
///
/// Derivative-free and deterministic: the same function and start give the same steps. It
/// stops when the simplex's function values agree within `tolerance` (absolute, max − min)
/// *and* its vertices lie within `tolerance` of the best one in every coordinate, or after
/// `maxEvaluations` evaluations. It finds a local minimum; callers that fear several restart it
/// or scan first (`Calibration` does both).
public enum NelderMead {
    /// The best point found.
    public struct Result: Sendable, Equatable {
        /// The best vertex.
        public var point: [Double]
        /// The function there.
        public var value: Double
        /// Function evaluations used.
        public var evaluations: Int
        /// Whether the tolerance test passed (false: stopped by `maxEvaluations`).
        public var converged: Bool
    }

    /// Minimises `f` from `start`, with an initial simplex of `start` and `start + step·e_i`.
    /// - Precondition: `start` is not empty, `step > 0`, `tolerance > 0`, `maxEvaluations > 0`.
    public static func minimize(
        start: [Double], step: Double = 0.1, tolerance: Double = 1e-8, maxEvaluations: Int = 2000,
        _ f: ([Double]) -> Double
    ) -> Result {
        precondition(!start.isEmpty && step > 0 && tolerance > 0 && maxEvaluations > 0)
        let n = start.count
        var evaluations = 0
        func evaluate(_ x: [Double]) -> Double {
            evaluations += 1
            let y = f(x)
            return y.isNaN ? .infinity : y
        }
        var simplex = [start]
        for i in 0..<n {
            var vertex = start
            vertex[i] += step
            simplex.append(vertex)
        }
        var values = simplex.map(evaluate)
        var converged = false
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = values[n] - values[0]
            let size = simplex.dropFirst().map { v in zip(v, simplex[0]).map { abs($0 - $1) }.max()! }.max()!
            if spread <= tolerance && size <= tolerance {
                converged = true
                break
            }
            var centroid = [Double](repeating: 0, count: n)
            for vertex in simplex[0..<n] {
                for i in 0..<n { centroid[i] += vertex[i] / Double(n) }
            }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let fr = evaluate(reflected)
            if fr < values[0] {
                let expanded = along(-2)
                let fe = evaluate(expanded)
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < values[n - 1] {
                (simplex[n], values[n]) = (reflected, fr)
            } else {
                let outside = fr < values[n]
                let contracted = along(outside ? -0.5 : 0.5)
                let fc = evaluate(contracted)
                if fc < (outside ? fr : values[n]) {
                    (simplex[n], values[n]) = (contracted, fc)
                } else {
                    for j in 1...n {
                        simplex[j] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
                        values[j] = evaluate(simplex[j])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return Result(point: simplex[best], value: values[best], evaluations: evaluations, converged: converged)
    }
}

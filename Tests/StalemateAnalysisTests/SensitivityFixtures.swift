import Foundation
import StalemateAnalysis
import StalemateSensitivity

/// Reference functions of the sensitivity tests and their known sensitivity measures.
enum SensitivityFixtures {
    /// The Ishigami function's constants as in Saltelli et al. (2008), *Global Sensitivity
    /// Analysis. The Primer*, §4.6 (after Ishigami & Homma 1990).
    static let a = 7.0
    static let b = 0.1

    /// f = sin x1 + a sin² x2 + b x3⁴ sin x1 (Ishigami & Homma 1990), xi ∈ [−π, π].
    static func ishigami(_ x: [Double]) -> Double {
        let s = sin(x[1])
        return sin(x[0]) + a * s * s + b * pow(x[2], 4) * sin(x[0])
    }

    /// The three Ishigami inputs, uniform on [−π, π].
    static func ishigamiInputs() throws -> [SensitivityInput] {
        try (1...3).map { try SensitivityInput(name: "x\($0)", lower: -.pi, upper: .pi) }
    }

    /// The analytic partial variances of the Ishigami function (Saltelli et al. 2008, §4.6;
    /// Sobol' & Levitan 1999): V1 = ½(1 + bπ⁴/5)², V2 = a²/8, V13 = 8b²π⁸/225, and
    /// V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½ = V1 + V2 + V13. All other terms vanish.
    static var ishigamiVariances: (v1: Double, v2: Double, v13: Double, total: Double) {
        let pi4 = pow(Double.pi, 4)
        let v1 = 0.5 * pow(1 + b * pi4 / 5, 2)
        let v2 = a * a / 8
        let v13 = 8 * b * b * pi4 * pi4 / 225
        let v = a * a / 8 + b * pi4 / 5 + b * b * pi4 * pi4 / 18 + 0.5
        return (v1, v2, v13, v)
    }

    /// Analytic first-order indices: S1 = V1/V ≈ 0.3139, S2 = V2/V ≈ 0.4424, S3 = 0.
    static var ishigamiFirstOrder: [Double] {
        let v = ishigamiVariances
        return [v.v1 / v.total, v.v2 / v.total, 0]
    }

    /// Analytic total indices: ST1 = (V1 + V13)/V ≈ 0.5576, ST2 = S2 ≈ 0.4424,
    /// ST3 = V13/V ≈ 0.2437.
    static var ishigamiTotal: [Double] {
        let v = ishigamiVariances
        return [(v.v1 + v.v13) / v.total, v.v2 / v.total, v.v13 / v.total]
    }

    /// The exact expectation of μ* of each Ishigami input under a Morris design with `levels`
    /// levels, by enumeration.
    ///
    /// In a Morris trajectory, input i moves between the grid levels `b` and `b + Δ` (b uniform
    /// on the p/2 lowest levels), and every other coordinate is, independently, its start or
    /// its end value: uniform on the p levels. So
    /// E μ*_i = mean over b and the other coordinates' levels of |f(x_i = b + Δ) − f(x_i = b)| / Δ.
    static func ishigamiExpectedMuStar(levels p: Int) -> [Double] {
        let delta = Double(p) / Double(2 * (p - 1))
        let grid = (0..<p).map { -Double.pi + 2 * Double.pi * Double($0) / Double(p - 1) }
        let bases = grid.prefix(p / 2)
        let step = 2 * Double.pi * delta
        return (0..<3).map { i in
            var sum = 0.0
            var count = 0
            for base in bases {
                for u in grid {
                    for w in grid {
                        var low = [u, w]
                        low.insert(base, at: i)
                        var high = low
                        high[i] = base + step
                        sum += abs(ishigami(high) - ishigami(low)) / delta
                        count += 1
                    }
                }
            }
            return sum / Double(count)
        }
    }

    /// The standard error of a mean of absolute values: sd(|x|)/√n.
    static func standardErrorOfMeanAbsolute(_ values: [Double]) -> Double {
        let n = Double(values.count)
        let absolute = values.map(abs)
        let mean = absolute.reduce(0, +) / n
        let squares = absolute.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / (n - 1)).squareRoot() / n.squareRoot()
    }

    /// The code of the `SensitivityError` that `body` throws, or `nil` when it throws nothing.
    static func errorCode(_ body: () throws -> Void) -> SensitivityError.Code? {
        do { try body() } catch { return (error as? SensitivityError)?.code }
        return nil
    }

    /// The additive linear function f = Σ c_i x_i.
    static func linear(_ coefficients: [Double]) -> @Sendable ([Double]) -> Double {
        { x in zip(coefficients, x).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// The analytic Sobol indices of an additive linear function of independent inputs:
    /// S1_i = ST_i = c_i² Var(x_i) / Σ_j c_j² Var(x_j).
    static func linearIndices(_ coefficients: [Double], _ inputs: [SensitivityInput]) -> [Double] {
        let parts = zip(coefficients, inputs).map { $0 * $0 * $1.variance }
        let total = parts.reduce(0, +)
        return parts.map { $0 / total }
    }

    /// Three inputs of different widths for the linear checks (one of them on a log scale
    /// where stated).
    static func linearInputs(logScaleThird: Bool = false) throws -> [SensitivityInput] {
        [
            try SensitivityInput(name: "alpha", lower: 0, upper: 1),
            try SensitivityInput(name: "beta", lower: -2, upper: 3),
            try SensitivityInput(name: "gamma", lower: 1, upper: 10, logScale: logScaleThird),
        ]
    }
}

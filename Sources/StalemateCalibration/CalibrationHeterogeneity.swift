import Foundation
import StalemateAnalysis
import StalemateScenario

/// Heterogeneity across wars for one calibrated parameter: instead of one value for every
/// simulated war, the parameter is log-normal across wars, with median the calibrated value and
/// standard deviation of its logarithm `σ`, itself calibrated.
///
/// Real wars differ (terrain, armies, stakes); one scenario with fixed parameters gives
/// durations with a thin, exponential tail, while the COW durations mix wars of days and of
/// years. The log-normal is approximated by `strata` equally likely values at the normal
/// quantiles `z_s = Φ⁻¹((s + ½)/strata)`, `value_s = median · e^{σ z_s}`, clamped to the
/// parameter's bounds; stratum `s` simulates the contiguous block of runs
/// `[s·R/strata, (s+1)·R/strata)`, so each run keeps its stratum and its random numbers at every
/// `θ` (common random numbers).
public struct CalibrationHeterogeneity: Sendable, Codable, Equatable {
    /// The name of the calibrated parameter that varies (it must use a log scale).
    public var parameter: String
    /// The calibrated spread `σ` (sd of the natural log of the parameter across wars).
    public var spread: CalibrationParameter
    /// Number of equally likely strata approximating the log-normal.
    public var strata: Int

    /// Heterogeneity of `parameter` with `σ` calibrated within `spreadLower…spreadUpper`.
    /// - Precondition: `0 <= spreadLower < spreadUpper`, `strata >= 2`.
    public init(parameter: String, spreadLower: Double = 0, spreadUpper: Double = 2, strata: Int = 8) {
        precondition(spreadLower >= 0 && strata >= 2, "CalibrationHeterogeneity: need σ >= 0 and 2+ strata")
        self.parameter = parameter
        spread = CalibrationParameter(name: "\(parameter).sdLog", keys: [], lower: spreadLower, upper: spreadUpper)
        self.strata = strata
    }

    /// The values of the varying parameter in each stratum, for median `median` and spread `σ`,
    /// clamped to `bounds`.
    public func stratumValues(median: Double, spread σ: Double, bounds: CalibrationParameter) -> [Double] {
        (0..<strata).map { s in
            let z = Self.normalQuantile((Double(s) + 0.5) / Double(strata))
            return min(bounds.upper, max(bounds.lower, median * exp(σ * z)))
        }
    }

    /// `Φ⁻¹(p)` for `0 < p < 1`, by Acklam's rational approximation (relative error < 1.2e-9).
    static func normalQuantile(_ p: Double) -> Double {
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        func tail(_ q: Double) -> Double {
            let num = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
            return num / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p < 0.02425 { return tail((-2 * log(p)).squareRoot()) }
        if p > 1 - 0.02425 { return -tail((-2 * log(1 - p)).squareRoot()) }
        let q = p - 0.5
        let r = q * q
        let num = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        return num / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}

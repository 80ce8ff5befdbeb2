import Foundation
import StalemateAnalysis

/// Observed and simulated moments side by side, with their weights.
public struct MomentFit: Sendable, Codable, Equatable {
    /// Moment names (`CalibrationMoments.names`).
    public var names: [String]
    /// The observed moments.
    public var observed: [Double]
    /// The simulated moments.
    public var simulated: [Double]
    /// The inverse-variance weights `w_k`.
    public var weights: [Double]

    /// Creates a table.
    public init(names: [String], observed: [Double], simulated: [Double], weights: [Double]) {
        self.names = names
        self.observed = observed
        self.simulated = simulated
        self.weights = weights
    }

    /// Standardised errors `(m_k − o_k) √w_k`: simulated minus observed in observed standard errors.
    public var standardisedErrors: [Double] {
        observed.indices.map { (simulated[$0] - observed[$0]) * weights[$0].squareRoot() }
    }

    /// Plain-text rows: name, observed, simulated, standardised error.
    public var text: String {
        var lines = ["  moment          observed  simulated   z"]
        for k in names.indices {
            lines.append(
                "  " + names[k].padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(format: "  %7.3f   %7.3f  %+6.2f", observed[k], simulated[k], standardisedErrors[k]))
        }
        return lines.joined(separator: "\n")
    }
}

/// The outcome of `Calibration.fit(to:)`.
public struct CalibrationResult: Sendable, Codable, Equatable {
    /// `stalemate.calibration-fit/1` (docs/calibration.md); absent in results stored before it.
    public var schema: String? = "stalemate.calibration-fit/1"
    /// The calibrated parameters and their bounds.
    public var parameters: [CalibrationParameter]
    /// `θ̂`, one value per parameter.
    public var estimate: [Double]
    /// `J(θ̂)`, the weighted sum of squared moment errors.
    public var objective: Double
    /// Number of observed wars fitted.
    public var observedCount: Int
    /// Per-moment fit at `θ̂`.
    public var moments: MomentFit
    /// Kolmogorov–Smirnov distance between simulated and observed durations (censored at the
    /// horizon).
    public var kolmogorovSmirnov: Double
    /// Evaluations of `J` (scan and both Nelder–Mead starts).
    public var evaluations: Int
    /// Whether the final Nelder–Mead start met its tolerance.
    public var converged: Bool
    /// Runs per evaluation.
    public var runsPerEvaluation: Int
    /// Seed of the common random numbers.
    public var seed: UInt64
    /// The horizon (weeks) at which durations are censored.
    public var horizon: Int

    /// The estimate of the named parameter.
    public func value(of name: String) -> Double? {
        parameters.firstIndex { $0.name == name }.map { estimate[$0] }
    }

    /// The overrides (`key=value`) that set the scenario to `θ̂`.
    public var overrides: [String] {
        zip(parameters, estimate).flatMap { p, v in p.keys.map { "\($0)=\(v)" } }
    }

    /// A plain-text report.
    public var text: String {
        var lines = [
            "SMM fit to \(observedCount) wars (\(runsPerEvaluation) runs per evaluation, seed \(seed), horizon \(horizon) weeks)"
        ]
        for (p, v) in zip(parameters, estimate) {
            lines.append(
                "  \(p.name.padding(toLength: 16, withPad: " ", startingAt: 0)) = "
                    + String(format: "%.5g", v) + "   [\(p.lower) … \(p.upper)\(p.logScale ? ", log" : "")]")
        }
        lines.append(
            String(
                format: "  J = %.3f over %d moments; KS distance of durations = %.3f", objective,
                moments.names.count, kolmogorovSmirnov))
        lines.append("  \(evaluations) evaluations, \(converged ? "converged" : "stopped by the evaluation budget")")
        lines.append(moments.text)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A fitted calibration checked on wars not used in the fit.
public struct HeldOutValidation: Sendable, Codable, Equatable {
    /// Number of held-out wars.
    public var count: Int
    /// Held-out observed moments against the moments simulated at the estimate.
    public var moments: MomentFit
    /// `J` against the held-out moments, weighted by their own inverse variances.
    public var objective: Double
    /// Kolmogorov–Smirnov distance of durations, simulated vs held-out (censored at the horizon).
    public var kolmogorovSmirnov: Double

    /// A plain-text report.
    public var text: String {
        String(
            format: "Held-out validation on %d wars: J = %.3f, KS distance of durations = %.3f\n", count,
            objective, kolmogorovSmirnov) + moments.text + "\n"
    }
}

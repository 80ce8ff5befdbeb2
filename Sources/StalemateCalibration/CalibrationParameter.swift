import Foundation
import StalemateAnalysis
import StalemateScenario

/// One calibrated parameter: a value within bounds, written into the scenario through one or
/// more override keys (several keys move together, e.g. both sides' `weeklyCost`).
///
/// The optimiser works on the unit interval: `u ∈ [0, 1]` maps to `lower + u (upper − lower)`,
/// or geometrically, `lower (upper/lower)^u`, when `logScale` is set.
public struct CalibrationParameter: Sendable, Codable, Equatable {
    /// A short name for reports, e.g. `weeklyCost`.
    public var name: String
    /// The override keys set to the value, e.g. `["sides.A.weeklyCost", "sides.B.weeklyCost"]`.
    public var keys: [String]
    /// Least value.
    public var lower: Double
    /// Greatest value.
    public var upper: Double
    /// Whether the unit interval maps geometrically (for scale parameters spanning decades).
    public var logScale: Bool

    /// A parameter over `lower…upper`.
    /// - Precondition: `lower < upper`, both finite, and `lower > 0` when `logScale`. `keys` is
    ///   empty only for a parameter of the calibration itself (`CalibrationHeterogeneity.spread`).
    public init(name: String, keys: [String], lower: Double, upper: Double, logScale: Bool = false) {
        precondition(lower < upper && lower.isFinite && upper.isFinite, "CalibrationParameter: empty range")
        precondition(!logScale || lower > 0, "CalibrationParameter: a log scale needs lower > 0")
        self.name = name
        self.keys = keys
        self.lower = lower
        self.upper = upper
        self.logScale = logScale
    }

    /// The value at unit coordinate `u`, clamped to `[0, 1]`.
    public func value(atUnit u: Double) -> Double {
        let t = min(1, max(0, u))
        return logScale ? lower * Foundation.pow(upper / lower, t) : lower + t * (upper - lower)
    }

    /// The unit coordinate of `value` (inverse of `value(atUnit:)`), clamped to `[0, 1]`.
    public func unit(of value: Double) -> Double {
        let t =
            logScale ? Foundation.log(value / lower) / Foundation.log(upper / lower) : (value - lower) / (upper - lower)
        return min(1, max(0, t))
    }

    /// The overrides that set this parameter to `value`.
    public func overrides(_ value: Double) -> [Override] {
        keys.map { Override(key: $0, value: "\(value)", location: ScenarioLocation(file: "calibration")) }
    }
}

import Foundation

/// One input of a sensitivity analysis: a named quantity varied over a range.
///
/// The designs work on the unit hypercube [0, 1]^k and map each coordinate `u` to the input's
/// units with `value(atUnit:)`:
///
/// - linear scale: `lower + u (upper − lower)`, so the input is uniform on `lower...upper`;
/// - log scale: `lower · (upper / lower)^u`, so `log x` is uniform (the input is log-uniform),
///   which suits a quantity known only to an order of magnitude (a rate, a cost ratio).
///
/// The endpoints map exactly: `value(atUnit: 0) == lower`, `value(atUnit: 1) == upper`.
/// Sensitivity measures that depend on a step size (Morris elementary effects) are stated per
/// unit of `u`, that is per full range of the input (per full range of `log x` on a log
/// scale), so inputs with different units can be compared.
public struct SensitivityInput: Sendable, Hashable, CustomStringConvertible {
    /// The input's name, e.g. the parameter key `sides.B.contingency`.
    public let name: String
    /// The lowest value, in the input's units.
    public let lower: Double
    /// The highest value, in the input's units.
    public let upper: Double
    /// Whether the input is log-uniform (`true`) rather than uniform (`false`) on its range.
    public let logScale: Bool

    /// An input varied over `lower...upper`.
    ///
    /// - Throws: `SensitivityError` with code `badName` for an empty name, `nonFiniteBound`
    ///   for a NaN or infinite bound, `emptyRange` unless `lower < upper`, and
    ///   `nonPositiveLogRange` for a log scale unless `lower > 0`.
    public init(name: String, lower: Double, upper: Double, logScale: Bool = false) throws(SensitivityError) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw SensitivityError(.emptyName) }
        guard lower.isFinite, upper.isFinite else {
            throw SensitivityError(.nonFiniteBound(name: name, lower: lower, upper: upper))
        }
        guard lower < upper else { throw SensitivityError(.emptyRange(name: name, lower: lower, upper: upper)) }
        if logScale, lower <= 0 { throw SensitivityError(.nonPositiveLogRange(name: name, lower: lower)) }
        self.name = name
        self.lower = lower
        self.upper = upper
        self.logScale = logScale
    }

    /// The value at unit coordinate `u`: `lower + u (upper − lower)`, or `lower · (upper/lower)^u`
    /// on a log scale. Exact at `u = 0` and `u = 1`, monotone increasing in between.
    ///
    /// - Precondition: `0 ≤ u ≤ 1`.
    public func value(atUnit u: Double) -> Double {
        precondition(u >= 0 && u <= 1, "unit coordinate \(u) is outside [0, 1]")
        if u == 0 { return lower }
        if u == 1 { return upper }
        if logScale {
            let logLower = Foundation.log(lower)
            let x = Foundation.exp(logLower + u * (Foundation.log(upper) - logLower))
            return min(max(x, lower), upper)
        }
        return min(lower + u * (upper - lower), upper)
    }

    /// The unit coordinate of `value`, the inverse of `value(atUnit:)`: `(x − lower)/(upper − lower)`,
    /// or `log(x/lower)/log(upper/lower)` on a log scale. Values outside the range give
    /// coordinates outside [0, 1].
    public func unit(of value: Double) -> Double {
        if logScale {
            return Foundation.log(value / lower) / Foundation.log(upper / lower)
        }
        return (value - lower) / (upper - lower)
    }

    /// The variance of the input under its sampling distribution, in squared input units:
    /// `(upper − lower)² / 12` on a linear scale; for a log-uniform input with
    /// `L = log(upper/lower)`, `(upper² − lower²)/(2L) − ((upper − lower)/L)²`.
    public var variance: Double {
        if logScale {
            let l = Foundation.log(upper / lower)
            let mean = (upper - lower) / l
            return (upper * upper - lower * lower) / (2 * l) - mean * mean
        }
        return (upper - lower) * (upper - lower) / 12
    }

    /// `name in lower...upper`, with `(log)` for a log scale.
    public var description: String {
        "\(name) in \(lower)...\(upper)" + (logScale ? " (log)" : "")
    }

    /// Throws unless `inputs` is non-empty and its names are distinct.
    static func validate(_ inputs: [SensitivityInput]) throws(SensitivityError) {
        guard !inputs.isEmpty else { throw SensitivityError(.noInputs) }
        var seen = Set<String>()
        for input in inputs where !seen.insert(input.name).inserted {
            throw SensitivityError(.duplicateName(input.name))
        }
    }

    /// The point in input units of a point of the unit hypercube.
    static func map(_ unitPoint: [Double], through inputs: [SensitivityInput]) -> [Double] {
        var point = [Double]()
        point.reserveCapacity(inputs.count)
        for (input, u) in zip(inputs, unitPoint) { point.append(input.value(atUnit: u)) }
        return point
    }
}

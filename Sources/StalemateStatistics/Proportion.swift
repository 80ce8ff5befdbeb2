import Foundation

/// A proportion with its 95% Wilson score interval (Wilson 1927), which keeps its coverage
/// near 0 and 1 where the normal (Wald) interval collapses.
public struct Proportion: Sendable, Codable, Equatable {
    /// Number of successes.
    public var count: Int
    /// Number of trials.
    public var trials: Int
    /// `count / trials` (0 when there are no trials).
    public var estimate: Double
    /// Lower bound of the 95% interval.
    public var lower: Double
    /// Upper bound of the 95% interval.
    public var upper: Double

    /// The two-sided 95% normal quantile.
    public static let z95 = 1.959963984540054

    public init(count: Int, trials: Int, z: Double = Proportion.z95) {
        self.count = count
        self.trials = trials
        guard trials > 0 else {
            estimate = 0
            lower = 0
            upper = 1
            return
        }
        let n = Double(trials)
        let p = Double(count) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        estimate = p
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }
}

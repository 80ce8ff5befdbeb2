/// The moments the simulated-method-of-moments calibration matches, and their weights.
///
/// Moments, in order: the shares of wars ended within each of `checkpoints` weeks (default 4,
/// 13, 26, 52, 104), then the shares of each `WarOutcomeClass` (decisive, compromise,
/// stalemate). A war that lasted longer than the horizon has not ended at any checkpoint.
public struct CalibrationMoments: Sendable, Codable, Equatable {
    /// The default checkpoints: a month, a quarter, half a year, a year and two years.
    public static let defaultCheckpoints = [4, 13, 26, 52, 104]

    /// The week checkpoints of the duration moments.
    public var checkpoints: [Int]
    /// The moment values, `checkpoints.count + 3` of them.
    public var values: [Double]

    /// The moments of `wars`, with durations right-censored at `horizon`.
    public init(of wars: [ObservedWar], horizon: Int, checkpoints: [Int] = defaultCheckpoints) {
        let sample = DurationSample(wars, horizon: horizon)
        let n = Double(max(wars.count, 1))
        self.checkpoints = checkpoints
        values =
            checkpoints.map { sample.shareEnded(by: min($0, horizon)) }
            + WarOutcomeClass.allCases.map { c in Double(wars.filter { $0.outcome == c }.count) / n }
    }

    /// The moments' names, for reports: `ended≤4w`, …, `decisive`, `compromise`, `stalemate`.
    public var names: [String] {
        checkpoints.map { "ended≤\($0)w" } + WarOutcomeClass.allCases.map(\.rawValue)
    }

    /// Inverse-variance weights of these moments as shares observed in `count` wars:
    /// `w_k = count / max(p_k(1 − p_k), floor(1 − floor))`, the binomial variance of a share with
    /// `p_k` floored at `floor` (default 0.05) so that a share near 0 or 1 — the COW data's 2
    /// compromises in 87 wars — does not get an almost infinite weight.
    public func inverseVarianceWeights(count: Int, floor: Double = 0.05) -> [Double] {
        let least = floor * (1 - floor)
        return values.map { p in Double(count) / max(p * (1 - p), least) }
    }

    /// The SMM objective `J = Σ_k w_k (m_k − o_k)²` of these (simulated) moments against
    /// `observed`.
    /// - Precondition: equal numbers of moments and weights.
    public func objective(against observed: CalibrationMoments, weights: [Double]) -> Double {
        precondition(values.count == observed.values.count && weights.count == values.count)
        var total = 0.0
        for k in values.indices {
            let gap = values[k] - observed.values[k]
            total += weights[k] * gap * gap
        }
        return total
    }
}

import StalemateAnalysis

/// Which outcome shares the calibration matches.
public enum OutcomeMoments: String, Sendable, Codable, CaseIterable {
    /// The shares of the three `WarOutcomeClass`es: decisive, compromise, stalemate (v1's
    /// calibration).
    case threeClasses
    /// The share of wars without a winner (compromise or stalemate). Under model v2 a COW
    /// compromise (a negotiated end) and a COW stalemate (an armistice or a war that stopped
    /// without agreement) are both ceasefires in the engine, which cannot tell them apart.
    case noWinner
}

/// The moments the simulated-method-of-moments calibration matches, and their weights.
///
/// Moments, in order: the shares of wars ended within each of `checkpoints` weeks (default 4,
/// 13, 26, 52, 104), then the outcome shares: of each `WarOutcomeClass` (decisive, compromise,
/// stalemate), or the one share of wars without a winner (`OutcomeMoments`). A war that lasted
/// longer than the horizon has not ended at any checkpoint.
public struct CalibrationMoments: Sendable, Codable, Equatable {
    /// The default checkpoints: a month, a quarter, half a year, a year and two years.
    public static let defaultCheckpoints = [4, 13, 26, 52, 104]

    /// The week checkpoints of the duration moments.
    public var checkpoints: [Int]
    /// The outcome shares that follow the duration moments.
    public var outcomes: OutcomeMoments
    /// The moment values: `checkpoints.count` durations, then 3 or 1 outcome shares.
    public var values: [Double]

    /// The number of outcome moments of `outcomes`.
    public static func outcomeCount(_ outcomes: OutcomeMoments) -> Int {
        outcomes == .threeClasses ? WarOutcomeClass.allCases.count : 1
    }

    /// The moments of `wars`, with durations right-censored at `horizon`.
    public init(
        of wars: [ObservedWar], horizon: Int, checkpoints: [Int] = defaultCheckpoints,
        outcomes: OutcomeMoments = .threeClasses
    ) {
        let sample = DurationSample(wars, horizon: horizon)
        let n = Double(max(wars.count, 1))
        func share(_ c: WarOutcomeClass) -> Double { Double(wars.filter { $0.outcome == c }.count) / n }
        self.checkpoints = checkpoints
        self.outcomes = outcomes
        let durations = checkpoints.map { sample.shareEnded(by: min($0, horizon)) }
        switch outcomes {
        case .threeClasses: values = durations + WarOutcomeClass.allCases.map(share)
        case .noWinner: values = durations + [share(.compromise) + share(.stalemate)]
        }
    }

    /// The moments' names, for reports: `ended≤4w`, …, then `decisive`, `compromise`,
    /// `stalemate` or `noWinner`.
    public var names: [String] {
        checkpoints.map { "ended≤\($0)w" }
            + (outcomes == .threeClasses ? WarOutcomeClass.allCases.map(\.rawValue) : ["noWinner"])
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

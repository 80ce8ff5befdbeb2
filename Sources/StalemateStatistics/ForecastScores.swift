import Foundation

/// Scores of a probabilistic forecast against one observation (docs/backtest.md). Lower is
/// better for every score here. Ensembles are passed sorted ascending.
public enum ForecastScores {
    /// Σ_i Σ_j |x_i − x_j| over all ordered pairs, from the order statistics:
    /// 2 Σ_k (2k − m − 1) x_(k). Centred on the median first, which changes nothing in exact
    /// arithmetic (the weights sum to zero) and keeps the sum small.
    static func pairwiseSum(sorted x: [Double]) -> Double {
        let m = x.count
        guard m > 1 else { return 0 }
        let centre = x[m / 2]
        var sum = 0.0
        for (k, v) in x.enumerated() { sum += Double(2 * (k + 1) - m - 1) * (v - centre) }
        return 2 * sum
    }

    static func meanAbsoluteError(sorted x: [Double], _ y: Double) -> Double {
        var sum = 0.0
        for v in x { sum += abs(v - y) }
        return sum / Double(x.count)
    }

    /// CRPS of the ensemble's empirical distribution (Gneiting & Raftery 2007, eq. 21):
    /// (1/m) Σ|x_i − y| − (1/2m²) Σ_i Σ_j |x_i − x_j|. Biased for a finite ensemble: it favours
    /// small ensembles that are too narrow.
    public static func crpsEnsemble(sorted x: [Double], _ y: Double) -> Double {
        let m = Double(x.count)
        return meanAbsoluteError(sorted: x, y) - pairwiseSum(sorted: x) / (2 * m * m)
    }

    /// The fair CRPS of a finite ensemble (Ferro 2014, eq. 4; Zamo & Naveau 2018): the pair
    /// term divided by 2m(m − 1) instead of 2m². Its expectation for an ensemble of m
    /// exchangeable draws equals the CRPS of the distribution they are drawn from, so the
    /// score does not depend on the number of runs. This is the score Stalemate reports.
    public static func crpsFair(sorted x: [Double], _ y: Double) -> Double {
        let m = Double(x.count)
        guard x.count > 1 else { return meanAbsoluteError(sorted: x, y) }
        return meanAbsoluteError(sorted: x, y) - pairwiseSum(sorted: x) / (2 * m * (m - 1))
    }

    /// CRPS of the normal distribution N(mean, sd²) (Gneiting et al. 2005, eq. 5):
    /// σ [z (2Φ(z) − 1) + 2φ(z) − 1/√π] with z = (y − μ)/σ; |y − μ| when σ = 0.
    public static func crpsNormal(mean: Double, sd: Double, _ y: Double) -> Double {
        guard sd > 0 else { return abs(y - mean) }
        let z = (y - mean) / sd
        return sd * (z * (2 * normalCDF(z) - 1) + 2 * normalPDF(z) - 1 / Double.pi.squareRoot())
    }

    /// Standard normal cumulative distribution.
    public static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// Standard normal density.
    public static func normalPDF(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }

    /// Upper quantiles of the standard normal for the central 50% and 90% intervals.
    public static let z75 = 0.674_489_750_196_081_7
    public static let z95 = 1.644_853_626_951_472_2

    /// Where the observation falls in the ensemble, as the range of its probability integral
    /// transform: with k members below y and c equal to it, y's rank among the m + 1 values is
    /// uniform on k+1 … k+c+1, so the PIT is uniform on [k/(m+1), (k+c+1)/(m+1)]. For m
    /// exchangeable draws and an observation from the same distribution this is exactly
    /// uniform on [0, 1] (the rank histogram of Anderson 1996, spread over its bins as the
    /// non-randomised PIT of Czado, Gneiting & Held 2009 spreads a discrete forecast's).
    public static func pitRange(sorted x: [Double], _ y: Double) -> ClosedRange<Double> {
        let below = lowerBound(x, y)
        let notAbove = upperBound(x, y)
        let n = Double(x.count + 1)
        return Double(below) / n...Double(notAbove + 1) / n
    }

    /// The PIT of a normal forecast: Φ(z), or for a point forecast (sd = 0) 0 below, 1 above
    /// and [0, 1] at the point.
    public static func pitRangeNormal(mean: Double, sd: Double, _ y: Double) -> ClosedRange<Double> {
        if sd > 0 {
            let p = normalCDF((y - mean) / sd)
            return p...p
        }
        return y < mean ? 0...0 : y > mean ? 1...1 : 0...1
    }

    /// The Brier score (Brier 1950) of probability `p` for a binary outcome `y` ∈ {0, 1}.
    public static func brier(probability p: Double, _ y: Double) -> Double { (p - y) * (p - y) }

    /// The log (ignorance) score −ln P(y), with the probability first clipped to
    /// [ε, 1 − ε], so that an outcome the forecast gave no run does not score infinity.
    public static func logScore(probability p: Double, _ y: Double, epsilon: Double) -> Double {
        let q = min(1 - epsilon, max(epsilon, p))
        return -log(y >= 0.5 ? q : 1 - q)
    }

    /// The interval score of a central (1 − α) interval [l, u] (Gneiting & Raftery 2007,
    /// eq. 43): its width plus 2/α times the distance by which it misses the observation.
    public static func intervalScore(lower l: Double, upper u: Double, alpha: Double, _ y: Double) -> Double {
        (u - l) + (y < l ? 2 / alpha * (l - y) : 0) + (y > u ? 2 / alpha * (y - u) : 0)
    }

    /// Index of the first element not less than `y` (the number of elements below it).
    static func lowerBound(_ x: [Double], _ y: Double) -> Int {
        var lo = 0
        var hi = x.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x[mid] < y { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Index of the first element greater than `y` (the number not above it).
    static func upperBound(_ x: [Double], _ y: Double) -> Int {
        var lo = 0
        var hi = x.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x[mid] <= y { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// A histogram of probability integral transforms over equal bins of [0, 1]. Each PIT is a
/// range (see `ForecastScores.pitRange`) whose unit mass is spread uniformly over it; a
/// point puts its mass in the bin that holds it (the last bin holds 1).
public struct PITHistogram: Sendable, Equatable, Codable {
    /// The mass in each bin (sums to the number of observations).
    public private(set) var mass: [Double]

    public init(bins: Int = 10) { mass = [Double](repeating: 0, count: bins) }

    /// The number of observations added.
    public var count: Double { mass.reduce(0, +) }

    /// The share of observations in each bin (each 1/bins under calibration).
    public var shares: [Double] {
        let n = count
        return mass.map { n > 0 ? $0 / n : .nan }
    }

    public mutating func add(_ range: ClosedRange<Double>) {
        let k = mass.count
        let lo = min(1, max(0, range.lowerBound))
        let hi = min(1, max(0, range.upperBound))
        if hi - lo <= 0 {
            mass[min(k - 1, Int(lo * Double(k)))] += 1
            return
        }
        for b in 0..<k {
            let a = Double(b) / Double(k)
            let c = Double(b + 1) / Double(k)
            let overlap = min(hi, c) - max(lo, a)
            if overlap > 0 { mass[b] += overlap / (hi - lo) }
        }
    }
}

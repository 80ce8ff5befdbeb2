import Foundation
import StalemateCore

/// How strongly each parameter separates the points of interest from the rest, as a quick
/// first look before PRIM (docs/discovery.md): for a numeric parameter, the two-sample
/// Kolmogorov–Smirnov statistic D, the largest gap between the two groups' empirical
/// distribution functions (rank-based, so a parameter's scale does not matter, and it sees a
/// window in the middle of a range as well as a threshold); for a categorical one, the total
/// variation distance between the groups' shares of each level (the same idea for levels).
/// Both lie in [0, 1]. The p-value is a permutation test: the share of label shufflings
/// (seeded) whose statistic reaches the one observed (Good 2005, *Permutation, Parametric
/// and Bootstrap Tests of Hypotheses*, ch. 3).
public struct FeatureScore: Codable, Sendable, Equatable {
    public var parameter: String
    /// `ks` (numeric) or `total-variation` (categorical).
    public var statistic: String
    public var score: Double
    public var pValue: Double
    /// Rank by score, 1 for the strongest.
    public var rank: Int

    public init(parameter: String, statistic: String, score: Double, pValue: Double, rank: Int) {
        self.parameter = parameter
        self.statistic = statistic
        self.score = score
        self.pValue = pValue
        self.rank = rank
    }

    /// One score per column, ranked; `permutations` label shufflings for the p-values.
    public static func scores(
        names: [String], columns: [[Double]], kinds: [PRIM.Kind], interest: [Bool], permutations: Int = 999,
        seed: UInt64 = 1
    ) -> [FeatureScore] {
        let statistics: [([Bool]) -> Double] = columns.indices.map { j in
            switch kinds[j] {
            case .continuous:
                let order = columns[j].indices.sorted { columns[j][$0] < columns[j][$1] }
                let sorted = order.map { columns[j][$0] }
                return { labels in ks(order: order, sorted: sorted, labels: labels) }
            case .categorical(let levels):
                let codes = columns[j].map { Int($0) }
                return { labels in totalVariation(codes: codes, levels: levels, labels: labels) }
            }
        }
        let observed = statistics.map { $0(interest) }
        var reached = [Int](repeating: 0, count: columns.count)
        var labels = interest
        var state = seed
        for _ in 0..<permutations {
            for i in stride(from: labels.count - 1, to: 0, by: -1) {
                labels.swapAt(i, Int(splitMix(&state) % UInt64(i + 1)))
            }
            for j in columns.indices where statistics[j](labels) >= observed[j] - 1e-12 { reached[j] += 1 }
        }
        let ranks = columns.indices.sorted { observed[$0] > observed[$1] }
        return columns.indices.map { j in
            FeatureScore(
                parameter: names[j], statistic: kinds[j] == .continuous ? "ks" : "total-variation",
                score: observed[j], pValue: Double(1 + reached[j]) / Double(1 + permutations),
                rank: ranks.firstIndex(of: j)! + 1)
        }
    }

    /// D = sup |F₁ − F₀| over the data, evaluated after each run of tied values.
    static func ks(order: [Int], sorted: [Double], labels: [Bool]) -> Double {
        let n1 = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        let n0 = labels.count - n1
        guard n1 > 0, n0 > 0 else { return 0 }
        var (c1, c0) = (0, 0)
        var d = 0.0
        for (k, i) in order.enumerated() {
            if labels[i] { c1 += 1 } else { c0 += 1 }
            if k + 1 < sorted.count && sorted[k + 1] == sorted[k] { continue }
            d = max(d, abs(Double(c1) / Double(n1) - Double(c0) / Double(n0)))
        }
        return d
    }

    /// ½ Σ |p₁(level) − p₀(level)|.
    static func totalVariation(codes: [Int], levels: Int, labels: [Bool]) -> Double {
        var c1 = [Int](repeating: 0, count: levels)
        var c0 = [Int](repeating: 0, count: levels)
        for (code, label) in zip(codes, labels) {
            if label { c1[code] += 1 } else { c0[code] += 1 }
        }
        let (n1, n0) = (c1.reduce(0, +), c0.reduce(0, +))
        guard n1 > 0, n0 > 0 else { return 0 }
        return 0.5 * (0..<levels).reduce(0) { $0 + abs(Double(c1[$1]) / Double(n1) - Double(c0[$1]) / Double(n0)) }
    }

    /// SplitMix64 (Steele, Lea & Flood 2014): the shuffles' and resamples' random numbers.
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

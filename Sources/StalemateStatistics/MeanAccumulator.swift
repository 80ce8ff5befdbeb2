import Foundation

/// Running mean and variance (Welford), merged in a fixed order for reproducible sums.
public struct MeanAccumulator: Sendable, Equatable, Codable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var m2 = 0.0

    public init() {}

    public mutating func add(_ x: Double) {
        count += 1
        let d = x - mean
        mean += d / Double(count)
        m2 += d * (x - mean)
    }

    /// Chan et al.'s parallel merge.
    public mutating func merge(_ o: MeanAccumulator) {
        guard o.count > 0 else { return }
        guard count > 0 else {
            self = o
            return
        }
        let n = Double(count + o.count)
        let d = o.mean - mean
        mean += d * Double(o.count) / n
        m2 += o.m2 + d * d * Double(count) * Double(o.count) / n
        count += o.count
    }

    /// Sample variance (0 for fewer than two values).
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    /// Standard error of the mean.
    public var standardError: Double { count > 0 ? (variance / Double(count)).squareRoot() : 0 }
}
